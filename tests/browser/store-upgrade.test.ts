// src/store against Chromium's real IndexedDB across versions and visits: a database made by
// an earlier Carryover (DB version 1 or 2, built here by hand exactly as db.ts made it then)
// opens at the current version with every run and the session intact; sampler settings and
// the analyst's chosen fields come back on a later visit, also when the session itself could
// not be saved or no longer reads back; bad stored values are left out without a throw or a
// console message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Store from '../../src/store';
import { useBrowser } from './harness';
import { buildTestPage } from './support/build-page';

const browser = useBrowser({ serve: () => buildTestPage(path.join(__dirname, 'store-page')), readySelector: '[data-testid="store-page"]' });
const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as Store.RunRecord;
const SETTINGS = { chains: 2, warmup: 300, draws: 200, seed: 4242, adapt_delta: 0.9, max_treedepth: 8, metric: 'diag_e' };

type W = { carryoverStore: typeof Store };
/** Records cross into the page as plain JSON; typed loosely so Playwright's argument types stay shallow. */
const asArg = (x: unknown): unknown => x;

/**
 * In the page: makes database `name` at `version` with the stores Carryover had then (db.ts
 * before DB version 3: v1 runs + payloads, v2 adds session) and writes `rows` into them.
 */
async function makeOldDb(arg: unknown): Promise<void> {
  const { name, version, rows } = arg as { name: string; version: number; rows: Array<{ store: string; value: unknown; key?: string }> };
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const q = indexedDB.open(name, version);
    q.onupgradeneeded = () => {
      q.result.createObjectStore('runs', { keyPath: 'id' }).createIndex('created_at', 'created_at');
      q.result.createObjectStore('payloads', { keyPath: 'id' });
      if (version >= 2) q.result.createObjectStore('session');
    };
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = db.transaction([...new Set(rows.map((r) => r.store))], 'readwrite');
    for (const r of rows) tx.objectStore(r.store).put(r.value, r.key);
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}

/** In the page: what the runs library and the session store read from database `name`, and its structure. */
async function readBack(name: string) {
  const s = (window as unknown as W).carryoverStore;
  const runs = await s.RunStore.open(name);
  if (!runs.ok) throw new Error(runs.errors[0].message);
  const list = await runs.value.list();
  const ids = list.ok ? list.value.map((r) => r.id) : [];
  const got = ids.length ? await runs.value.get(ids[0]) : null;
  runs.value.close();
  const ss = await s.SessionStore.open(name);
  if (!ss.ok) throw new Error(ss.errors[0].message);
  const session = await ss.value.load();
  ss.value.close();
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const q = indexedDB.open(name);
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  const structure = { version: db.version, stores: [...db.objectStoreNames].sort() };
  db.close();
  return { ids, run: got && got.ok ? got.value : null, session, structure };
}

describe('an older database opens without losing anything', () => {
  it('DB version 2 (runs, payloads, session) → version 4: the run and the whole session are there, settings included', async () => {
    const page = await browser().open();
    const session = {
      session_version: 1,
      saved_at: '2026-11-22T10:00:00.000Z',
      dataset: fixture.dataset,
      origin: { kind: 'demo' },
      spec: fixture.inference_data.attrs.model,
      preset: 'hill',
      settings: SETTINGS,
      current_run_id: fixture.id,
    };
    const summary = await page.evaluate((r) => (window as unknown as W).carryoverStore.summarize(r as Store.RunRecord), asArg(fixture));
    await page.evaluate(
      makeOldDb,
      asArg({
        name: 'from-v2',
        version: 2,
        rows: [
          { store: 'runs', value: summary },
          { store: 'payloads', value: fixture },
          { store: 'session', value: session, key: 'current' },
        ],
      }),
    );
    const r = await page.evaluate(readBack, 'from-v2');
    expect(r.structure).toEqual({ version: 4, stores: ['payloads', 'preferences', 'runs', 'session'] });
    expect(r.ids).toEqual([fixture.id]);
    expect(r.run).toEqual(fixture);
    expect(r.session).toEqual({ ...session, chosen: [] });
  });

  it('DB version 1 (runs, payloads) → version 4: the run is there, no session', async () => {
    const page = browser().page;
    const summary = await page.evaluate((r) => (window as unknown as W).carryoverStore.summarize(r as Store.RunRecord), asArg(fixture));
    await page.evaluate(
      makeOldDb,
      asArg({
        name: 'from-v1',
        version: 1,
        rows: [
          { store: 'runs', value: summary },
          { store: 'payloads', value: fixture },
        ],
      }),
    );
    const r = await page.evaluate(readBack, 'from-v1');
    expect(r.structure).toEqual({ version: 4, stores: ['payloads', 'preferences', 'runs', 'session'] });
    expect(r.ids).toEqual([fixture.id]);
    expect(r.run).toEqual(fixture);
    expect(r.session).toBeNull();
  });
});

