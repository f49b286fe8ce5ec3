// Offline and updates (issue 8), on a production build for a sub-path as GitHub Pages
// serves it (/carryover/). First visit: the service worker installs for the base and
// precaches the whole build. Then with the network off: reload, try the demo (load + fit
// 2 × (150 + 150)) and see the results, list the holiday calendar's countries, import a
// CSV file, export the run — every file coming from the cache and none from the network. Then a new version: announced, its "Reload" refused while a fit runs, applied on
// the click once the fit is done, and the old cache gone.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBPATH, subpathBuild } from '../pwa/support/subpath-build';
import { REPO_ROOT, useBrowser } from './harness';
import { exportNewestRun, importFiles, loadDemo, startShortFit, tryDemo, waitResults } from './support/flows';

const SERVED = path.join(REPO_ROOT, 'test-results', 'pwa', 'offline-served');
const baseBefore = process.env.CARRYOVER_BASE;

const browser = useBrowser({
  // A copy of the sub-path build, served at /carryover/ (vite preview reads the base from
  // CARRYOVER_BASE through vite.config.ts); the copy is edited below to make a new version.
  serve: async () => {
    const built = await subpathBuild();
    rmSync(SERVED, { recursive: true, force: true });
    cpSync(built, SERVED, { recursive: true });
    process.env.CARRYOVER_BASE = SUBPATH;
    return SERVED;
  },
});

// A worker process may run another file next: leave the environment as it was.
afterAll(() => {
  if (baseBefore === undefined) delete process.env.CARRYOVER_BASE;
  else process.env.CARRYOVER_BASE = baseBefore;
});

const precacheCount = () => (JSON.parse(/const __PRECACHE__ = (\[[\s\S]*?\]);/.exec(readFileSync(path.join(SERVED, 'sw.js'), 'utf8'))![1]) as string[]).length;
const buildHash = () => /const __BUILD_HASH__ = "([0-9a-f]+)";/.exec(readFileSync(path.join(SERVED, 'sw.js'), 'utf8'))![1];

/** The origin's caches: names and how many entries each holds. */
const cachesInPage = () =>
  browser().page.evaluate(async () => {
    const out: Record<string, number> = {};
    for (const k of await caches.keys()) out[k] = (await (await caches.open(k)).keys()).length;
    return out;
  });

describe('offline', () => {
  it('the first visit installs the worker for the base and precaches every file', async () => {
    const s = browser();
    expect(new URL(s.url).pathname).toBe(SUBPATH);
    const page = await s.open();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${s.origin}${SUBPATH}`);
    // The first install claims the open page: no reload needed before going offline.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    expect(await cachesInPage()).toEqual({ [`carryover:${scope}:${buildHash()}`]: precacheCount() });
  });

  it('with the network off: reload, demo fit, holiday calendar, file import and run export, all from the cache', async () => {
    const s = browser();
    const page = s.page;
    const network: string[] = [];
    const notFromCache: string[] = [];
    const failed: string[] = [];
    const onRequest = (r: Request) => {
      // The worker's own fetches are network fetches: there must be none.
      if (r.serviceWorker()) network.push(r.url());
    };
    const onResponse = (r: Response) => {
      if (!r.fromServiceWorker() && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) notFromCache.push(r.url());
    };
    const onFailed = (r: Request) => failed.push(`${r.url()}: ${r.failure()?.errorText}`);
    s.context.on('request', onRequest);
    s.context.on('response', onResponse);
    s.context.on('requestfailed', onFailed);
    await s.context.setOffline(true);
    try {
      await page.goto(`${s.url}?utm_source=train#data`);
      await page.waitForSelector('[data-testid="studio"]', { timeout: 30_000 });
      await tryDemo(page, 11);
      expect(await waitResults(page)).toBe(6 * 179);
      await s.screenshot('offline-results');
      // The holiday calendar (public/holidays) is read when the country list opens.
      await page.locator('#tab-data').click();
      const holidays = page.getByRole('combobox', { name: 'Holidays' });
      await holidays.focus();
      await page.waitForFunction(() => (document.querySelector('select option[value="US"]') ?? null) !== null, undefined, { timeout: 30_000 });
      expect(await holidays.locator('option').count()).toBeGreaterThan(100);
      // A file import and an export need nothing from the network either.
      const csv = path.join(REPO_ROOT, 'public/demo/mmm_example.csv');
      expect(await importFiles(page, [{ name: 'offline-copy.csv', mimeType: 'text/csv', buffer: readFileSync(csv) }])).toMatch(/offline-copy/);
      expect((await exportNewestRun(page)).suggestedFilename()).toMatch(/\.json$/);
      // The network really was off for the page: a fetch the cache cannot answer fails.
      const probe = await page.evaluate(async () => fetch('not-in-the-build.txt').then((r) => `status ${r.status}`, (e: Error) => e.name));
      expect(probe).toBe('TypeError');
    } finally {
      await s.context.setOffline(false);
      s.context.off('request', onRequest);
      s.context.off('response', onResponse);
      s.context.off('requestfailed', onFailed);
    }
    expect(failed.filter((f) => !f.includes('not-in-the-build.txt'))).toEqual([]);
    expect(network.filter((u) => !u.includes('not-in-the-build.txt'))).toEqual([]);
    expect(notFromCache).toEqual([]);
  });
});

describe('updates', () => {
  it('a new version is announced, never applied mid-fit, and applied on the click', async () => {
    const s = browser();
    const page = s.page;
    const oldCache = Object.keys(await cachesInPage())[0];
    // A new deployment: same files, a new build hash (same length, so only sw.js's bytes change).
    const oldHash = buildHash();
    const newHash = [...oldHash].reverse().join('') === oldHash ? oldHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) : [...oldHash].reverse().join('');
    writeFileSync(path.join(SERVED, 'sw.js'), readFileSync(path.join(SERVED, 'sw.js'), 'utf8').replace(oldHash, newHash));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByTestId('update-banner');
    await banner.waitFor({ timeout: 60_000 });
    await expect(banner.textContent()).resolves.toMatch(/A new version is ready/);
    const reload = banner.getByRole('button', { name: 'Reload' });
    await expect(reload.isEnabled()).resolves.toBe(true);
    await s.assertAccessible('update banner');

    // A fit starts: the switch waits for it.
    await loadDemo(page);
    await startShortFit(page, 12);
    await expect(reload.isDisabled()).resolves.toBe(true);
    await expect(banner.textContent()).resolves.toMatch(/a fit is running/);
    await s.screenshot('update-waiting-for-fit');
    expect(await waitResults(page)).toBe(6 * 179);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)).toBe(true);

    // Done: the click switches versions and reloads into the new one.
    await expect(reload.isEnabled()).resolves.toBe(true);
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), reload.click()]);
    await page.waitForSelector('[data-testid="studio"]');
    const after = await cachesInPage();
    expect(Object.keys(after)).toEqual([oldCache.replace(oldHash, newHash)]);
    expect(await page.getByTestId('update-banner').count()).toBe(0);
  });
});
