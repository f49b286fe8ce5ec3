// src/store when another tab takes the database away, in Chromium's real IndexedDB with two
// pages of one profile (same origin, shared storage): a newer Carryover opening it at a higher
// version, or a tab deleting it, gets it at once (this tab closes on request, the other's
// request is not blocked), and every later call here answers with that reason and "reload
// this tab" instead of InvalidStateError's "storage is unavailable … private windows". The run
// saved before is still there for the other tab. A tab that must wait for an older tab which
// does not close hears `blocked` and goes on once that tab closes. The browser clearing site
// data (DevTools' Storage.clearDataForOrigin) ends the connection as 'terminated'.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Store from '../../src/store';
import { DB_VERSION } from '../../src/store/migrations/db-upgrades';
import { useBrowser } from './harness';
import { buildTestPage } from './support/build-page';

const browser = useBrowser({ serve: () => buildTestPage(path.join(__dirname, 'store-page')), readySelector: '[data-testid="store-page"]' });
const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as Store.RunRecord;

type Held = { runs: Store.RunStore; session: Store.SessionStore; events: string[] };
type W = { carryoverStore: typeof Store; held: Held; raw?: IDBDatabase };
const asArg = (x: unknown): unknown => x;

/** In the page: opens the runs library and the session store on `name`, recording their connection events; saves `rec`. */
async function openBoth(arg: unknown): Promise<void> {
  const { name, rec } = arg as { name: string; rec: Store.RunRecord };
  const w = window as unknown as W;
  const events: string[] = [];
  const runs = await w.carryoverStore.RunStore.open(name, { lost: (r) => events.push(`runs:${r}`), blocked: () => events.push('runs:blocked') });
  const session = await w.carryoverStore.SessionStore.open(name, { lost: (r) => events.push(`session:${r}`) });
  if (!runs.ok || !session.ok) throw new Error('could not open');
  const saved = await runs.value.save(rec);
  if (!saved.ok) throw new Error(saved.errors[0].message);
  w.held = { runs: runs.value, session: session.value, events };
}

/** In the page: every store call, with the message and hint it answers. */
async function tryEverything(arg: unknown) {
  const { rec } = arg as { rec: Store.RunRecord };
  const { runs, session, events } = (window as unknown as W).held;
  const said = (r: { ok: boolean; errors?: Array<{ message: string; hint?: string }> }) => (r.ok ? 'ok' : `${r.errors![0].message} | ${r.errors![0].hint}`);
  return {
    events: [...events].sort(),
    list: said(await runs.list()),
    get: said(await runs.get(rec.id)),
    save: said(await runs.save({ ...rec, id: 'another-run' })),
    rename: said(await runs.rename(rec.id, 'new name')),
    remove: said(await runs.remove(rec.id)),
    session: said(await session.save({ dataset: null, origin: null, spec: null, preset: 'hill', settings: { chains: 2 }, current_run_id: null })),
  };
}

/** A second page of the same profile on the same origin: another tab. */
async function otherTab(): Promise<Page> {
  const s = browser();
  const page = await s.context.newPage();
  page.on('pageerror', (e) => s.pageErrors.push(`other tab: ${e.name}: ${e.message}`));
  await page.goto(s.url);
  await page.waitForSelector('[data-testid="store-page"]');
  return page;
}

/** In the other tab: opens `name` at `version` (a newer Carryover), answering 'blocked' if this tab was kept waiting; returns its run ids. */
async function upgradeFromOtherTab(arg: unknown): Promise<{ blocked: boolean; ids: string[] }> {
  const { name, version } = arg as { name: string; version: number };
  let blocked = false;
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const q = indexedDB.open(name, version);
    q.onblocked = () => (blocked = true);
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  const ids = await new Promise<string[]>((res, rej) => {
    const q = db.transaction('payloads').objectStore('payloads').getAllKeys();
    q.onsuccess = () => res(q.result as string[]);
    q.onerror = () => rej(q.error);
  });
  db.close();
  return { blocked, ids };
}

const UPGRADED = 'Carryover was updated in another tab, so this tab could not';
const RELOAD = 'Reload this tab to keep working; nothing saved is lost.';

