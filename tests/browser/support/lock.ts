// Browser-test files run one at a time even though vitest spreads files over two workers
// (and several people may run browser tests on one machine): first come, first served.
// Each waiting file drops a ticket in a queue directory (name = arrival time + pid); the
// oldest ticket whose process is alive goes next and then holds a lock directory while
// its browser is up (mkdir is atomic). Tickets and locks of dead processes are cleared,
// so a crashed run never blocks the next one.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './preview';

const DIR = path.join(REPO_ROOT, 'test-results');
const LOCK = path.join(DIR, '.browser-lock');
const QUEUE = path.join(DIR, '.browser-queue');

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockOwnerAlive(): boolean {
  try {
    return alive(Number(readFileSync(path.join(LOCK, 'pid'), 'utf8')));
  } catch {
    // No pid yet: the owner may be between mkdir and writing it; alive unless that was long ago.
    try {
      return Date.now() - statSync(LOCK).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
}

/** Live tickets, oldest first; dead processes' tickets are removed. */
function queue(): string[] {
  const live: string[] = [];
  for (const t of readdirSync(QUEUE)) {
    const pid = Number(t.split('-')[1]);
    if (alive(pid)) live.push(t);
    else rmSync(path.join(QUEUE, t), { force: true });
  }
  return live.sort();
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (!lockOwnerAlive()) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Waits for this file's turn; returns the release function. */
export async function acquireBrowserLock(timeoutMs = Number(process.env.CARRYOVER_BROWSER_LOCK_TIMEOUT_MS ?? 1_800_000)): Promise<() => void> {
  mkdirSync(QUEUE, { recursive: true });
  const ticket = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const mine = path.join(QUEUE, ticket);
  writeFileSync(mine, '');
  const start = Date.now();
  try {
    for (;;) {
      if (queue()[0] === ticket && tryLock()) {
        return () => {
          rmSync(LOCK, { recursive: true, force: true });
          rmSync(mine, { force: true });
        };
      }
      if (Date.now() - start > timeoutMs) throw new Error(`waited over ${timeoutMs / 1000} s for the browser-test lock (${LOCK})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    rmSync(mine, { force: true });
    throw e;
  }
}
