// The generated sw.js, run unchanged in a fake service-worker scope (support/fake-sw-env.ts)
// served from a sub-path, as on GitHub Pages: what it precaches, which caches it deletes,
// what it answers from the cache, and that it only takes over when asked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHash, precacheList, renderServiceWorker, type BuildFile } from '../../vite-plugins/service-worker';
import { FakeRequest, FakeSwEnv } from './support/fake-sw-env';

const SOURCE = readFileSync(path.resolve(__dirname, '../../src/pwa/sw.worker.ts'), 'utf8');
const BASE = 'https://example.github.io/carryover/';

const FILES: BuildFile[] = [
  { name: 'index.html', bytes: '<!doctype html><title>Carryover</title>' },
  { name: 'assets/index-AAAA.js', bytes: 'console.log(1)' },
  { name: 'assets/index-AAAA.js.map', bytes: '{}' },
  { name: 'assets/engine-BBBB.wasm', bytes: new Uint8Array([0, 97, 115, 109]) },
  { name: 'assets/chain.worker-CCCC.js', bytes: 'postMessage(1)' },
  { name: 'demo/mmm_example.csv', bytes: 'date_week,y\n' },
  { name: 'holidays/holidays.json', bytes: '{}' },
  { name: 'manifest.webmanifest', bytes: '{}' },
];

/** The network as the host serves the build (index.html also at the bare base URL). */
function network(files: BuildFile[]): Map<string, string> {
  const m = new Map(files.map((f) => [BASE + f.name, typeof f.bytes === 'string' ? f.bytes : Buffer.from(f.bytes).toString('latin1')]));
  m.set(BASE, m.get(BASE + 'index.html')!);
  return m;
}

async function installed(files = FILES, env = new FakeSwEnv(`${BASE}sw.js`, network(files))): Promise<FakeSwEnv> {
  env.load(await renderServiceWorker(SOURCE, files));
  await env.extendable('install');
  await env.extendable('activate');
  return env;
}

const cacheOf = (env: FakeSwEnv, files = FILES) => env.caches.get(`carryover:${BASE}:${buildHash(files)}`);

describe('precache list and build hash', () => {
  it('lists every file but source maps and sw.js, plus the base URL itself', () => {
    const list = precacheList([...FILES, { name: 'sw.js', bytes: '' }]);
    expect(list).toEqual([
      './',
      'assets/chain.worker-CCCC.js',
      'assets/engine-BBBB.wasm',
      'assets/index-AAAA.js',
      'demo/mmm_example.csv',
      'holidays/holidays.json',
      'index.html',
      'manifest.webmanifest',
    ]);
  });

  it('changes when one byte of one file changes, not when files come in another order', () => {
    const h = buildHash(FILES);
    expect(buildHash([...FILES].reverse())).toBe(h);
    const edited = FILES.map((f) => (f.name === 'demo/mmm_example.csv' ? { ...f, bytes: 'date_week,Y\n' } : f));
    expect(buildHash(edited)).not.toBe(h);
    const renamed = FILES.map((f) => (f.name === 'demo/mmm_example.csv' ? { ...f, name: 'demo/other.csv' } : f));
    expect(buildHash(renamed)).not.toBe(h);
    // Source maps are not precached, so they do not make a new version.
    const mapEdited = FILES.map((f) => (f.name.endsWith('.map') ? { ...f, bytes: '{"x":1}' } : f));
    expect(buildHash(mapEdited)).toBe(h);
  });
});

describe('generated service worker', () => {
  it('precaches every file under its own scope, bypassing the HTTP cache', async () => {
    const env = await installed();
    const cache = cacheOf(env);
    expect(cache, `caches: ${[...env.caches.keys()]}`).toBeDefined();
    expect(cache!.urls()).toEqual(precacheList(FILES).map((p) => new URL(p, BASE).href).sort());
    expect(env.fetched.every((r) => r.cache === 'reload')).toBe(true);
    expect(env.claimCalls).toBe(1);
    expect(env.skipWaitingCalls).toBe(0);
  });

  it('fails the install when a file is missing (no half-cached version)', async () => {
    const net = network(FILES);
    net.delete(`${BASE}assets/engine-BBBB.wasm`);
    const env = new FakeSwEnv(`${BASE}sw.js`, net);
    env.load(await renderServiceWorker(SOURCE, FILES));
    await expect(env.extendable('install')).rejects.toThrow(/engine-BBBB\.wasm answered 404/);
    expect(cacheOf(env)?.entries.length ?? 0).toBe(0);
  });

  it('serves from the cache first, whatever the query string and despite Vary: Origin', async () => {
    const env = await installed();
    const before = env.fetched.length;
    for (const url of [`${BASE}assets/index-AAAA.js`, `${BASE}assets/index-AAAA.js?v=2`, `${BASE}assets/engine-BBBB.wasm`, `${BASE}demo/mmm_example.csv`]) {
      const res = await env.dispatchFetch(new FakeRequest(url)).response;
      expect(res?.status, url).toBe(200);
    }
    expect(await (await env.dispatchFetch(new FakeRequest(`${BASE}demo/mmm_example.csv`)).response)!.text()).toBe('date_week,y\n');
    expect(env.fetched.length).toBe(before);
  });

  it('answers page navigations inside the scope with the app shell, offline', async () => {
    const env = await installed();
    env.files.clear(); // the network is gone
    for (const url of [BASE, `${BASE}?run=abc#results`, `${BASE}index.html`, `${BASE}some/deep/link`]) {
      const res = await env.dispatchFetch(new FakeRequest(url, { mode: 'navigate' })).response;
      expect(await res!.text(), url).toBe('<!doctype html><title>Carryover</title>');
    }
  });

  it('goes to the network for what it does not hold, and leaves other requests alone', async () => {
    const env = await installed();
    const miss = await env.dispatchFetch(new FakeRequest(`${BASE}not-in-build.txt`)).response;
    expect(miss?.status).toBe(404);
    expect(env.fetched.at(-1)!.url).toBe(`${BASE}not-in-build.txt`);
    expect(env.dispatchFetch(new FakeRequest(`${BASE}assets/index-AAAA.js`, { method: 'POST' })).response).toBeUndefined();
    expect(env.dispatchFetch(new FakeRequest('https://cdn.example.com/x.js')).response).toBeUndefined();
  });

  it('on activation deletes its older caches only, not other deployments or other apps', async () => {
    const env = new FakeSwEnv(`${BASE}sw.js`, network(FILES));
    const old = `carryover:${BASE}:0123456789abcdef`;
    const sibling = 'carryover:https://example.github.io/carryover-staging/:0123456789abcdef';
    for (const name of [old, sibling, 'another-app-cache']) env.caches.set(name, undefined as never);
    await installed(FILES, env);
    expect([...env.caches.keys()].sort()).toEqual([sibling, 'another-app-cache', `carryover:${BASE}:${buildHash(FILES)}`].sort());
  });

  it('takes over only when the page asks', async () => {
    const env = await installed();
    env.message({ type: 'something-else' });
    env.message(null);
    expect(env.skipWaitingCalls).toBe(0);
    env.message({ type: 'skip-waiting' });
    expect(env.skipWaitingCalls).toBe(1);
  });
});
