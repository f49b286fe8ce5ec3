// Every shared wide/long dataset through the built CLI (npm test builds it): fit (short NUTS),
// diagnose and optimize. The run directory carries MODEL.md §8's names and fields; the data
// the model saw equals the CSV read independently here (spend totals per channel, the target
// per period; Meridian geo files summed over geos, revenue = conversions × revenue per
// conversion, §7); the optimal plan spends exactly the budget.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const root = mkdtempSync(join(tmpdir(), 'carryover-datasets-'));
const SHORT = ['--chains', '2', '--warmup', '100', '--draws', '50', '--seed', '11', '--quiet'];

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stderr: r.stderr };
}
const json = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

/** Plain CSV (no quoted commas in these files) as records. */
function records(rel: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(sharedPath(rel), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',').map((c) => c.replace(/"/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v.replace(/"/g, '')])));
}

interface Case {
  rel: string;
  args: string[];
  date: string;
  target: (r: Record<string, string>) => number;
  /** channel name in the run → spend column of the CSV */
  spend: Record<string, string>;
  controls?: string[];
}

const meridianSpend = { Channel0: 'Channel0_spend', Channel1: 'Channel1_spend', Channel2: 'Channel2_spend', Channel3: 'Channel3_spend' };
const revenue = (r: Record<string, string>) => Number(r.conversions) * Number(r.revenue_per_conversion);
const CASES: Case[] = [
  { rel: 'data/pymc-marketing/mmm_example.csv', args: ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'], date: 'date_week', target: (r) => Number(r.y), spend: { x1: 'x1', x2: 'x2' } },
  {
    rel: 'data/robyn/dt_simulated_weekly.csv',
    args: ['--holidays', 'DE'],
    date: 'DATE',
    target: (r) => Number(r.revenue),
    spend: { tv: 'tv_S', ooh: 'ooh_S', print: 'print_S', facebook: 'facebook_S', search: 'search_S' },
    controls: ['holiday_DE'],
  },
  { rel: 'data/meridian/national_media.csv', args: [], date: 'time', target: revenue, spend: meridianSpend },
  { rel: 'data/meridian/geo_media_rf.csv', args: [], date: 'time', target: revenue, spend: meridianSpend },
  { rel: 'data/synthetic/dev_weekly_hill/data.csv', args: ['--saturation', 'hill'], date: 'date', target: (r) => Number(r.sales), spend: { tv: 'tv', radio: 'radio', search: 'search', social: 'social', display: 'display' } },
  { rel: 'data/synthetic/dev_weekly_logistic/data.csv', args: [], date: 'date', target: (r) => Number(r.revenue), spend: { tv: 'tv', search: 'search', social: 'social' } },
];

const ESTIMATE = ['mean', 'q05', 'q50', 'q95', 'sd'];
const METADATA = ['created_at', 'app_version', 'model', 'data_range', 'seed', 'sampler'];

function expectMetadata(m: Record<string, any>, label: string) {
  expect(Object.keys(m), label).toEqual(expect.arrayContaining(METADATA));
  expect(Object.keys(m.data_range).sort(), label).toEqual(['first', 'grain', 'last', 'rows']);
  expect(Object.keys(m.sampler), label).toEqual(expect.arrayContaining(['chains', 'warmup', 'draws', 'adapt_delta', 'max_treedepth', 'metric']));
}

describe.each(CASES)('$rel', (c) => {
  const out = join(root, c.rel.replace(/[/.]/g, '_'));

  it('fit: §8 files, and the data the model saw is the CSV', () => {
    const r = carryover(['fit', sharedPath(c.rel), ...c.args, ...SHORT, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const idata = json(out, 'inference_data.json');
    expectMetadata(idata.attrs, 'inference_data attrs');
    for (const g of ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive', 'observed_data', 'constant_data', 'dims', 'coords']) expect(idata).toHaveProperty(g);
    // Independent reading: per date, the target and each channel's spend summed over rows (geos).
    const byDate = new Map<string, { y: number; spend: Record<string, number> }>();
    for (const row of records(c.rel)) {
      const e = byDate.get(row[c.date]) ?? { y: 0, spend: Object.fromEntries(Object.keys(c.spend).map((k) => [k, 0])) };
      e.y += c.target(row);
      for (const [ch, col] of Object.entries(c.spend)) e.spend[ch] += Number(row[col]);
      byDate.set(row[c.date], e);
    }
    const dates = [...byDate.keys()].sort();
    expect(idata.coords.date).toEqual(dates);
    idata.observed_data.y.forEach((y: number, t: number) => expect(y).toBeCloseTo(byDate.get(dates[t])!.y, 6));
    const summary = json(out, 'summary.json');
    expectMetadata(summary.metadata, 'summary');
    expect(Object.keys(summary.channels)).toEqual(Object.keys(c.spend));
    for (const [ch, v] of Object.entries<any>(summary.channels)) {
      const total = dates.reduce((s, d) => s + byDate.get(d)!.spend[ch], 0);
      expect(v.spend / total, ch).toBeCloseTo(1, 10);
      for (const k of ['contribution', 'roas', 'marginal_roas']) expect(Object.keys(v[k]).sort(), `${ch}.${k}`).toEqual(ESTIMATE);
    }
    for (const [name, p] of Object.entries<any>(summary.parameters)) expect(Object.keys(p), name).toEqual(expect.arrayContaining([...ESTIMATE, 'r_hat', 'ess_bulk', 'ess_tail']));
    expect(Object.keys(summary.sampler).sort()).toEqual(['divergences', 'gradient_evaluations', 'max_treedepth_hits', 'wall_seconds']);
    for (const k of c.controls ?? []) expect(idata.attrs.model.controls).toContain(k);
  }, 240_000);

  it('diagnose and optimize on the run: §8 files, the plan spends the budget', () => {
    expect(carryover(['diagnose', out]).code).toBe(0);
    const diag = json(out, 'mmm_diagnostics.json');
    expectMetadata(diag.metadata, 'diagnostics');
    for (const k of ['parameters', 'chains', 'ppc', 'loo', 'waic', 'gates', 'timings']) expect(diag).toHaveProperty(k);
    expect(Object.keys(diag.loo)).toEqual(expect.arrayContaining(['elpd', 'se', 'p_loo', 'pareto_k_over_0_7']));
    for (const g of Object.values<any>(diag.gates)) expect(['pass', 'warn', 'fail']).toContain(g.status);
    const spend = json(out, 'summary.json').channels as Record<string, { spend: number }>;
    const T = json(out, 'inference_data.json').coords.date.length;
    // The current spending rate over 52 periods, rounded: a budget in the data's own units.
    const budget = Math.round((Object.values(spend).reduce((s, v) => s + v.spend, 0) / T) * 52);
    const r = carryover(['optimize', out, '--budget', String(budget), '--no-scenarios']);
    expect(r.code, r.stderr).toBe(0);
    const plan = json(out, 'mmm_budget_optimization.json');
    expectMetadata(plan.metadata, 'budget');
    for (const k of ['budget', 'horizon_periods', 'objective', 'constraints', 'feasible', 'current', 'optimal', 'lift', 'p_lift_positive', 'scenarios']) expect(plan).toHaveProperty(k);
    expect(plan.feasible).toBe(true);
    const perPeriod = Object.values<number>(plan.optimal.spend_per_period).reduce((s, v) => s + v, 0);
    expect((perPeriod * plan.horizon_periods) / budget).toBeCloseTo(1, 6);
    expect(Object.keys(plan.lift).sort()).toEqual(ESTIMATE);
  }, 240_000);
});
