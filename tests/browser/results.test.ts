// Opening a saved run (the committed v1 fixture, imported from a file) restores its data,
// model and results: every chart is drawn with the run's numbers and titled, at 1280 px
// and 390 px, and axe finds nothing serious. The model step then edits the restored spec.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../src/app/results/analyse';
import { num, withInterval } from '../../src/app/results/format';
import { signedStack } from '../../src/app/results/signed-stack';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { DESKTOP, PHONE, useBrowser } from './harness';
import { exportNewestRun, SHORT, tryDemo, waitResults } from './support/flows';

const browser = useBrowser();
const FIXTURE = path.resolve(__dirname, '../store/fixtures/run-v1.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const runFile = (name: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'carryover-run', exported_at: '2026-11-22T00:00:00Z', run: fixture })),
});

async function importFixture(fileName = 'fixture-run.json') {
  const page = browser().page;
  await page.locator('#tab-runs').click();
  await page.locator('[data-testid="import-run"]').setInputFiles(runFile(fileName));
  await page.getByText('1 run imported.').waitFor();
}

/** Number of points drawn by Plotly in a named plot (markers, bars or line vertices). */
async function plotPoints(name: string): Promise<number> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ y?: ArrayLike<unknown>; z?: unknown[] }> };
    return gd.data.reduce((s, t) => s + (t.y?.length ?? t.z?.length ?? 0), 0);
  }, name);
}

/** Hovers point `point` of trace `trace` of a plot; returns Plotly's hover label text. */
async function hoverText(name: string, trace: number, point: number): Promise<string> {
  const page = browser().page;
  const fig = page.locator(`[data-plot="${name}"]`);
  await fig.scrollIntoViewIfNeeded();
  const target = fig.locator('.trace').nth(trace).locator('.point').nth(point);
  const box = await target.boundingBox();
  if (!box) throw new Error(`${name}: trace ${trace} point ${point} is not drawn`);
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 4));
  const label = fig.locator('.hoverlayer .hovertext').first();
  await label.waitFor({ timeout: 5000 });
  const text = (await label.textContent()) ?? '';
  await page.mouse.move(0, 0);
  return text;
}

/**
 * The numbers the Results step shows, with their 90% intervals, against the analysis of
 * the same run in Node: the waterfall's total bar has error bars at the total's interval
 * and says it on hover; channel totals in the table and the model total under it too.
 */
async function expectIntervals() {
  const a = analyseRun(fixture.inference_data);
  if (!a.ok) throw new Error('fixture does not analyse');
  const page = browser().page;
  const total = a.value.total;
  const bars = await page.evaluate(() => {
    // Horizontal bars: components on y, amounts on x.
    const gd = document.querySelector('[data-plot="contribution-waterfall"] .js-plotly-plot') as unknown as { data: Array<{ y: string[]; x: number[]; error_x: { array: number[]; arrayminus: number[] } }> };
    const t = gd.data[0];
    const i = t.y.length - 1;
    return { label: t.y[i], y: t.x[i], plus: t.error_x.array[i], minus: t.error_x.arrayminus[i] };
  });
  expect(bars.label).toBe('Total (model)');
  expect(bars.y).toBeCloseTo(total.mean!, 6);
  expect(bars.y + bars.plus).toBeCloseTo(total.q95!, 6);
  expect(bars.y - bars.minus).toBeCloseTo(total.q05!, 6);
  expect(bars.plus + bars.minus).toBeGreaterThan(0);
  expect(await hoverText('contribution-waterfall', 0, 6)).toBe(`Total (model): ${withInterval(total)}`);
  const x1 = a.value.contributions.channels[0];
  expect(await hoverText('contribution-waterfall', 0, 4)).toBe(`x1: ${withInterval(x1.contribution)}`);
  await expect(page.getByTestId('totals').textContent()).resolves.toContain(`model total ${withInterval(total)} against ${num(a.value.contributions.sum_check.observed_total)} observed`);
  // ROAS in the forest plot's hover, as in the table.
  expect(await hoverText('roas-forest', 0, 0)).toContain(withInterval(a.value.roas[0].roas));
}

/**
 * A horizontal forest with two series per row (scattermode 'group'), as drawn: each marker
 * sits at its value on x, and the two series of a row are side by side on y within the row's
 * category band (without orientation 'h' on the traces Plotly drew them on one line, the
 * second series' interval over the first's).
 */
