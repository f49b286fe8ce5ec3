// The Diagnostics area on a short demo fit (2 chains × (150 + 150): the gates may warn or
// fail, which is the point): the readiness panel says what buildDiagnostics says about the
// very draws the studio exports, every plot is drawn with data and labelled, the layout
// holds at 1280 and 390 px, axe finds nothing serious, and nothing leaves the origin (the
// harness checks every request). The exported ArviZ JSON and CmdStan CSV files read back
// (in Node, through src/io) to the same arrays; importing them puts runs into the library,
// and comparing runs with identical draws shows zero elpd differences.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateValue } from '../../src/app/diagnostics/format';
import { parameterRows, sortParameterRows } from '../../src/app/diagnostics/parameter-rows';
import type { InferenceData } from '../../src/core/types';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../../src/diagnostics';
import { fromArvizJson, fromCmdStanCsv } from '../../src/io';
import { PHONE, REPO_ROOT, useBrowser } from './harness';
import { siPrefixedTicks } from './area-layout';

// CARRYOVER_DIST serves another build than dist/ (e.g. while other test runs use dist/).
const browser = useBrowser(process.env.CARRYOVER_DIST ? { serve: async () => path.resolve(process.env.CARRYOVER_DIST!) } : {});

const SEED = 20261122;
const PLOTS = [
  'diag-trace', 'diag-rank', 'diag-pairs', 'diag-energy', 'ppc-density', 'ppc-intervals',
  'ppc-stat-mean', 'ppc-stat-sd', 'ppc-stat-max', 'ppc-stat-lag1_autocorrelation', 'loo-pareto-k', 'diag-residuals', 'diag-qq',
];

async function setSampler(chains: number, warmup: number, draws: number, seed: number) {
  const page = browser().page;
  for (const [label, v] of [['Chains', chains], ['Warmup', warmup], ['Draws', draws], ['Seed', seed]] as const) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

/** Clicks, waits for the download it starts, and returns the file. */
async function download(click: () => Promise<void>): Promise<{ name: string; text: string; buffer: Buffer }> {
  const [dl] = await Promise.all([browser().page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const buffer = readFileSync((await dl.path())!);
  return { name: dl.suggestedFilename(), text: buffer.toString('utf8'), buffer };
}

/** Finite points per trace of a drawn plot (x for histograms, y otherwise). */
async function plotPoints(name: string): Promise<number[]> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ type?: string; x?: unknown[]; y?: unknown[] }> };
    return gd.data.map((t) => ((t.type === 'histogram' ? t.x : t.y) ?? []).filter((v) => typeof v === 'number' && Number.isFinite(v)).length);
  }, name);
}

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const numberIn = (text: string) => Number(text.replace(/[,%]/g, ''));

