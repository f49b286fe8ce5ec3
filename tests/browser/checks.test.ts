// The Checks section (Diagnostics area) on a short demo fit, 2 chains × (150 + 150): the
// refits run in the browser's chain workers with the run's settings and seed, so the studio's
// hold-out and sensitivity numbers are exactly the ones src/checks computes in Node on the
// exported run (same WASM, same seed → same draws). Progress shows per chain while a refit
// runs; Cancel stops it and keeps nothing; the plot is drawn with every held-out period; the
// layout holds at 1280 and 390 px; axe finds nothing serious; nothing leaves the origin.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRefitSettings } from '../../src/app/checks/defaults';
import { fmt, pct } from '../../src/app/diagnostics/format';
import { holdoutCheck, sensitivityCheck, type HoldoutResult, type SensitivityResult } from '../../src/checks';
import type { InferenceData } from '../../src/core/types';
import { fromArvizJson } from '../../src/io';
import { createNodePool } from '../../src/node/node-pool';
import { PHONE, SHOTS_DIR, useBrowser } from './harness';

const browser = useBrowser();
const SEED = 20261123;
const pool = createNodePool(2, 2);
mkdirSync(SHOTS_DIR, { recursive: true });
afterAll(() => pool.dispose());

async function setSampler(chains: number, warmup: number, draws: number, seed: number) {
  const page = browser().page;
  for (const [label, v] of [['Chains', chains], ['Warmup', warmup], ['Draws', draws], ['Seed', seed]] as const) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

const cells = (selector: string) =>
  browser().page.evaluate(
    (sel) => Array.from(document.querySelectorAll(`${sel} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.trim() ?? '')),
    selector,
  );

async function waitStatus(kind: 'holdout' | 'sensitivity', status: string) {
  await browser().page.waitForSelector(`[data-testid="${kind}-status"][data-status="${status}"]`, { timeout: 240_000 });
}

describe('checks of a short demo fit', () => {
  let idata: InferenceData;
  let holdout: HoldoutResult;
  let sensitivity: SensitivityResult;

  it('fits the demo and shows the Checks section with the run\'s settings', { timeout: 300_000 }, async () => {
    const s = browser();
    const page = await s.open();
    await page.locator('#tab-fit').click();
    await setSampler(2, 150, 150, SEED);
    await page.locator('#tab-data').click();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 240_000 });
    await page.locator('#tab-diagnostics').click();
    await page.getByTestId('checks').waitFor({ timeout: 60_000 });
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Download ArviZ JSON' }).click()]);
    const parsed = fromArvizJson(readFileSync((await dl.path())!, 'utf8'), dl.suggestedFilename());
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    idata = parsed.value;
    expect(defaultRefitSettings(idata)).toMatchObject({ chains: 2, warmup: 150, draws: 150, seed: SEED });
    await expect(page.getByTestId('refit-settings').textContent()).resolves.toBe(`Next refit: 2 chains × (150 warmup + 150 draws), seed ${SEED}.`);
    // The demo's 179 weeks: a quarter (13 weeks, under a fifth of the data) is held out by default.
    expect(idata.observed_data.y).toHaveLength(179);
    await expect(page.getByLabel('Held-out periods', { exact: true }).inputValue()).resolves.toBe('13');
  });

  it('runs the hold-out in workers with progress, and shows exactly what src/checks computes in Node', { timeout: 300_000 }, async () => {
    const page = browser().page;
    await page.getByRole('button', { name: 'Run hold-out check' }).click();
    // Per-chain progress while the refit runs (the main thread stays free to paint it).
    await page.locator('[data-testid="refit-progress"] li[data-chain]').first().waitFor({ timeout: 60_000 });
    const T = idata.observed_data.y.length;
    await expect(page.getByTestId('refit-progress').textContent()).resolves.toMatch(new RegExp(`Refit 1 of 1: Hold-out refit on the first ${T - 13} periods`));
    await waitStatus('holdout', 'done');
    const node = await holdoutCheck(pool, idata, { settings: defaultRefitSettings(idata), periods: 13 });
    if ('errors' in node) throw new Error(node.errors[0].message);
    holdout = node.result;
    const rows = await cells('[data-testid="holdout-metrics"]');
    const want = (m: HoldoutResult['out_of_sample'] | null) => (m ? [pct(m.mape, 1), pct(m.wmape, 1), pct(m.coverage_50, 0), pct(m.coverage_90, 0), fmt(m.r2, 3), String(m.periods)] : []);
    expect(rows.map((r) => r[0])).toEqual(['MAPE', 'wMAPE', '50% interval coverage', '90% interval coverage', 'R²', 'Periods']);
    expect(rows.map((r) => r[1])).toEqual(want(holdout.in_sample_full_run));
    expect(rows.map((r) => r[2])).toEqual(want(holdout.in_sample));
    expect(rows.map((r) => r[3])).toEqual(want(holdout.out_of_sample));
    await expect(page.getByTestId('holdout-summary').textContent()).resolves.toMatch(new RegExp(`held out ${holdout.test.first} to\\s+${holdout.test.last} \\(13\\)`));
    // The plot: 13 held-out observations (inside + outside 90%) and the forecast mean.
    await page.locator('[data-plot="checks-holdout"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-plot="checks-holdout"] .main-svg', { timeout: 30_000 });
    const traces = await page.evaluate(() => {
      const gd = document.querySelector('[data-plot="checks-holdout"] .js-plotly-plot') as unknown as { data: Array<{ name: string; y: unknown[] }> };
      return gd.data.map((t) => ({ name: t.name, n: t.y.filter((v) => typeof v === 'number').length }));
    });
    const count = (prefix: string) => traces.filter((t) => t.name.startsWith(prefix)).reduce((s, t) => s + t.n, 0);
    expect(count('Held out, ')).toBe(13);
    expect(count('Forecast mean')).toBe(13);
    await expect(page.locator('[data-plot="checks-holdout"] .gtitle').textContent()).resolves.toBe(
      `Held out: ${Math.round(holdout.out_of_sample.coverage_90! * 13)} of 13 inside 90%`,
    );
  });

  it('cancels a sensitivity refit, keeping nothing; then runs it to the numbers Node computes', { timeout: 400_000 }, async () => {
    const page = browser().page;
    await page.getByRole('button', { name: 'Run sensitivity check' }).click();
    await page.locator('[data-testid="refit-progress"] li[data-chain]').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel sensitivity' }).click();
    await waitStatus('sensitivity', 'cancelled');
    await expect(page.getByTestId('sensitivity-table').count()).resolves.toBe(0);
    await expect(page.getByTestId('refit-progress').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Run sensitivity check' }).click();
    await waitStatus('sensitivity', 'done');
    const node = await sensitivityCheck(pool, idata, { settings: defaultRefitSettings(idata) });
    if ('errors' in node) throw new Error(node.errors[0].message);
    sensitivity = node.result;
    expect(sensitivity.user_fit).toBe('run');
    const rows = await cells('[data-testid="sensitivity-table"]');
    expect(rows.map((r) => r[0])).toEqual(sensitivity.parameters.map((p) => p.key));
    expect(rows.map((r) => [r[5], r[6]])).toEqual(sensitivity.parameters.map((p) => [fmt(p.contraction, 3), fmt(p.shift, 3)]));
    const flagged = await page.locator('[data-testid="sensitivity-table"] tr[data-flagged="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(flagged).toEqual(sensitivity.flagged);
    await expect(page.getByTestId('sensitivity-summary').textContent()).resolves.toMatch(new RegExp(`${sensitivity.flagged.length} of ${sensitivity.parameters.length} parameters flagged`));
    const cmp = await cells('[data-testid="sensitivity-compare"]');
    expect(cmp.map((r) => [r[0], r[3]])).toEqual(sensitivity.comparison!.map((c) => [c.name, c.elpd_diff.toFixed(1)]));
    await page.getByTestId('checks').screenshot({ path: path.join(SHOTS_DIR, 'checks-section-desktop.png') });
  });

  it('holds its layout at 1280 and 390 px, axe clean, results kept when leaving the area', { timeout: 180_000 }, async () => {
    const s = browser();
    const page = s.page;
    await s.assertLayout('checks @ 1280');
    await s.assertAccessible('checks @ 1280');
    await page.locator('#tab-results').click();
    await page.locator('#tab-diagnostics').click();
    await page.getByTestId('sensitivity-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('holdout-metrics').waitFor({ timeout: 60_000 });
    await page.setViewportSize(PHONE);
    await page.getByTestId('checks').scrollIntoViewIfNeeded();
    await s.assertLayout('checks @ 390');
    await s.assertAccessible('checks @ 390');
    await page.getByTestId('checks').screenshot({ path: path.join(SHOTS_DIR, 'checks-section-phone.png') });
    await page.getByTestId('sensitivity-check').screenshot({ path: path.join(SHOTS_DIR, 'checks-sensitivity-phone.png') });
  });
});
