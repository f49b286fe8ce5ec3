// Issue 8, storage, in the built studio:
// - IndexedDB quota exceeded (Chromium's real quota, lowered through DevTools as the store
//   test does): the Fit step says so plainly and what to do, and the library holds no part
//   of the run;
// - a run exported on one machine and imported on another (a fresh browser context: its
//   own storage) shows identical numbers and is the identical record;
// - the stored schema moves on: the current studio at / saves runs (the committed v1
//   fixture and a real fit), the "next version" at /v2/ (the same studio built with a
//   test-only schema 2 whose migration renames a field; tests/robustness/support) opens
//   them, migrated once with every other value unchanged, and imports the old export file.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOTS_DIR, useBrowser } from './harness';
import { seriousAxeViolations } from './support/axe';
import { exportNewestRun, loadDemo, waitResults } from './support/flows';
import { snapshotDist } from './support/preview';
import { partial, readLibrary, type LibraryContents } from '../robustness/support/library';
import { V2_FROM, V2_TO } from '../robustness/support/schema-v2';
import { buildV2Studio, V2_BASE } from '../robustness/support/v2-studio';

let served: string | undefined;
const browser = useBrowser({
  serve: async () => {
    const snap = await snapshotDist();
    await buildV2Studio(path.join(snap.dir, V2_BASE));
    served = snap.dir;
    return snap.dir;
  },
});
afterAll(() => {
  if (served) rmSync(served, { recursive: true, force: true });
});

const FIXTURE = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8'));
const READY = '[data-testid="studio"][data-restored="true"]';

