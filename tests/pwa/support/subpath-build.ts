// A production build of the studio for a sub-path, as GitHub Pages serves a project site
// (https://user.github.io/carryover/). Built once per change of the sources: the test files
// that need it (tests/pwa/build.test.ts, tests/browser/offline.test.ts) share it through a
// fingerprint of every input file's path, size and mtime, under a lock so that two vitest
// workers never build into the same directory at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SUBPATH = '/carryover/';
export const SUBPATH_OUT = path.join(REPO_ROOT, 'test-results', 'pwa', 'subpath-build');
const STAMP = `${SUBPATH_OUT}.fingerprint`;
const LOCK = `${SUBPATH_OUT}.lock`;

// This file too: how the build is made is part of what it is.
const INPUTS = ['src', 'public', 'vite-plugins', 'index.html', 'vite.config.ts', 'svelte.config.js', 'package-lock.json', 'tests/pwa/support/subpath-build.ts'];

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) walk(path.join(p, name), out);
  } else out.push(`${path.relative(REPO_ROOT, p)}\t${st.size}\t${st.mtimeMs}`);
}

function fingerprint(): string {
  const lines: string[] = [];
  for (const rel of INPUTS) walk(path.join(REPO_ROOT, rel), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock older than a build can take is left by a crashed run.
      if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - start > 600_000) throw new Error(`${LOCK} held for over 10 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** The directory of a `CARRYOVER_BASE=/carryover/` production build, built if out of date. */
export async function subpathBuild(): Promise<string> {
  return withLock(async () => {
    const fp = fingerprint();
    const fresh = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fp && existsSync(path.join(SUBPATH_OUT, 'sw.js'));
    if (!fresh) {
      // vitest sets NODE_ENV=test, and Vite derives import.meta.env.PROD from NODE_ENV: without
      // this the build would be a development build (no service worker registration).
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({
          configFile: path.join(REPO_ROOT, 'vite.config.ts'),
          root: REPO_ROOT,
          base: SUBPATH,
          mode: 'production',
          logLevel: 'warn',
          build: { outDir: SUBPATH_OUT, emptyOutDir: true },
        });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
      writeFileSync(STAMP, fp);
    }
    return SUBPATH_OUT;
  });
}