async function expectForestDrawnAtValues(name: string) {
  const drawn = await browser().page.evaluate((n) => {
    type Axis = { l2p: (v: number) => number; d2l: (v: unknown) => number };
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as Element & { data: Array<{ x: number[]; y: string[] }>; _fullLayout: { xaxis: Axis; yaxis: Axis } };
    const { xaxis, yaxis } = gd._fullLayout;
    return Array.from(gd.querySelectorAll('.scatterlayer .trace')).map((t, i) =>
      Array.from(t.querySelectorAll('.points path')).map((p, k) => {
        const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(p.getAttribute('transform') ?? '')!;
        return { x: Number(m[1]), y: Number(m[2]), xWant: xaxis.l2p(gd.data[i].x[k]), yRow: yaxis.l2p(yaxis.d2l(gd.data[i].y[k])) };
      }),
    );
  }, name);
  expect(drawn).toHaveLength(2);
  for (const series of drawn)
    for (const p of series) {
      expect(Math.abs(p.x - p.xWant)).toBeLessThan(0.5);
      expect(Math.abs(p.y - p.yRow)).toBeLessThan(25);
    }
  drawn[0].forEach((p, k) => expect(Math.abs(p.y - drawn[1][k].y)).toBeGreaterThan(4));
}

/**
 * Contributions over time as drawn: the traces of the upper stack are never negative, those
 * of the lower never positive, and per period all parts add up to the net line, which is
 * the sum of the components' means computed in Node; the caption names what is below zero.
 */
async function expectDivergingStack() {
  const a = analyseRun(fixture.inference_data);
  if (!a.ok) throw new Error('fixture does not analyse');
  const o = a.value.overTime;
  const bands = [o.intercept, o.seasonality, ...o.controls, ...o.channels];
  const traces = await browser().page.evaluate(() => {
    const gd = document.querySelector('[data-plot="contributions-over-time"] .js-plotly-plot') as unknown as { data: Array<{ name: string; y: number[]; stackgroup?: string }> };
    return gd.data.map((t) => ({ name: t.name, y: Array.from(t.y), group: t.stackgroup ?? null }));
  });
  const net = traces.find((t) => t.group === null)!;
  const parts = traces.filter((t) => t.group !== null);
  for (let t = 0; t < 12; t++) {
    const byHand = bands.reduce((s, b) => s + b.mean[t], 0);
    expect(net.y[t]).toBeCloseTo(byHand, 6);
    expect(parts.reduce((s, p) => s + p.y[t], 0)).toBeCloseTo(byHand, 6);
    for (const p of parts) expect(p.group === 'above' ? p.y[t] >= 0 : p.y[t] <= 0).toBe(true);
  }
  const below = [...new Set(parts.filter((p) => p.group === 'below').map((p) => p.name))];
  const caption = (await browser().page.getByTestId('contributions-caption').textContent()) ?? '';
  if (below.length) expect(caption).toContain(`negative ones (${below.join(', ')}) below it`);
  else expect(caption).toContain('All components are positive here');
}

