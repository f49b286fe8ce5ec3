// The Ridge area in the built studio. On Robyn's dt_simulated_weekly.csv with a small budget:
// the run goes through the ridge worker, the Pareto front is drawn with the chosen model, every
// channel's ROAS carries its bootstrap interval and equals what src/ridge computes in Node from
// the same file, settings and model (so the UI adds nothing); the same seed shows the same
// numbers again; Cancel stops a long run and keeps the last result. On the demo, after a short
// Bayesian fit, the Bayesian ROAS stands next to the ridge ROAS in the same table and chart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/app/model/spec-edit';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../src/app/ridge/options';
import { bootstrapText, paretoView, pointInterval } from '../../src/app/ridge/views';
import { refitChosen } from '../../src/ridge/choose';
import { num, pct } from '../../src/app/results/format';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { runRidge } from '../../src/ridge/run';
import type { RidgeResult } from '../../src/ridge/types';
import { sidewaysTables, yTitleOnTicks } from './area-layout';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const ROBYN = path.resolve(__dirname, '../../../shared/data/robyn/dt_simulated_weekly.csv');
const SMALL = { Population: 16, Generations: 6, 'Bootstrap replicates': 60, 'Ridge seed': 77 };

// The oracle: the same file through the Data step's importer (detected roles, default options),
// the model the studio sets up for it, the form's settings → runRidge in Node.
const parsed = parseFiles([{ name: 'dt_simulated_weekly.csv', text: readFileSync(ROBYN, 'utf8') }]);
const robyn = buildDataset(parsed, detectRoles(parsed), { grain: 'week', trend: false, quarterlyOrder: 0 }).dataset!;
const expected = runRidge(robyn, ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, population: 16, generations: 6, replicates: 60, seed: 77 }, robyn, presetSpec(robyn, 'pymc'))) as RidgeResult;

async function setForm(values: Record<string, number>) {
  const page = browser().page;
  for (const [label, v] of Object.entries(values)) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

const table = () =>
  browser().page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="ridge-channels"] tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
  );

async function runAndWait() {
  const page = browser().page;
  const done = Number(await page.getByTestId('ridge').getAttribute('data-completed'));
  await page.getByRole('button', { name: 'Run ridge' }).click();
  await page.waitForSelector(`[data-testid="ridge"][data-completed="${done + 1}"]`, { timeout: 60_000 });
  await page.waitForSelector('[data-plot="ridge-pareto"] .main-svg', { timeout: 30_000 });
}

async function tracePoints(name: string): Promise<number[]> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ x: ArrayLike<unknown> }> };
    return gd.data.map((t) => Array.from(t.x).filter((v) => typeof v === 'number' && Number.isFinite(v)).length);
  }, name);
}

