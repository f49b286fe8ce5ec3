// Browser-test files run one at a time even though vitest spreads files over two workers:
// each holds a lock directory while its browser is up (mkdir is atomic). A lock whose
// owner process is gone is taken over, so a crashed run never blocks the next one.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './preview';

const LOCK = path.join(REPO_ROOT, 'test-results', '.browser-lock');

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM') return true;
    // ENOENT: the owner may be between mkdir and writing its pid; alive unless that was long ago.
    if (code === 'ENOENT') {
      try {
        return Date.now() - statSync(LOCK).mtimeMs < 10_000;
      } catch {
        return false;
      }
    }
    return false;
  }
}

export async function acquireBrowserLock(timeoutMs = 600_000): Promise<() => void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!ownerAlive()) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`browser-test lock ${LOCK} held for over ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