describe('an opened run', () => {
  it('is imported first', async () => {
    await browser().open();
    await importFixture();
  });

  it('opens a run: results, data and model come back, charts have data', async () => {
    const s = browser();
    const page = s.page;
    await page.locator('li[data-run-id]').getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]');
    await expect(page.locator('.run-name').textContent()).resolves.toBe('Fixture run (schema v1)');
    // 4 band edges + mean + observed, 12 weeks each.
    expect(await plotPoints('observed-vs-predicted')).toBe(6 * 12);
    expect(await plotPoints('residuals')).toBe(12);
    const meanX1 = await page.locator('tr', { hasText: 'adstock_alpha[x1]' }).locator('td').nth(1).textContent();
    const draws = (fixture.inference_data.posterior.adstock_alpha as number[][][]).flat().map((d) => d[0]);
    expect(Number(meanX1)).toBeCloseTo(draws.reduce((a, b) => a + b, 0) / draws.length, 2);
    // Contributions, ROAS, curves and kernels come from src/analysis in the results worker.
    // Diverging stack: a trace per component part above zero, one per part below, the net line.
    const a = analyseRun(fixture.inference_data);
    if (!a.ok) throw new Error('fixture does not analyse');
    const o = a.value.overTime;
    const stack = signedStack([o.intercept, o.seasonality, ...o.controls, ...o.channels].map((b, i) => ({ name: String(i), mean: b.mean })));
    expect(await plotPoints('contributions-over-time')).toBe(12 * (stack.above.length + stack.below.length + 1));
    await expectDivergingStack();
    expect(await plotPoints('contribution-waterfall')).toBe(1 + 1 + 2 + 2 + 1);
    expect(await plotPoints('roas-forest')).toBe(4);
    await expectForestDrawnAtValues('roas-forest');
    // Per channel: the 90% and 50% band edges and the mean, 61 multipliers; the current spends.
    expect(await plotPoints('response-curves')).toBe(2 * 5 * 61 + 2);
    expect(await plotPoints('adstock-kernels')).toBe(2 * 8);
    await expect(page.locator('table.channels tbody tr').count()).resolves.toBe(2);
    await expectIntervals();
    // A 2 × 4-draw run fails the ESS gates: the provisional mark is on, as the diagnostics say.
    expect(buildDiagnostics(fixture.inference_data).estimates_provisional).toBe(true);
    await expect(page.getByTestId('provisional-banner').isVisible()).resolves.toBe(true);
    await s.assertLayout('results');
    await s.assertAccessible('results');
    await s.screenshot('runs-results-desktop');

    await page.locator('#tab-data').click();
    expect(await plotPoints('target-over-time')).toBe(12);
    expect(await plotPoints('spend-over-time')).toBe(24);
    // Correlations between target, 2 media and 2 controls.
    expect(await plotPoints('correlation-heatmap')).toBe(5);
    await s.assertLayout('data overview');
    await s.assertAccessible('data overview');
    await s.screenshot('runs-data-desktop');

    await page.locator('#tab-model').click();
    await expect(page.getByRole('heading', { name: 'x1' }).isVisible()).resolves.toBe(true);
    expect(await plotPoints('prior-x1-adstock_alpha')).toBe(201);
    await page.getByRole('button', { name: 'Show prior predictive check' }).click();
    // 4 band edges + the observed series, 12 weeks each.
    expect(await plotPoints('prior-predictive')).toBe(5 * 12);
    await s.assertLayout('model');
    await s.assertAccessible('model');
    await s.screenshot('runs-model-desktop');
  });

  it('edits the restored model: kinds and priors', async () => {
    const page = browser().page;
    const card = page.locator('section.channel', { has: page.getByRole('heading', { name: 'x2' }) });
    await card.getByLabel('Saturation', { exact: true }).selectOption('hill');
    await card.locator('[data-plot="prior-x2-saturation_kappa"] .main-svg').first().waitFor();
    await expect(page.getByText('Current model: customised.').isVisible()).resolves.toBe(true);
    const alphaSel = card.locator('#prior-x2-adstock_alpha-dist');
    await expect(alphaSel.locator('option').allTextContents()).resolves.toEqual(['Beta']);
    const sigma = card.locator('#prior-x2-saturation_beta-dist');
    await sigma.selectOption('gamma');
    const shape = card.locator('label.param', { hasText: 'shape' }).locator('input').last();
    await shape.fill('-1');
    await shape.press('Tab');
    await expect(card.getByRole('alert').textContent()).resolves.toMatch(/shape must be greater than 0/);
    await browser().screenshot('runs-model-edited');
  });

  it('lays out at phone width with runs listed and open', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await page.locator('#tab-runs').click();
    await page.waitForSelector('li[data-run-id]');
    await s.assertLayout('runs @ 390');
    await s.screenshot('runs-phone-list');
    await page.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('[data-plot="observed-vs-predicted"] .main-svg');
    await s.assertLayout('results @ 390');
    await s.assertAccessible('results @ 390');
    await s.screenshot('runs-phone-results');
    await page.locator('#tab-model').click();
    await page.waitForSelector('[data-plot="prior-x1-adstock_alpha"] .main-svg');
    await s.assertLayout('model @ 390');
    await s.screenshot('runs-phone-model');
    await page.setViewportSize(DESKTOP);
  });
});

describe('a short demo fit is marked provisional where the diagnostics say so', () => {
  it('the banner on Results and Optimize matches buildDiagnostics of the exported run', async () => {
    const s = browser();
    const page = await s.open();
    // 2 × (150 + 150): too few draws for the ESS gates (> 400), so the estimates are provisional.
    await tryDemo(page, 31);
    await waitResults(page);
    const exported = JSON.parse(readFileSync(await (await exportNewestRun(page)).path(), 'utf8'));
    const idata = exported.run.inference_data;
    expect(idata.attrs.sampler).toMatchObject({ chains: SHORT.chains, warmup: SHORT.warmup, draws: SHORT.draws });
    const d = buildDiagnostics(idata);
    expect(d.estimates_provisional).toBe(true);
    const failing = Object.entries(d.gates).filter(([, g]) => g.affects_estimates && g.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);

    await page.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]');
    const banner = page.getByTestId('provisional-banner');
    await banner.waitFor({ timeout: 60_000 });
    // It sits above every number of the step and names the failing checks.
    const top = await page.evaluate(() => {
      const b = document.querySelector('[data-testid="provisional-banner"]')!.getBoundingClientRect().top;
      const h = document.querySelector('#results-h')!.getBoundingClientRect().top;
      return b < h;
    });
    expect(top).toBe(true);
    await expect(banner.textContent()).resolves.toMatch(new RegExp(`${failing.length === 1 ? 'A readiness check fails' : `${failing.length} readiness checks fail`}`));
    await s.screenshot('results-provisional');

    await page.locator('#tab-optimize').click();
    await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('provisional').isVisible()).resolves.toBe(d.estimates_provisional);
  });
});