describe('sampler settings across visits', () => {
  it('come back on the next visit with the chosen fields, also when the session could not be saved or is damaged', async () => {
    const s = browser();
    const first = await s.page.evaluate(
      async (arg) => {
        const { rec, settings } = arg as { rec: Store.RunRecord; settings: Store.SessionRecord['settings'] };
        const st = await (window as unknown as W).carryoverStore.SessionStore.open('visits');
        if (!st.ok) throw new Error(st.errors[0].message);
        const base = { dataset: rec.dataset, origin: null, spec: rec.inference_data.attrs.model, preset: 'hill', current_run_id: null };
        const a = await st.value.save({ ...base, settings, chosen: ['seed', 'chains'] });
        // A later save leaves `chosen` out: the stored one stays.
        const b = await st.value.save({ ...base, settings: { ...settings, warmup: 500 } });
        // A session that cannot be stored (IndexedDB cannot clone a function): the settings still are.
        const c = await st.value.save({ ...base, dataset: { dates: [], bad: () => 1 } as never, settings: { ...settings, warmup: 500, seed: 7 } });
        st.value.close();
        return { a: a.ok, b: b.ok, c: c.ok ? 'saved' : c.errors[0].message };
      },
      asArg({ rec: fixture, settings: SETTINGS }),
    );
    expect(first).toMatchObject({ a: true, b: true });
    expect(first.c).toMatch(/Could not keep your work for the next visit/);

    await s.open(); // a new visit: a fresh page on the same browser profile
    const next = await s.page.evaluate(async () => {
      const st = await (window as unknown as W).carryoverStore.SessionStore.open('visits');
      if (!st.ok) throw new Error(st.errors[0].message);
      const loaded = await st.value.load();
      st.value.close();
      return loaded;
    });
    // The session of the last successful save, with the settings of the last attempt.
    expect(next).toMatchObject({ preset: 'hill', dataset: fixture.dataset, settings: { ...SETTINGS, warmup: 500, seed: 7 } });
    expect(next?.chosen).toEqual(['chains', 'seed']);

    // The session record damaged (e.g. by another version): the settings and preset still come back.
    const damaged = await s.page.evaluate(async () => {
      await new Promise<void>((res, rej) => {
        const q = indexedDB.open('visits');
        q.onsuccess = () => {
          const tx = q.result.transaction('session', 'readwrite');
          tx.objectStore('session').put({ session_version: 1, dataset: 'not a dataset' }, 'current');
          tx.oncomplete = () => (q.result.close(), res());
          tx.onerror = () => rej(tx.error);
        };
        q.onerror = () => rej(q.error);
      });
      const st = await (window as unknown as W).carryoverStore.SessionStore.open('visits');
      if (!st.ok) throw new Error(st.errors[0].message);
      const loaded = await st.value.load();
      st.value.close();
      return loaded;
    });
    expect(damaged).toMatchObject({ dataset: null, spec: null, current_run_id: null, preset: 'hill', settings: { ...SETTINGS, warmup: 500, seed: 7 }, chosen: ['chains', 'seed'] });
  });

  it('bad stored values are left out, silently; a foreign preferences record falls back to the session', async () => {
    const s = browser();
    const page = await s.open();
    const consoleMessages: string[] = [];
    page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
    const r = await page.evaluate(
      async (arg) => {
        const { rec, settings } = arg as { rec: Store.RunRecord; settings: Record<string, unknown> };
        const st = await (window as unknown as W).carryoverStore.SessionStore.open('bad-values');
        if (!st.ok) throw new Error(st.errors[0].message);
        st.value.close();
        const put = (store: string, value: unknown, key: string) =>
          new Promise<void>((res, rej) => {
            const q = indexedDB.open('bad-values');
            q.onsuccess = () => {
              const tx = q.result.transaction(store, 'readwrite');
              tx.objectStore(store).put(value, key);
              tx.oncomplete = () => (q.result.close(), res());
              tx.onerror = () => rej(tx.error);
            };
            q.onerror = () => rej(q.error);
          });
        const load = async () => {
          const again = await (window as unknown as W).carryoverStore.SessionStore.open('bad-values');
          if (!again.ok) throw new Error(again.errors[0].message);
          const l = await again.value.load();
          again.value.close();
          return l;
        };
        const session = { session_version: 1, saved_at: 'x', dataset: rec.dataset, origin: null, spec: null, preset: 'pymc', settings, current_run_id: 42 };
        await put('session', session, 'current');
        await put('preferences', { preferences_version: 1, settings: { chains: 'four', warmup: -5, draws: 500, seed: 1e12, adapt_delta: 0.95, max_treedepth: 1e9, metric: 'x' }, chosen: 'all', preset: {} }, 'studio');
        const damaged = await load();
        await put('preferences', { preferences_version: 99, settings: { chains: 8 } }, 'studio');
        const foreign = await load();
        return { damaged, foreign };
      },
      asArg({ rec: fixture, settings: { ...SETTINGS, chains: 0 } }),
    );
    expect(r.damaged).toMatchObject({ settings: { draws: 500, adapt_delta: 0.95 }, chosen: [], current_run_id: null, preset: 'pymc' });
    expect(Object.keys(r.damaged!.settings!).sort()).toEqual(['adapt_delta', 'draws']);
    // The session's own settings, read the same way: chains 0 is left out.
    const { chains: _left, ...rest } = SETTINGS;
    expect(r.foreign?.settings).toEqual(rest);
    expect(consoleMessages).toEqual([]);
  });
});