describe('ridge mode', () => {
  it("on Robyn's CSV: Pareto front, bootstrap intervals, the numbers src/ridge gives in Node", async () => {
    const s = browser();
    const page = await s.open();
    await page.locator('input[type="file"][multiple]').first().setInputFiles(ROBYN);
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
    await page.locator('#tab-ridge').click();
    await expect(page.getByTestId('ridge-method-note').textContent()).resolves.toMatch(/point estimates with bootstrap intervals, not a posterior/);
    await setForm(SMALL);
    await runAndWait();
    const v = paretoView(expected);
    // Other candidates, the front, the chosen model.
    expect(await tracePoints('ridge-pareto')).toEqual([v.others.ids.length, v.front.ids.length, 1]);
    await expect(page.getByTestId('ridge-run-facts').textContent()).resolves.toMatch(/seed 77 · 112 candidates/);
    const rows = await table();
    expect(rows.map((r) => r[0])).toEqual(Object.keys(expected.channels));
    for (const r of rows) {
      const c = expected.channels[r[0]];
      // The chosen model's point value, then its interval.
      expect(r[2]).toBe(`${num(c.point.contribution)} [${num(c.contribution.q05)}, ${num(c.contribution.q95)}]`);
      expect(r[3]).toBe(`${pct(c.point.effect_share)} [${pct(c.effect_share.q05)}, ${pct(c.effect_share.q95)}]`);
      expect(r[5]).toBe(`${num(c.point.roas)} [${num(c.roas.q05)}, ${num(c.roas.q95)}]`);
      expect(r[6]).toBe(`${num(c.point.marginal_roas)} [${num(c.marginal_roas.q05)}, ${num(c.marginal_roas.q95)}]`);
      expect(r[5]).toMatch(/\[.+, .+\]/);
    }
    // Which bootstrap made the intervals, in the chosen model's facts and the method note.
    expect(expected.bootstrap.method).toBe('sieve_ar');
    await page.getByText(bootstrapText(expected.bootstrap), { exact: true }).waitFor();
    await expect(page.getByTestId('ridge-method-note').textContent()).resolves.toMatch(/sieve bootstrap/);
    // The interval bar and the point per channel; each bar spans exactly [q05, q95], wherever the point lies.
    expect(await tracePoints('ridge-roas')).toEqual([rows.length, rows.length]);
    const spans = await page.evaluate(() => {
      const gd = document.querySelector('[data-plot="ridge-roas"] .js-plotly-plot') as unknown as { data: Array<{ x: number[]; y: string[]; error_x: { array: number[] } }> };
      const t = gd.data[0];
      return t.y.map((c, i) => [c, t.x[i] - t.error_x.array[i], t.x[i] + t.error_x.array[i]] as const);
    });
    for (const [c, lo, hi] of spans) {
      expect(lo).toBeCloseTo(expected.channels[c].roas.q05!, 9);
      expect(hi).toBeCloseTo(expected.channels[c].roas.q95!, 9);
    }
    await s.assertLayout('ridge @ 1280');
    await s.assertAccessible('ridge @ 1280');
    await s.screenshot('ridge-robyn-desktop');
  });

  it('picks another model on the front: its numbers are what choose.ts gives in Node; back to the automatic choice restores the run', async () => {
    const s = browser();
    const page = s.page;
    const before = await table();
    const select = page.getByLabel('Model to read');
    const listed = await select.locator('option').evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
    expect(listed).toEqual(expected.pareto);
    expect(Number(await select.inputValue())).toBe(expected.chosen);
    const other = expected.pareto.find((id) => id !== expected.chosen)!;
    const done = Number(await page.getByTestId('ridge').getAttribute('data-completed'));
    await select.selectOption(String(other));
    await page.getByRole('button', { name: 'Use this model' }).click();
    await page.waitForSelector(`[data-testid="ridge"][data-completed="${done + 1}"]`, { timeout: 60_000 });
    const picked = refitChosen(robyn, ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, population: 16, generations: 6, replicates: 60, seed: 77 }, robyn, presetSpec(robyn, 'pymc')), expected, other, expected.chosen) as RidgeResult;
    const rows = await table();
    expect(rows.map((r) => r[0])).toEqual(Object.keys(picked.channels));
    for (const r of rows) {
      const c = picked.channels[r[0]];
      expect(r[2]).toBe(pointInterval(c.point.contribution, c.contribution, num));
      expect(r[3]).toBe(pointInterval(c.point.effect_share, c.effect_share, pct));
      expect(r[5]).toBe(pointInterval(c.point.roas, c.roas, num));
      expect(r[6]).toBe(pointInterval(c.point.marginal_roas, c.marginal_roas, num));
    }
    expect(rows).not.toEqual(before);
    await expect(page.locator('#ridge-channels-h').textContent()).resolves.toBe(`Chosen model (model ${other}, picked): contributions and ROAS`);
    // The star moves to the pick.
    const star = await page.locator('[data-plot="ridge-pareto"] .plot-canvas').evaluate((el) => (el as unknown as { data: Array<{ x: number[] }> }).data[2].x[0]);
    expect(star).toBe(expected.candidates[other].objectives.nrmse);
    await page.getByRole('button', { name: 'Back to the automatic choice' }).click();
    await page.waitForSelector(`[data-testid="ridge"][data-completed="${done + 2}"]`, { timeout: 60_000 });
    expect(await table()).toEqual(before);
    await expect(page.getByRole('button', { name: 'Back to the automatic choice' }).count()).resolves.toBe(0);
  });

  it('the same seed shows the same numbers; Cancel stops a long run and keeps the last result', async () => {
    const s = browser();
    const page = s.page;
    const before = await table();
    await runAndWait();
    expect(await table()).toEqual(before);
    await setForm({ Population: 200, Generations: 500 });
    await page.getByRole('button', { name: 'Run ridge' }).click();
    await page.getByText(/Searching hyperparameters: \d+ of 100200 candidates/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alert').filter({ hasText: 'the ridge run was cancelled' }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Run ridge' }).isEnabled()).resolves.toBe(true);
    // No progress left behind by messages still in flight from the terminated worker.
    await page.waitForTimeout(500);
    await expect(page.locator('progress').count()).resolves.toBe(0);
    expect(await table()).toEqual(before);
    // A value the form cannot take is not left in the field while the run uses another: the
    // field shows the value used and a note says why.
    await setForm({ Population: 1000 });
    await expect(page.getByLabel('Population', { exact: true }).inputValue()).resolves.toBe('200');
    await expect(page.getByTestId('ridge-adjusted').textContent()).resolves.toBe('Population: "1000" is not a whole number from 8 to 200; the run uses 200.');
    const seed = await page.getByLabel('Ridge seed', { exact: true }).inputValue();
    await setForm({ 'Ridge seed': -3 });
    await expect(page.getByLabel('Ridge seed', { exact: true }).inputValue()).resolves.toBe(seed);
    await expect(page.getByTestId('ridge-adjusted').textContent()).resolves.toBe(`Ridge seed: "-3" is not a whole number of 0 or more; the run keeps seed ${seed}.`);
    await setForm({ Population: 16 });
    await expect(page.getByTestId('ridge-adjusted').count()).resolves.toBe(0);
    await page.setViewportSize(PHONE);
    await s.assertLayout('ridge @ 390');
    // On a phone the channel and lift tables are cards (no sideways scrolling), a 10-digit seed
    // is shown whole, the curves' select stays inside its card, and the y title clears the labels.
    expect(await sidewaysTables(page)).toEqual([]);
    await setForm({ 'Ridge seed': 4_294_967_295 });
    const seedFits = await page.getByLabel('Ridge seed', { exact: true }).evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(seedFits).toBe(true);
    const [select, card] = await Promise.all([page.getByRole('combobox', { name: 'Curves' }).boundingBox(), page.getByTestId('ridge').boundingBox()]);
    expect(select!.x + select!.width).toBeLessThanOrEqual(card!.x + card!.width);
    expect(await yTitleOnTicks(page, 'ridge-roas')).toEqual([]);
    await s.screenshot('ridge-robyn-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('on the demo after a short fit: Bayesian ROAS next to the ridge ROAS', async () => {
    const s = browser();
    const page = await s.open();
    await page.locator('#tab-fit').click();
    for (const [label, v] of [['Chains', 2], ['Warmup', 150], ['Draws', 150], ['Seed', 11]] as const) {
      const input = page.getByLabel(label, { exact: true });
      await input.fill(String(v));
      await input.press('Tab');
    }
    await page.locator('#tab-data').click();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
    await page.locator('table.channels tbody tr').first().waitFor({ timeout: 60_000 });
    const bayesRoas = await page.evaluate(() => Array.from(document.querySelectorAll('table.channels tbody tr')).map((tr) => tr.querySelectorAll('td')[4]?.textContent?.trim()));
    await page.locator('#tab-ridge').click();
    await setForm(SMALL);
    await runAndWait();
    await page.locator('[data-testid="ridge-channels"] .bayes-roas').first().waitFor();
    const rows = await table();
    expect(rows.map((r) => r[0])).toEqual(['x1', 'x2']);
    // The Bayesian column holds the Results step's ROAS of the same run.
    expect(rows.map((r) => r[6])).toEqual(bayesRoas);
    expect(await tracePoints('ridge-roas')).toEqual([2, 2, 2, 2]);
    await s.assertLayout('ridge with Bayesian @ 1280');
    await s.assertAccessible('ridge with Bayesian @ 1280');
    await s.screenshot('ridge-demo-desktop');
    await page.setViewportSize(PHONE);
    await s.assertLayout('ridge with Bayesian @ 390');
    expect(await sidewaysTables(page)).toEqual([]);
    await s.screenshot('ridge-demo-phone');
    await page.setViewportSize(DESKTOP);
    expect(s.foreignRequests).toEqual([]);
  }, 300_000);
});