describe('diagnostics of a short demo fit', () => {
  let idata: InferenceData;
  let report: MmmDiagnosticsJson;
  let arviz: { name: string; text: string; buffer: Buffer };
  let csv: Array<{ name: string; text: string; buffer: Buffer }> = [];

  it('fits the demo and shows the readiness panel exactly as buildDiagnostics judges the exported run', { timeout: 300_000 }, async () => {
    const s = browser();
    const page = await s.open();
    // Short sampler settings first: "Try the demo" loads the data, sets up the default model and fits it.
    await page.locator('#tab-fit').click();
    await setSampler(2, 150, 150, SEED);
    await page.locator('#tab-data').click();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 240_000 });
    await page.locator('#tab-diagnostics').click();
    await page.waitForSelector('[data-testid="readiness"] li[data-gate]', { timeout: 60_000 });

    arviz = await download(() => page.getByRole('button', { name: 'Download ArviZ JSON' }).click());
    expect(arviz.name).toMatch(/\.inference_data\.json$/);
    const parsed = fromArvizJson(arviz.text, arviz.name);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    idata = parsed.value;
    expect(idata.attrs.seed).toBe(SEED);
    expect(idata.attrs.target_name).toBe('y');
    report = buildDiagnostics(idata);

    const shown = await page.locator('[data-testid="readiness"] li[data-gate]').evaluateAll((lis) =>
      lis.map((li) => ({ gate: li.getAttribute('data-gate')!, status: li.getAttribute('data-status')!, value: li.querySelector('[data-testid="gate-value"]')!.textContent! })));
    expect(shown.map((g) => [g.gate, g.status])).toEqual(Object.entries(report.gates).map(([k, g]) => [k, g.status]));
    for (const g of shown) {
      const expected = gateValue(g.gate, report.gates[g.gate]);
      if (expected === '—') expect(g.value).toBe('—');
      else expect(numberIn(g.value)).toBeCloseTo(numberIn(expected), 2);
    }
    // The banner is there exactly when a gate that affects the estimates fails.
    await expect(page.getByTestId('provisional-banner').count()).resolves.toBe(report.estimates_provisional ? 1 : 0);
    // Convergence table: every parameter, worst R-hat first.
    const keys = await page.locator('[data-testid="convergence-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(keys).toEqual(sortParameterRows(parameterRows(report.parameters), 'r_hat').map((r) => r.key));
    const chainRows = await page.locator('[data-testid="chain-table"] tbody tr').count();
    expect(chainRows).toBe(2);
    await s.screenshot('diagnostics-readiness');
  });

  it('draws every plot with the run\'s data, labelled, without overflow, axe clean', { timeout: 180_000 }, async () => {
    const s = browser();
    const page = s.page;
    await page.waitForSelector('[data-plot="ppc-density"]', { timeout: 60_000 });
    const points: Record<string, number[]> = {};
    for (const name of PLOTS) points[name] = await plotPoints(name);
    for (const name of PLOTS) expect(sum(points[name]), `${name} has data`).toBeGreaterThan(0);
    const T = idata.observed_data.y.length;
    const divergent = sum((idata.sample_stats.diverging as number[][]).map((c) => c.filter((v) => v !== 0).length));
    expect(points['diag-trace'].slice(0, 2)).toEqual([150, 150]);
    expect(sum(points['diag-pairs'])).toBe(300);
    expect(sum(points['diag-pairs'].slice(1))).toBe(divergent);
    expect(sum(points['ppc-intervals'].slice(4))).toBe(T);
    expect(sum(points['loo-pareto-k'])).toBe(T);
    expect(points['diag-residuals']).toEqual([T]);
    expect(points['ppc-stat-max']).toEqual([300]);
    // Another parameter in the select redraws trace and rank plots for it.
    const select = page.getByLabel('Parameter', { exact: true });
    const other = (await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)))[1];
    await select.selectOption(other);
    await expect.poll(() => page.locator('[data-plot="diag-trace"] .gtitle').textContent()).toBe(`Trace of ${other}`);
    await expect.poll(() => page.locator('[data-plot="diag-rank"] .gtitle').textContent()).toBe(`Rank plot of ${other}`);
    // Every parameter's trace in plain numbers or powers of ten, never an SI prefix ("500µ").
    const params = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    const prefixed: string[] = [];
    for (const p of params) {
      await select.selectOption(p);
      await expect.poll(() => page.locator('[data-plot="diag-trace"] .gtitle').textContent()).toBe(`Trace of ${p}`);
      prefixed.push(...(await siPrefixedTicks(page, 'diag-trace')).map((t) => `${p}: ${t}`));
    }
    expect(prefixed).toEqual([]);
    await select.selectOption(other);
    const report = await s.assertLayout('diagnostics @ 1280');
    expect(report.plotsChecked).toBeGreaterThanOrEqual(PLOTS.length);
    expect(await siPrefixedTicks(page)).toEqual([]);
    await s.assertAccessible('diagnostics @ 1280');
    await s.screenshot('diagnostics-desktop');
  });

  it('exports one CmdStan CSV per chain that reads back to the exported JSON\'s arrays', { timeout: 120_000 }, async () => {
    const page = browser().page;
    csv = [];
    for (const c of [1, 2]) csv.push(await download(() => page.getByRole('button', { name: `Chain ${c}`, exact: true }).click()));
    expect(csv.map((f) => f.name)).toEqual([arviz.name.replace('.inference_data.json', '_1.csv'), arviz.name.replace('.inference_data.json', '_2.csv')]);
    expect(csv[0].text.split('\n').find((l) => !l.startsWith('#'))).toMatch(/^lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,/);
    // Kept for the one-off rstan check (tests/io/rstan-read-check.R reads carryover_K.csv files).
    const keep = path.join(REPO_ROOT, 'test-results', 'diagnostics-export');
    mkdirSync(keep, { recursive: true });
    csv.forEach((f, c) => writeFileSync(path.join(keep, `carryover_${c + 1}.csv`), f.buffer));
    writeFileSync(path.join(keep, 'inference_data.json'), arviz.buffer);
    const back = fromCmdStanCsv(csv.map(({ name, text }) => ({ name, text })));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    for (const g of ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive', 'observed_data', 'constant_data', 'coords', 'attrs'] as const) {
      expect(back.value[g], g).toEqual(idata[g]);
    }
  });

  it('imports the JSON and the CSV files as runs; identical runs compare with zero difference', { timeout: 180_000 }, async () => {
    const s = browser();
    const page = s.page;
    const input = page.getByTestId('import-trace');
    await input.setInputFiles({ name: arviz.name, mimeType: 'application/json', buffer: arviz.buffer });
    await expect.poll(() => page.getByTestId('transfer-status').textContent(), { timeout: 60_000 }).toMatch(/^Imported as "Imported: .*inference_data\.json"/);
    await input.setInputFiles(csv.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: f.buffer })));
    await expect.poll(() => page.getByTestId('transfer-status').textContent(), { timeout: 60_000 }).toMatch(/^Imported as "Imported: .*_1\.csv, .*_2\.csv"/);
    // A broken file is an error that names it; nothing is imported.
    await input.setInputFiles({ name: 'broken_1.csv', mimeType: 'text/csv', buffer: Buffer.from('lp__,a\n1,2,3\n') });
    await page.getByRole('alert').filter({ hasText: 'broken_1.csv' }).waitFor({ timeout: 30_000 });

    const boxes = page.locator('section[aria-labelledby="compare-h"] input[type="checkbox"]');
    await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBe(3);
    for (const box of await boxes.all()) await box.check();
    await page.getByRole('button', { name: 'Compare 3 runs' }).click();
    const table = page.getByTestId('loo-compare');
    await table.waitFor({ timeout: 120_000 });
    await expect(table.getByTestId('elpd-diff').allTextContents()).resolves.toEqual(['0.0', '0.0', '0.0']);
    await expect(table.getByTestId('se-diff').allTextContents()).resolves.toEqual(['0.0', '0.0', '0.0']);
    const elpd = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(elpd.map(Number)).toEqual([0, 1, 2].map(() => Number(report.loo.elpd!.toFixed(1))));
    await s.assertLayout('diagnostics with comparison @ 1280');
    await s.assertAccessible('diagnostics with comparison @ 1280');
    await s.screenshot('diagnostics-compare');
  });

  it('opens an imported run and lays out at phone width', { timeout: 180_000 }, async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await page.locator('#tab-runs').click();
    const row = page.locator('li[data-run-id]', { hasText: 'inference_data.json' }).first();
    await row.getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]');
    await page.locator('#tab-diagnostics').click();
    await page.waitForSelector('[data-plot="diag-qq"]', { timeout: 60_000 });
    const statuses = await page.locator('[data-testid="readiness"] li[data-gate]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
    expect(statuses).toEqual(Object.values(report.gates).map((g) => g.status));
    await s.assertLayout('diagnostics @ 390');
    await s.assertAccessible('diagnostics @ 390');
    await s.screenshot('diagnostics-phone');
  });
});
