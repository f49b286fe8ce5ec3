// The Optimize step in the built studio (issue 5, acceptance 5), on a short demo fit
// (2 × (300 + 300)): default inputs (budget = the last 52 weeks' spend, 0.5–2× bounds), the
// plan with its intervals and the allocation charts drawn from the worker's numbers, every
// constraint holding in the plan shown, the scenario cards answered, a validation message,
// an infeasible setting with the optimizer's reason and no plan, and the downloads: the
// report (an HTML file) and the two decision files, whose plan the Node optimizer reproduces
// from the exported run. Layout at 1280 × 800 and 390 px, axe, nothing outside the origin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OptimizeEngine } from '../../src/app/optimize/engine';
import { runFromFileText } from '../../src/store';
import { yTitleOnChartTitle, yTitleOnTicks } from './area-layout';
import { PHONE, REPO_ROOT, useBrowser } from './harness';
import { inputAmount } from '../../src/app/optimize/format';
import { withInterval } from '../../src/app/results/format';

/** "12.3k" → 12300, as src/app/results/format.ts num() writes a number. */
const unNum = (s: string) => Number(s.replace(/[kM]$/, '')) * (s.endsWith('M') ? 1e6 : s.endsWith('k') ? 1e3 : 1);

const browser = useBrowser();
const DEMO = readFileSync(path.join(REPO_ROOT, 'public/demo/mmm_example.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
/** Mean spend per week of x1 and x2 over the demo's last 52 weeks. */
const CURRENT = [2, 3].map((j) => DEMO.slice(-52).reduce((s, r) => s + Number(r[j]), 0) / 52);
const BUDGET = 52 * (CURRENT[0] + CURRENT[1]);

async function fitDemo(page: Page) {
  // Short sampler settings first; "Try the demo" then loads the data, sets up the default model and fits.
  await page.locator('#tab-fit').click();
  for (const [label, v] of [['Chains', 2], ['Warmup', 300], ['Draws', 300], ['Seed', 20261123]] as const) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
  await page.locator('#tab-data').click();
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await page.waitForSelector('#tab-fit[aria-selected="true"]', { timeout: 30_000 });
  await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
}

/** The plotted y values of each trace of a named plot, once Plotly has drawn it. */
async function plotData(page: Page, name: string): Promise<Array<{ name: string; x: unknown[]; y: number[] }>> {
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ name: string; x: unknown[]; y: number[] }> };
    return gd.data.map((t) => ({ name: t.name, x: Array.from(t.x), y: Array.from(t.y) }));
  }, name);
}

const planShown = (page: Page) => page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  return { name: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
}

