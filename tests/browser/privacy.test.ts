// Privacy (issue 8): a full workflow in the built studio — the demo fitted (2 × (150 + 150)),
// the executive report built and downloaded from the Optimize step, each import format
// (Robyn's wide CSV, the workspace folder, Meridian national and geo CSV), a run exported —
// while every request of the page, its workers and its service
// worker is recorded. The harness fails the test on any request outside the origin, any
// page error and any CSP violation; this file also checks that every request is a plain GET
// of a file of the build itself, and that no file name or value of the user's data appears
// in any URL.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, useBrowser } from './harness';
import { downloadReport, exportNewestRun, importFiles, importFolder, tryDemo, waitResults } from './support/flows';

const browser = useBrowser();
const DATA = path.resolve(__dirname, '../../../shared/data');
const DIST = path.join(REPO_ROOT, 'dist');

const requests: Array<{ method: string; url: string; postData: string | null; fromServiceWorker: boolean }> = [];

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

beforeAll(() => {
  browser().context.on('request', (r: Request) => {
    requests.push({ method: r.method(), url: r.url(), postData: r.postData(), fromServiceWorker: r.serviceWorker() !== null });
  });
});

describe('privacy: nothing leaves the machine', () => {
  it('demo fit', async () => {
    const page = await browser().open();
    await tryDemo(page, 8);
    expect(await waitResults(page)).toBe(6 * 179);
  });

  it('builds the executive report on this machine and downloads it', async () => {
    const report = await downloadReport(browser().page);
    expect(report.name).toMatch(/\.html$/);
    expect(report.text).toMatch(/^<!doctype html>/);
  });

  it("imports Robyn's wide CSV", async () => {
    expect(await importFiles(browser().page, [path.join(DATA, 'robyn/dt_simulated_weekly.csv')])).toMatch(/dt_simulated_weekly/);
  });

  it('imports the measurement workspace as a folder', async () => {
    const page = browser().page;
    await importFolder(page, path.join(DATA, 'synthetic/dev_workspace_hill/raw'));
    await expect(page.getByTestId('format').textContent()).resolves.toMatch(/workspace/i);
  });

  it('imports Meridian national and geo CSV', async () => {
    const page = browser().page;
    await importFiles(page, [path.join(DATA, 'meridian/national_media.csv')]);
    await expect(page.getByTestId('format').textContent()).resolves.toMatch(/Meridian/i);
    await importFiles(page, [path.join(DATA, 'meridian/geo_media_rf.csv')]);
    await expect(page.getByTestId('format').textContent()).resolves.toMatch(/Meridian/i);
  });

  it('exports the fitted run to a local file', async () => {
    const download = await exportNewestRun(browser().page);
    expect(download.url()).toMatch(/^blob:/);
    expect(download.suggestedFilename()).toMatch(/^carryover-run-.*\.json$/);
  });

  it('every request was a GET of a file of the build, from this origin', () => {
    const s = browser();
    const base = new URL(s.url);
    const build = new Set(['', 'sw.js', ...filesUnder(DIST)]);
    expect(requests.length).toBeGreaterThan(10);
    // The recorder sees the service worker's own fetches (its precache) and the workers'
    // (the chain workers fetch the engine's WASM), else the check below proves less than it says.
    expect(requests.some((r) => r.fromServiceWorker && /\/assets\/engine-[\w-]+\.wasm$/.test(r.url))).toBe(true);
    expect(requests.some((r) => !r.fromServiceWorker && /\/assets\/engine-[\w-]+\.wasm$/.test(r.url))).toBe(true);
    const odd: string[] = [];
    for (const r of requests) {
      if (r.url.startsWith('blob:') || r.url.startsWith('data:')) continue;
      const u = new URL(r.url);
      const file = u.pathname.startsWith(base.pathname) ? decodeURIComponent(u.pathname.slice(base.pathname.length)) : null;
      if (u.origin !== s.origin || r.method !== 'GET' || r.postData !== null || file === null || !build.has(file) || u.search !== '') {
        odd.push(`${r.method} ${r.url}${r.fromServiceWorker ? ' (service worker)' : ''}`);
      }
    }
    expect(odd).toEqual([]);
    // Names the user's files carry never show up in a URL.
    for (const name of ['dt_simulated_weekly', 'campaign_spend', 'conversions', 'national_media', 'geo_media_rf', 'Channel0']) {
      expect(requests.filter((r) => r.url.includes(name)).map((r) => r.url), name).toEqual([]);
    }
  });
});