describe('another tab takes the database away', () => {
  it('a newer version upgrading it: not blocked; every call here says so and to reload; the saved run is still there', async () => {
    const page = await browser().open();
    await page.evaluate(openBoth, asArg({ name: 'pushed-up', rec: fixture }));
    const other = await otherTab();
    const up = await other.evaluate(upgradeFromOtherTab, asArg({ name: 'pushed-up', version: DB_VERSION + 1 }));
    expect(up).toEqual({ blocked: false, ids: [fixture.id] });

    const r = await page.evaluate(tryEverything, asArg({ rec: fixture }));
    expect(r.events).toEqual(['runs:upgraded', 'session:upgraded']);
    expect(r.list).toBe(`${UPGRADED} list the saved runs. | ${RELOAD}`);
    expect(r.get).toBe(`${UPGRADED} open the run. | ${RELOAD}`);
    expect(r.save).toBe(`${UPGRADED} save the run. | ${RELOAD}`);
    expect(r.rename).toBe(`${UPGRADED} rename the run. | ${RELOAD}`);
    expect(r.remove).toBe(`${UPGRADED} delete the run. | ${RELOAD}`);
    expect(r.session).toBe(`${UPGRADED} keep your work for the next visit. | ${RELOAD}`);
    expect(JSON.stringify(r)).not.toMatch(/unavailable|Private/);
    // Nothing this tab tried reached the database: the run is there, unrenamed, alone.
    const after = await other.evaluate(upgradeFromOtherTab, asArg({ name: 'pushed-up', version: DB_VERSION + 2 }));
    expect(after.ids).toEqual([fixture.id]);
    await other.close();
  });

  it('deleting it: not blocked; every call here says the library was deleted in another tab', async () => {
    const page = browser().page;
    await page.evaluate(openBoth, asArg({ name: 'pushed-out', rec: fixture }));
    const other = await otherTab();
    const outcome = await other.evaluate(
      () =>
        new Promise<string>((res) => {
          const q = indexedDB.deleteDatabase('pushed-out');
          q.onblocked = () => res('blocked');
          q.onsuccess = () => res('deleted');
          q.onerror = () => res(`error ${q.error?.name}`);
        }),
    );
    expect(outcome).toBe('deleted');
    const r = await page.evaluate(tryEverything, asArg({ rec: fixture }));
    expect(r.events).toEqual(['runs:deleted', 'session:deleted']);
    expect(r.list).toBe(
      'The runs library was deleted in another tab, so this tab could not list the saved runs. | Reload this tab to start a new library; runs exported to files can be imported again.',
    );
    expect(r.save).toMatch(/^The runs library was deleted in another tab, so this tab could not save the run\./);
    await other.close();
  });

  it('an older tab that does not close: this tab hears blocked, then opens once that tab closes', async () => {
    const page = browser().page;
    // The "older Carryover": a bare connection at version 1 with no versionchange handler.
    await page.evaluate(
      () =>
        new Promise<void>((res, rej) => {
          const q = indexedDB.open('held-open', 1);
          q.onupgradeneeded = () => {
            q.result.createObjectStore('runs', { keyPath: 'id' }).createIndex('created_at', 'created_at');
            q.result.createObjectStore('payloads', { keyPath: 'id' });
          };
          q.onsuccess = () => (((window as unknown as W).raw = q.result), res());
          q.onerror = () => rej(q.error);
        }),
    );
    const other = await otherTab();
    await other.evaluate(() => {
      const w = window as unknown as W & { opening: Promise<string>; heard: string[] };
      w.heard = [];
      w.opening = w.carryoverStore.RunStore.open('held-open', { blocked: () => w.heard.push('blocked') }).then(async (r) => {
        if (!r.ok) return r.errors[0].message;
        const l = await r.value.list();
        r.value.close();
        return l.ok ? `listed ${l.value.length}` : l.errors[0].message;
      });
    });
    await other.waitForFunction(() => (window as unknown as { heard: string[] }).heard.length > 0);
    expect(await other.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['blocked']);
    await page.evaluate(() => (window as unknown as W).raw!.close());
    expect(await other.evaluate(() => (window as unknown as { opening: Promise<string> }).opening)).toBe('listed 0');
    await other.close();
  });

  it('the browser clearing site data: the connection ends as terminated and calls say so', async () => {
    const s = browser();
    const page = s.page;
    await page.evaluate(openBoth, asArg({ name: 'cleared', rec: fixture }));
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: s.origin, storageTypes: 'indexeddb' });
    await page.waitForFunction(() => (window as unknown as W).held.events.length >= 2, undefined, { timeout: 10_000 });
    const r = await page.evaluate(tryEverything, asArg({ rec: fixture }));
    expect(r.events.sort()).toEqual(['runs:terminated', 'session:terminated']);
    expect(r.list).toMatch(/^The browser closed the runs library \(for example, site data was cleared\), so this tab could not list the saved runs\. \| Reload this tab/);
    await cdp.detach();
  });
});
