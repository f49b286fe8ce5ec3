// Serves a production build with `vite preview` on a free port for one browser-test file.
// The vite binary is started directly, never through npx: killing npx leaves vite running
// (TOOLCHAIN.md pitfall 11). It runs in its own process group so teardown can end it and
// anything it spawned.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface PreviewServer {
  /** Where the app lives, base path included, ending in '/'. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** A port the OS just handed out; vite then binds it with --strictPort. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * A private copy of dist/ for one test file, so a `vite build` run meanwhile (several
 * people share a checkout; the build empties dist/ first) cannot pull files from under
 * a running test. Waits for a build in progress to finish writing (index.html settled).
 */
export async function snapshotDist(): Promise<{ dir: string; remove(): void }> {
  const dist = path.join(REPO_ROOT, 'dist');
  const index = path.join(dist, 'index.html');
  for (let waited = 0; ; waited += 500) {
    const settled = existsSync(index) && Date.now() - statSync(index).mtimeMs > 2000;
    if (settled) break;
    if (waited > 120_000) break; // startPreview reports the missing build
    await new Promise((r) => setTimeout(r, 500));
  }
  const dir = path.join(REPO_ROOT, 'test-results', 'dist-snapshots', `${process.pid}-${Date.now()}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  if (existsSync(index)) cpSync(dist, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `vite preview` over `outDir` (default dist/) and resolves once it prints its URL. */
export async function startPreview(outDir = path.join(REPO_ROOT, 'dist')): Promise<PreviewServer> {
  if (!existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(
      `${path.relative(REPO_ROOT, outDir)}/index.html is missing: the browser tests run against the production build. ` +
        'Run `npx vite build` (npm test does it before vitest).',
    );
  }
  const vite = path.join(REPO_ROOT, 'node_modules/.bin/vite');
  const port = await freePort();
  const args = ['preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'];
  const child = spawn(vite, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const onExit = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite preview printed no URL within 30 s:\n${output}`)), 30_000);
    const scan = (chunk: Buffer) => {
      output += chunk.toString();
      // "Local:   http://127.0.0.1:41234/base/"
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1].endsWith('/') ? m[1] : `${m[1]}/`);
      }
    };
    child.stdout!.on('data', scan);
    child.stderr!.on('data', scan);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite preview exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    stop: async () => {
      process.off('exit', onExit);
      await stopProcessGroup(child);
    },
  };
}