describe('the Optimize step', () => {
  let budgetJson: Record<string, any>;

  it('opens on the fitted run with default inputs and a plan with intervals', async () => {
    const s = browser();
    const page = await s.open();
    await fitDemo(page);
    await page.locator('#tab-optimize').click();
    await page.getByRole('heading', { name: /Optimize: / }).waitFor();
    await planShown(page);
    // The input shows the budget rounded for reading (inputAmount); the plan uses the exact sum (checked below).
    expect(Number(await page.getByLabel('Total budget over the horizon').inputValue())).toBe(inputAmount(BUDGET));
    expect(await page.getByLabel('Horizon (weeks)').inputValue()).toBe('52');
    for (const c of ['x1', 'x2']) {
      expect(await page.getByLabel(`Minimum for ${c}`, { exact: true }).inputValue()).toBe('0.5');
      expect(await page.getByLabel(`Maximum for ${c}`, { exact: true }).inputValue()).toBe('2');
    }
    // Every summary figure is "mean [q05, q95]" with q05 ≤ mean ≤ q95 as shown.
    for (const key of ['current', 'optimal', 'lift']) {
      const text = (await page.locator(`[data-key="${key}"]`).textContent())!;
      expect(text, key).toMatch(/^-?[\d.]+k? \[-?[\d.]+k?, -?[\d.]+k?\]$/);
    }
    expect(await page.locator('[data-key="p-lift"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
    // The next unit's return per channel, at both plans, is "mean [q05, q95]" too.
    for (const c of ['x1', 'x2'])
      for (const key of ['marginal-current', 'marginal-optimal']) {
        const text = (await page.locator(`tr[data-channel="${c}"] [data-key="${key}"]`).textContent())!;
        const m = /^(\S+) \[(\S+), (\S+)\]$/.exec(text);
        expect(m, `${c} ${key}: ${text}`).not.toBeNull();
        const [mean, q05, q95] = m!.slice(1).map(unNum);
        expect(q05).toBeLessThanOrEqual(mean);
        expect(mean).toBeLessThanOrEqual(q95);
        expect(q05).toBeGreaterThan(0);
      }
    await expect(page.locator('[data-testid="binding"]').textContent()).resolves.toMatch(/^Binding constraints: /);
  });

  it('draws current against optimal spend, and contributions with 90% intervals; the plan keeps every bound', async () => {
    const page = browser().page;
    const alloc = await plotData(page, 'optimize-allocation');
    expect(alloc.map((t) => t.name)).toEqual(['Current', 'Optimal']);
    expect(alloc[0].x).toEqual(['x1', 'x2']);
    alloc[0].y.forEach((v, c) => expect(v).toBeCloseTo(CURRENT[c], 9));
    const opt = alloc[1].y;
    opt.forEach((v, c) => {
      expect(v).toBeGreaterThanOrEqual(0.5 * CURRENT[c] * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(2 * CURRENT[c] * (1 + 1e-12));
    });
    expect(opt[0] + opt[1]).toBeCloseTo(BUDGET / 52, 9);
    expect(await plotData(page, 'optimize-contribution')).toHaveLength(2);
    const withBars = await page.evaluate(() => {
      const gd = document.querySelector('[data-plot="optimize-contribution"] .js-plotly-plot') as unknown as { data: Array<{ y: number[]; error_y: { array: number[]; arrayminus: number[] } }> };
      return gd.data.map((t) => t.y.map((y, i) => [y, t.error_y.arrayminus[i], t.error_y.array[i]]));
    });
    for (const trace of withBars)
      for (const [y, minus, plus] of trace) {
        expect(y).toBeGreaterThan(0);
        expect(minus).toBeGreaterThanOrEqual(0);
        expect(plus).toBeGreaterThanOrEqual(0);
      }
  });

  it('answers the four scenario cards with outcome intervals', async () => {
    const page = browser().page;
    for (const kind of ['shift', 'budget_change', 'target_efficiency', 'min_spend_for_current_outcome']) {
      const card = page.locator(`[data-scenario="${kind}"]`);
      await card.locator('[data-key="outcome"], .reason').first().waitFor({ timeout: 120_000 });
      const outcome = card.locator('[data-key="outcome"]');
      if (await outcome.count()) expect(await outcome.textContent(), kind).toMatch(/\[.+, .+\]/);
      else expect(await card.locator('.reason').textContent(), kind).toMatch(/^No plan: .{10,}/);
    }
    // Shift 100% of x2 into x1: the card says what it moved, computed anew.
    const shift = page.locator('[data-scenario="shift"]');
    await shift.getByLabel('Share of spend to shift, percent').fill('100');
    await shift.getByLabel('Shift from channel').selectOption('x2');
    await shift.getByLabel('Shift to channel').selectOption('x1');
    await shift.getByRole('button', { name: 'Update' }).click();
    await page.waitForFunction(() => /x2 0\s*$/.test(document.querySelector('[data-scenario="shift"] .plan')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const rows = await plotData(page, 'optimize-scenarios');
    expect(rows[0].y.length).toBeGreaterThanOrEqual(4);
  });

  it('stops an impossible input at its field and shows an infeasible set with the optimizer’s reason', async () => {
    const s = browser();
    const page = s.page;
    const horizon = page.getByLabel('Horizon (weeks)');
    await horizon.fill('2.5');
    await expect(page.getByText('The horizon must be a whole number of weeks from 1 to 179 (got 2.5).').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Optimize budget' }).isDisabled()).resolves.toBe(true);
    await horizon.fill('52');
    // Both channels capped at 0.5× current cannot spend the whole budget.
    for (const c of ['x1', 'x2']) await page.getByLabel(`Maximum for ${c}`, { exact: true }).fill('0.5');
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    const box = page.locator('[data-testid="infeasible"]');
    await box.waitFor({ timeout: 60_000 });
    const text = (await box.textContent())!;
    expect(text).toMatch(/No plan meets all these constraints/);
    expect(text).toMatch(/the maximums \(and fixed channels\) allow at most .+ over 52 periods, less than the budget/);
    expect(text).toMatch(/lower the budget or raise the maximums/);
    await expect(page.locator('[data-testid="plan-summary"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-plot="optimize-allocation"]').count()).resolves.toBe(0);
    await s.assertAccessible('optimize infeasible');
    await s.screenshot('optimize-infeasible');
    for (const c of ['x1', 'x2']) await page.getByLabel(`Maximum for ${c}`, { exact: true }).fill('2');
    // Every channel held fixed with more budget than they spend: the reason is the fixed spend, not the maximums.
    for (const c of ['x1', 'x2']) await page.getByLabel(`Hold ${c} fixed at its current spend`).check();
    await page.getByLabel('Total budget over the horizon').fill(String(2 * BUDGET));
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    await page.waitForFunction(() => /every channel is held fixed/.test(document.querySelector('[data-testid="infeasible"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const fixedText = (await box.textContent())!;
    expect(fixedText).toContain(`which comes to ${BUDGET.toLocaleString('en-US', { maximumFractionDigits: 2 })} over 52 periods, not the budget`);
    expect(fixedText).toContain(`set the budget to ${BUDGET.toLocaleString('en-US', { maximumFractionDigits: 2 })}, or stop holding at least one channel fixed`);
    expect(fixedText).not.toMatch(/raise the maximums/);
    for (const c of ['x1', 'x2']) await page.getByLabel(`Hold ${c} fixed at its current spend`).uncheck();
    await page.getByRole('button', { name: 'Use that budget' }).click();
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    await planShown(page);
  });

  it('downloads the report and the decision files; the Node optimizer reproduces the plan from the exported run', async () => {
    const page = browser().page;
    // Let the scenario cards settle so the files include them.
    await page.waitForFunction(() => document.querySelectorAll('[data-scenario] [data-key="outcome"], [data-scenario] .reason').length === 4, undefined, { timeout: 120_000 });
    const report = await download(page, 'Download report');
    expect(report.name).toBe('mmm_executive_summary.html');
    expect(report.text.startsWith('<!doctype html>')).toBe(true);
    // Its budget section is the problem on screen, in the same words.
    expect(report.text).toContain('x1 between 0.5× current and 2× current; x2 between 0.5× current and 2× current');
    expect(await page.locator('p.rule').textContent()).toContain('x1 between 0.5× current and 2× current; x2 between 0.5× current and 2× current');
    const budget = await download(page, 'Budget plan (JSON)');
    const shown: Array<[string, string]> = [];
    expect(budget.name).toBe('mmm_budget_optimization.json');
    budgetJson = JSON.parse(budget.text);
    expect(budgetJson).toMatchObject({ feasible: true, horizon_periods: 52, objective: 'mean' });
    expect(budgetJson.budget).toBeCloseTo(BUDGET, 9);
    expect(Object.keys(budgetJson.metadata)).toEqual(expect.arrayContaining(['created_at', 'app_version', 'model', 'data_range', 'seed', 'sampler']));
    expect(budgetJson.scenarios.map((x: { kind: string }) => x.kind)).toEqual(['shift', 'budget_change', 'target_efficiency', 'min_spend_for_current_outcome']);
    const contributions = await download(page, 'Channel contributions (JSON)');
    expect(contributions.name).toBe('mmm_channel_contributions.json');
    expect(Object.keys(JSON.parse(contributions.text).channels)).toEqual(['x1', 'x2']);

    // The run as the Runs library exports it, optimised again in Node with the same problem.
    await page.locator('#tab-runs').click();
    const row = page.locator('li[data-run-id]').first();
    const [dl] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
    const rec = runFromFileText(readFileSync((await dl.path())!, 'utf8'), 'run.json');
    if (!rec.ok) throw new Error(rec.errors[0].message);
    const engine = new OptimizeEngine();
    expect(engine.load(rec.value.inference_data).ok).toBe(true);
    const constraints = Object.fromEntries(['x1', 'x2'].map((c) => [c, { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } }]));
    const node = engine.optimize({ problem: { budget: budgetJson.budget, horizon: 52, constraints }, objective: 'mean' });
    if (!node.feasible) throw new Error(node.reason);
    for (const c of ['x1', 'x2']) expect(budgetJson.optimal.spend_per_period[c]).toBeCloseTo(node.optimal.spend_per_period[c], 9);
    // The next unit's return: the file's estimates are the ones on screen, and Node's.
    for (const c of ['x1', 'x2'])
      for (const plan of ['current', 'optimal'] as const) {
        const e = budgetJson.marginal_return_estimate[plan][c];
        expect(e.mean / node.constraints.find((k) => k.channel === c)!.marginal_return[plan].mean!).toBeCloseTo(1, 9);
        shown.push([`${c} ${plan}`, withInterval(e)]);
      }
    expect(budgetJson.lift.mean).toBeCloseTo(node.lift.mean!, 6);
    await page.locator('#tab-optimize').click();
    await planShown(page);
    for (const [what, text] of shown) {
      const [c, plan] = what.split(' ');
      expect(await page.locator(`tr[data-channel="${c}"] [data-key="marginal-${plan}"]`).textContent(), what).toBe(text);
    }
  });

  it('optimises the risk-averse objective, and holds a channel fixed at a new budget', async () => {
    const page = browser().page;
    const planText = () => page.locator('section[aria-labelledby="plan-h"]').textContent();
    await page.getByLabel('Risk-averse (5% quantile)').check();
    await page.getByText('The inputs changed since the plan below was computed').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    await page.waitForFunction(() => /5% quantile .+ now, .+ with the plan/.test(document.querySelector('section[aria-labelledby="plan-h"]')?.textContent ?? ''), undefined, { timeout: 120_000 });
    let alloc = await plotData(page, 'optimize-allocation');
    alloc[1].y.forEach((v, c) => {
      expect(v).toBeGreaterThanOrEqual(0.5 * CURRENT[c] * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(2 * CURRENT[c] * (1 + 1e-12));
    });
    expect(alloc[1].y[0] + alloc[1].y[1]).toBeCloseTo(BUDGET / 52, 9);

    // x1 held at its current spend with 20% more budget: x2 takes all the rest.
    await page.getByLabel('Expected outcome', { exact: true }).check();
    await page.getByLabel('Hold x1 fixed at its current spend').check();
    await page.getByLabel('Total budget over the horizon').fill(String(1.2 * BUDGET));
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    await page.waitForFunction(() => /x1 is held fixed at/.test(document.querySelector('[data-testid="binding"]')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await planText()).not.toMatch(/5% quantile/);
    alloc = await plotData(page, 'optimize-allocation');
    expect(alloc[1].y[0]).toBe(alloc[0].y[0]);
    expect(alloc[1].y[1]).toBeCloseTo((1.2 * BUDGET) / 52 - CURRENT[0], 9);

    await page.getByLabel('Hold x1 fixed at its current spend').uncheck();
    await page.getByRole('button', { name: 'Use that budget' }).click();
    // The input shows the budget rounded for reading (inputAmount); the plan uses the exact sum (checked below).
    expect(Number(await page.getByLabel('Total budget over the horizon').inputValue())).toBe(inputAmount(BUDGET));
    await page.getByRole('button', { name: 'Optimize budget' }).click();
    await page.waitForFunction(() => !/held fixed/.test(document.querySelector('[data-testid="binding"]')?.textContent ?? 'held fixed'), undefined, { timeout: 120_000 });
  });

  it('lays out at 1280 × 800 and at 390 px with nothing serious for axe', async () => {
    const s = browser();
    await s.assertLayout('optimize @ 1280');
    await s.assertAccessible('optimize @ 1280');
    await s.screenshot('optimize-desktop');
    const page = await s.open(PHONE);
    await page.locator('#tab-runs').click();
    await page.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]');
    await page.locator('#tab-optimize').click();
    await planShown(page);
    await page.locator('[data-scenario="min_spend_for_current_outcome"]').locator('[data-key="outcome"], .reason').first().waitFor({ timeout: 120_000 });
    await s.assertLayout('optimize @ 390');
    expect(await yTitleOnTicks(page, 'optimize-scenarios')).toEqual([]);
    for (const plot of ['optimize-allocation', 'optimize-contribution']) expect(await yTitleOnChartTitle(page, plot), plot).toBe(false);
    await s.assertAccessible('optimize @ 390');
    await s.screenshot('optimize-phone');
  });
});