async function setSampler(page: Page, s: { chains: number; warmup: number; draws: number; seed: number }): Promise<void> {
  await page.locator('#tab-fit').click();
  for (const [label, v] of [['Chains', s.chains], ['Warmup', s.warmup], ['Draws', s.draws], ['Seed', s.seed]] as const) {
    const input = page.getByRole('spinbutton', { name: label, exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

/** A page in its own context (its own storage: another machine), collecting page errors. */
async function isolatedPage(url: string, before?: (ctx: BrowserContext, page: Page) => Promise<void>): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser().browser.newContext({ serviceWorkers: 'allow' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  await before?.(ctx, page);
  await page.goto(url);
  await page.waitForSelector(READY, { timeout: 30_000 });
  return { ctx, page, errors };
}

/** What a person reads in Results for the named run: the channel table and the parameter table, as text. */
async function resultsText(page: Page, runName: string): Promise<string> {
  await page.locator('#results-h', { hasText: runName }).waitFor({ timeout: 180_000 });
  await waitResults(page);
  const channels = page.locator('section[aria-labelledby="contrib-h"][aria-busy="false"] table', { hasText: 'Marginal ROAS' });
  await channels.waitFor({ timeout: 120_000 });
  const params = await page.locator('table', { hasText: 'adstock_alpha' }).first().innerText();
  return `${await channels.innerText()}\n${params}`;
}

/** The name of the one run in the library not among `known`. */
async function newRunName(page: Page, known: string[] = []): Promise<string> {
  const lib = await readLibrary(page);
  const fresh = lib.runs.filter((r) => !known.includes(r.id));
  expect(fresh).toHaveLength(1);
  return fresh[0].name;
}

const runFile = (run: unknown, name: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'carryover-run', exported_at: '2026-11-22T00:00:00Z', run })) });

describe('storage', () => {
  it('quota exceeded: a plain message on the Fit step and no part of the run in the library', async () => {
    const s = browser();
    // Chromium applies a quota override to storage opened after it: set it before the studio loads.
    const { ctx, page, errors } = await isolatedPage(s.url, async (c, p) => {
      const cdp = await c.newCDPSession(p);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: s.origin, quotaSize: 1024 * 1024 });
    });
    try {
      await loadDemo(page);
      // 2 × 400 draws: the run (pointwise log-likelihood and predictive draws) is ~2.5 MB.
      await setSampler(page, { chains: 2, warmup: 150, draws: 400, seed: 11 });
      await page.getByRole('button', { name: 'Start fit' }).click();
      try {
        await page.getByText('Fit finished, but the run could not be saved').waitFor({ timeout: 180_000 });
      } finally {
        await page.screenshot({ path: path.join(SHOTS_DIR, 'robustness-quota.png'), fullPage: true });
      }
      await expect(page.locator('#tab-fit').getAttribute('aria-selected')).resolves.toBe('true');
      const alert = (await page.getByRole('alert').allInnerTexts()).join('\n');
      expect(alert).toMatch(/Not enough storage space to save the run\. Nothing was saved\./);
      expect(alert).toMatch(/export old runs to files, then delete them/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      const lib = await readLibrary(page);
      expect(lib.runs).toEqual([]);
      expect(lib.payloads).toEqual([]);
      // The library says so too, and the fit's results are still there to look at.
      await page.locator('#tab-runs').click();
      await expect(page.locator('li[data-run-id]').count()).resolves.toBe(0);
      await page.locator('#tab-results').click();
      expect(await waitResults(page)).toBeGreaterThan(100);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('a run exported here and imported on another machine shows identical numbers', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);
    await setSampler(page, { chains: 2, warmup: 150, draws: 150, seed: 12 });
    await page.getByRole('button', { name: 'Start fit' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
    const name = await newRunName(page);
    const here = await resultsText(page, name);
    const [original] = (await readLibrary(page)).payloads;
    const download = await exportNewestRun(page);
    const file = readFileSync((await download.path())!, 'utf8');

    const { ctx, page: other, errors } = await isolatedPage(s.url);
    try {
      await other.locator('#tab-runs').click();
      await other.locator('[data-testid="import-run"]').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(file) });
      await other.getByText('1 run imported.').waitFor();
      await other.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
      expect(await resultsText(other, name)).toBe(here);
      const [imported] = (await readLibrary(other)).payloads;
      expect(imported.id).not.toBe(original.id);
      expect({ ...imported, id: original.id }).toEqual(original);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('runs saved by this version open in the next one (schema 2), migrated once, numbers unchanged', async () => {
    const s = browser();
    const { ctx, page, errors } = await isolatedPage(s.url);
    try {
      // This version saves two runs: the committed v1 fixture (imported) and a real fit.
      await page.locator('#tab-runs').click();
      await page.locator('[data-testid="import-run"]').setInputFiles(runFile(FIXTURE, 'fixture.json'));
      await page.getByText('1 run imported.').waitFor();
      const [fixtureRun] = (await readLibrary(page)).runs;
      await loadDemo(page);
      await setSampler(page, { chains: 2, warmup: 150, draws: 150, seed: 13 });
      await page.getByRole('button', { name: 'Start fit' }).click();
      await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
      const fitName = await newRunName(page, [fixtureRun.id]);
      const fitText = await resultsText(page, fitName);
      const v1 = await readLibrary(page);
      expect(v1.payloads.map((p) => p.schema_version)).toEqual([1, 1]);
      const fitExport = readFileSync((await (await exportNewestRun(page)).path())!, 'utf8');

      // The next version, same origin (same IndexedDB). This version's service worker would
      // answer /v2/ with its own shell: unregister it first, as a real update replaces it.
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      });
      await page.goto(new URL(V2_BASE, s.url).href);
      await page.waitForSelector(READY, { timeout: 30_000 });
      await expect(page.title()).resolves.toMatch(/store schema 2/);
      await page.locator('#tab-runs').click();
      const rows = page.locator('li[data-run-id]');
      await expect(rows.count()).resolves.toBe(2);
      // Open each: the real fit shows the same numbers; the fixture opens too.
      for (const id of v1.payloads.map((p) => p.id)) {
        await page.locator('#tab-runs').click();
        await page.locator(`li[data-run-id="${id}"]`).getByRole('button', { name: 'Open' }).click();
        await page.waitForSelector('#tab-results[aria-selected="true"]');
        if (id !== fixtureRun.id) expect(await resultsText(page, fitName)).toBe(fitText);
        else await page.getByRole('heading', { name: /Results: Fixture run \(schema v1\)/ }).waitFor();
      }
      const v2 = await readLibrary(page);
      expect(partial(v2)).toEqual([]);
      for (const before of v1.payloads) {
        const after = v2.payloads.find((p) => p.id === before.id)!;
        expect(after.schema_version).toBe(2);
        expect(v2.runs.find((r) => r.id === before.id)?.schema_version).toBe(2);
        expect(asV1(after)).toEqual(before);
      }
      await page.locator('#tab-runs').click();
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The old export file imports into the next version as a schema 2 run.
      await page.locator('[data-testid="import-run"]').setInputFiles({ name: 'old-export.json', mimeType: 'application/json', buffer: Buffer.from(fitExport) });
      await page.getByText('1 run imported.').waitFor();
      const v2b = await readLibrary(page);
      const added = v2b.payloads.filter((p) => !v1.payloads.some((q) => q.id === p.id));
      expect(added).toHaveLength(1);
      const fitBefore = v1.payloads.find((p) => p.id !== fixtureRun.id)!;
      expect(asV1({ ...added[0], id: fitBefore.id })).toEqual(fitBefore);

      // Back on this version, a run the next one rewrote is refused with a reason, not shown damaged.
      await page.goto(s.url);
      await page.waitForSelector(READY, { timeout: 30_000 });
      await page.locator('#tab-runs').click();
      await page.locator(`li[data-run-id="${fitBefore.id}"]`).getByRole('button', { name: 'Open' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toMatch(/saved by a newer Carryover \(schema 2; this version reads up to 1\)/);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 420_000);
});

/** A schema 2 record with the rename undone and the version set back: must equal the v1 record. */
function asV1(r: LibraryContents['payloads'][number]): Record<string, unknown> {
  const idata = r.inference_data as { attrs: Record<string, unknown> };
  const { [V2_TO]: fp, ...attrs } = idata.attrs;
  expect(fp, `${V2_TO} after migration`).toBeTypeOf('string');
  expect(V2_FROM in attrs).toBe(false);
  return { ...r, schema_version: 1, inference_data: { ...idata, attrs: { ...attrs, [V2_FROM]: fp } } };
}
