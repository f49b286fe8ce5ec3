// The report a CFO reads must say what the JSON outputs of the same run say. One short
// `carryover run` on a copy of the synthetic workspace (the built CLI; npm test builds it),
// then every number in the report's tables and summary is read back from the HTML and
// checked to be the JSON value correctly rounded (shown-number.ts: "1.63M" must hold a value
// in [1.625M, 1.635M)). A report number taken from another estimate, another file, or a
// different rounding than its JSON fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Estimate } from '../../src/core/types';
import type { ChannelContributionsJson } from '../../src/analysis/outputs/channel-contributions';
import type { BudgetOptimizationJson } from '../../src/analysis/outputs/budget-optimization';
import type { SummaryJson } from '../../src/outputs/summary';
import type { MmmDiagnosticsJson } from '../../src/diagnostics/report';
import { sharedPath } from '../helpers/csv-dataset';
import { parseEstimateText, parseShown, rounds, row, table, text } from './shown-number';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const WORKSPACE = sharedPath('data/synthetic/dev_workspace_hill');

let doc: string;
let summaryText: string;
let contrib: ChannelContributionsJson;
let budget: BudgetOptimizationJson;
let summary: SummaryJson;
let diag: MmmDiagnosticsJson;

beforeAll(() => {
  const dir = join(mkdtempSync(join(tmpdir(), 'carryover-report-json-')), 'workspace');
  cpSync(WORKSPACE, dir, { recursive: true });
  const writable = (p: string) => {
    chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => writable(join(p, e)));
  };
  writable(dir);
  const r = spawnSync(process.execPath, [BIN, 'run', dir, '--chains', '2', '--warmup', '200', '--draws', '200', '--seed', '5', '--quiet'], { encoding: 'utf8', timeout: 280_000 });
  if (r.status !== 0) throw new Error(`carryover run exited ${r.status}: ${r.stderr}`);
  const json = <T>(rel: string): T => JSON.parse(readFileSync(join(dir, rel), 'utf8')) as T;
  doc = readFileSync(join(dir, 'reports/mmm_executive_summary.html'), 'utf8');
  contrib = json('analysis/mmm_channel_contributions.json');
  budget = json('analysis/mmm_budget_optimization.json');
  summary = json('analysis/summary.json');
  diag = json('analysis/mmm_diagnostics.json');
  summaryText = text(/<section id="summary"[\s\S]*?<\/section>/.exec(doc)![0]);
}, 300_000);

/** A cell "mean (90% interval q05 to q95)" holds the estimate's mean, q05 and q95, each rounded. */
function expectEstimate(cell: string, e: Estimate, what: string): void {
  const p = parseEstimateText(cell);
  expect(p, `${what}: "${cell}" is not "mean (90% interval a to b)"`).not.toBeNull();
  expect(rounds(p!.mean, e.mean), `${what} mean: shown ${p!.mean}, JSON ${e.mean}`).toBe(true);
  expect(rounds(p!.q05, e.q05), `${what} q05: shown ${p!.q05}, JSON ${e.q05}`).toBe(true);
  expect(rounds(p!.q95, e.q95), `${what} q95: shown ${p!.q95}, JSON ${e.q95}`).toBe(true);
}

function expectNumber(cell: string, v: number | null, what: string): void {
  expect(rounds(cell, v), `${what}: shown "${cell}", JSON ${v}`).toBe(true);
}

/** Column index by a header's start (the header row is kept out of ShownTable.rows; read it from the markup). */
function headers(caption: string): string[] {
  const m = [...doc.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].find((t) => text(/<caption>([\s\S]*?)<\/caption>/.exec(t[1])?.[1] ?? '').startsWith(caption));
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(m![1])![1];
  return [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((h) => text(h[1]));
}
const col = (caption: string, start: string) => {
  const i = headers(caption).findIndex((h) => h.startsWith(start));
  if (i < 0) throw new Error(`no column "${start}" in "${caption}": ${headers(caption).join(' | ')}`);
  return i;
};

describe('report vs mmm_channel_contributions.json and summary.json (same run)', () => {
  it('every channel row: spend, contribution, share of media, ROAS, marginal ROAS, saturation flag', () => {
    const cap = 'Channels over the data window';
    const t = table(doc, cap);
    const names = Object.keys(contrib.channels);
    expect(t.rows.map((r) => r[0])).toEqual(names);
    for (const c of names) {
      const r = row(t, c);
      const j = contrib.channels[c];
      expectNumber(r[col(cap, 'Spend')], j.spend, `${c} spend`);
      expectEstimate(r[col(cap, 'Contribution')], j.contribution, `${c} contribution`);
      expectEstimate(r[col(cap, 'Share of media')], j.share_of_media, `${c} share`);
      expectEstimate(r[col(cap, 'ROAS')], j.roas, `${c} ROAS`);
      expectEstimate(r[col(cap, 'Marginal ROAS')], j.marginal_roas, `${c} marginal ROAS`);
      expect(r[col(cap, 'Saturated')], c).toBe(j.saturation_flag ? 'saturated' : 'no');
      // summary.json carries the same per-channel numbers.
      expect(summary.channels[c]).toEqual({ spend: j.spend, contribution: j.contribution, roas: j.roas, marginal_roas: j.marginal_roas });
    }
  });

  it('base, totals and the sum check', () => {
    const t = table(doc, 'Base and totals');
    expectEstimate(row(t, 'Base (intercept)')[1], contrib.base.intercept, 'intercept');
    for (const [k, e] of Object.entries(contrib.base.controls)) expectEstimate(row(t, k)[1], e, k);
    expectEstimate(row(t, 'Seasonality')[1], contrib.base.seasonality, 'seasonality');
    expectEstimate(row(t, 'Base total')[1], contrib.base.total, 'base total');
    expectEstimate(row(t, 'Media total')[1], contrib.media_total, 'media total');
    expectEstimate(t.rows.find((r) => r[0].startsWith('Media share'))![1], contrib.media_share_of_target, 'media share');
    const check = text(/<p class="check">([\s\S]*?)<\/p>/.exec(doc)![1]);
    const m = /observed total (\S+), components total \(posterior mean\) (\S+), relative error (\S+) /.exec(check)!;
    const s = contrib.sum_check;
    expectNumber(m[1].replace(/,$/, ''), s.observed_total, 'observed total');
    expectNumber(m[2].replace(/,$/, ''), s.components_total, 'components total');
    expectNumber(m[3], s.relative_error, 'relative error');
    expect(check.startsWith(s.within_2_percent ? 'pass' : 'fail')).toBe(true);
  });
});

describe('report vs mmm_budget_optimization.json (same run)', () => {
  it('the plan per channel: current and optimal spend per period, change, bounds, binding, next-unit returns', () => {
    expect(budget.feasible).toBe(true);
    const cap = 'Spend per week, current and optimal';
    const t = table(doc, cap);
    for (const [c, k] of Object.entries(budget.constraints)) {
      const r = row(t, c);
      const cur = budget.current!.spend_per_period[c];
      const opt = budget.optimal!.spend_per_period[c];
      expectNumber(r[col(cap, 'Current')], cur, `${c} current`);
      expectNumber(r[col(cap, 'Optimal')], opt, `${c} optimal`);
      expectNumber(r[col(cap, 'Change')], (opt - cur) / cur, `${c} change`);
      const [lo, hi] = r[col(cap, 'Allowed range')].split(' to ');
      expectNumber(lo, k.min ?? 0, `${c} min`);
      expectNumber(hi, k.max, `${c} max`);
      const binds = r[col(cap, 'Binding')];
      expect(binds, c).toBe(k.binds.fixed ? 'fixed' : k.binds.max ? 'at maximum' : k.binds.min ? 'at minimum' : 'no');
      expectEstimate(r[col(cap, 'Next unit returns, current')], budget.marginal_return_estimate!.current[c], `${c} next unit, current`);
      expectEstimate(r[col(cap, 'Next unit returns, optimal')], budget.marginal_return_estimate!.optimal[c], `${c} next unit, optimal`);
    }
  });

  it('expected outcome of both plans, the lift and P(lift > 0)', () => {
    const t = table(doc, 'Expected revenue from media over');
    const cur = t.rows.find((r) => r[0].startsWith('Current split'))!;
    const opt = t.rows.find((r) => r[0].startsWith('Optimal split'))!;
    expectNumber(/\((\S+) in total\)/.exec(cur[0])![1], budget.current!.total_spend, 'current total spend');
    expectNumber(/\((\S+) in total\)/.exec(opt[0])![1], budget.optimal!.total_spend, 'optimal total spend');
    expectEstimate(cur[1], budget.current!.expected_outcome, 'current outcome');
    expectEstimate(opt[1], budget.optimal!.expected_outcome, 'optimal outcome');
    expectEstimate(row(t, 'Expected lift')[1], budget.lift!, 'lift');
    expectNumber(row(t, 'P(lift > 0)')[1], budget.p_lift_positive, 'P(lift > 0)');
  });

  it('every scenario: total spend, expected outcome, lift, P(lift > 0)', () => {
    const cap = 'Scenarios';
    const t = table(doc, cap);
    expect(t.rows.map((r) => r[0])).toEqual(budget.scenarios.map((s) => s.name));
    for (const s of budget.scenarios) {
      const r = row(t, s.name);
      if (!s.feasible) continue;
      expectNumber(r[col(cap, 'Total spend')], s.total_spend, `${s.name} spend`);
      expectEstimate(r[col(cap, 'Expected')], s.expected_outcome, `${s.name} outcome`);
      expectEstimate(r[col(cap, 'Lift')], s.lift, `${s.name} lift`);
      expectNumber(r[col(cap, 'P(lift')], s.p_lift_positive, `${s.name} P`);
    }
  });
});

describe('report vs mmm_diagnostics.json and summary.json parameters (same run)', () => {
  it('each gate’s status and value as the diagnostics file has them', () => {
    const t = table(doc, 'Readiness gates');
    for (const [name, g] of Object.entries(diag.gates)) {
      const r = row(t, name);
      expect(r[1].startsWith(g.status), name).toBe(true);
      expect(r[2], name).toBe(g.detail);
      expect(r[3], name).toBe(g.threshold);
    }
  });

  it('each parameter’s mean, interval, R-hat and ESS', () => {
    const t = table(doc, 'Parameters (model units)');
    for (const [key, p] of Object.entries(summary.parameters)) {
      const r = row(t, key);
      expectEstimate(r[1], p, key);
      expectNumber(r[2], p.r_hat, `${key} R-hat`);
      expectNumber(r[3], p.ess_bulk, `${key} ESS bulk`);
      expectNumber(r[4], p.ess_tail, `${key} ESS tail`);
    }
  });

  it('the run is reproducible from what the report states: data range, seed, sampler, version', () => {
    const m = summary.metadata;
    const run = table(doc, 'Sampler and run');
    expect(row(run, 'Seed')[1]).toBe(String(m.seed));
    expect(row(run, 'Carryover version')[1]).toBe(m.app_version);
    expect(row(run, 'NUTS')[1]).toContain(`${m.sampler.chains} chains, ${m.sampler.warmup} warmup, ${m.sampler.draws} draws, adapt_delta ${m.sampler.adapt_delta}, max tree depth ${m.sampler.max_treedepth}`);
    const data = table(doc, 'Data');
    expect(row(data, 'Data fingerprint')[1]).toMatch(new RegExp(`^${String(m.dataset_fingerprint)} \\(`));
    expect(String(m.dataset_fingerprint)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(row(run, 'Chains used')[1]).toBe(`all ${m.sampler.chains}`);
    expect(row(data, 'Range')[1]).toBe(`${m.data_range.first} to ${m.data_range.last} (${m.data_range.rows} ${m.data_range.grain}s)`);
    for (const ch of m.model.channels) expect(row(table(doc, 'Model ('), ch.name).slice(1, 3)).toEqual([ch.adstock, ch.saturation]);
  });
});

describe('lift tests: one number, one spelling (same run)', () => {
  it('each test’s Δy and σ read the same in the fitted-to table and the agreement table, and round the run’s lift_tests', () => {
    const tests = summary.metadata.model.lift_tests ?? [];
    expect(tests.length).toBe(2);
    const fitted = table(doc, 'Lift tests the model was fitted to');
    const agree = table(doc, 'Lift-test agreement');
    for (const t of tests) {
      const label = t.label ?? t.channel;
      const f = row(fitted, label);
      expectNumber(f[2], t.x, `${label} x`);
      expectNumber(f[3], t.delta_x, `${label} delta_x`);
      expectNumber(f[4], t.delta_y, `${label} delta_y`);
      expectNumber(f[5], t.sigma, `${label} sigma`);
      expect(row(agree, label)[2]).toBe(`${f[4]} ± ${f[5]}`);
    }
  });
});

describe('the summary’s numbers are the JSON’s (same run)', () => {
  /** Every "a (90% interval b to c)" of the summary, in order. */
  const estimates = () => [...summaryText.matchAll(/(\S+) \(90% interval (\S+) to ([^)\s]+)\)/g)].map((m) => ({ mean: m[1], q05: m[2], q95: m[3] }));
  const same = (shown: { mean: string; q05: string; q95: string }, e: Estimate) => rounds(shown.mean, e.mean) && rounds(shown.q05, e.q05) && rounds(shown.q95, e.q95);

  it('media total and share, the top channel, the ROAS extremes, the budget lift, the sum check', () => {
    const shown = estimates();
    const names = Object.keys(contrib.channels);
    const expected: Array<[string, Estimate]> = [
      ['media total', contrib.media_total],
      ['media share', contrib.media_share_of_target],
      ['base total', contrib.base.total],
      ...names.map((c): [string, Estimate] => [`${c} contribution`, contrib.channels[c].contribution]),
      ...names.map((c): [string, Estimate] => [`${c} ROAS`, contrib.channels[c].roas]),
      ...names.map((c): [string, Estimate] => [`${c} marginal ROAS`, contrib.channels[c].marginal_roas]),
      ...names.map((c): [string, Estimate] => [`${c} share`, contrib.channels[c].share_of_media]),
    ];
    const lift = budget.lift!;
    // A negative lift is written as "lowers ... by |lift|": its interval flips.
    const absLift: Estimate = (lift.mean ?? 0) >= 0 ? lift : { ...lift, mean: -lift.mean!, q05: -lift.q95!, q95: -lift.q05! };
    expected.push(['budget lift', absLift]);
    // Each estimate the summary shows is one of the JSON's, correctly rounded.
    for (const s of shown) expect(expected.some(([, e]) => same(s, e)), `summary shows ${JSON.stringify(s)}, no JSON estimate rounds to it`).toBe(true);
    for (const [what, e] of [expected[0], expected[1], expected[2], ['budget lift', absLift] as [string, Estimate]]) expect(shown.some((s) => same(s, e)), `summary lacks ${what}`).toBe(true);
    const p = /probability of an improvement (?:is only |of only )?(\d+%)/.exec(summaryText);
    expect(p, summaryText).not.toBeNull();
    expect(rounds(p![1], budget.p_lift_positive)).toBe(true);
    const budgetShown = /budget of (\S+) over the next/.exec(summaryText)![1];
    expectNumber(budgetShown, budget.budget, 'budget');
    const err = /within (\S+) \((inside|OUTSIDE) the 2% check\)/.exec(summaryText)!;
    expectNumber(err[1], contrib.sum_check.relative_error, 'relative error');
    expect(err[2] === 'inside').toBe(contrib.sum_check.within_2_percent);
  });

  it('parseShown reads the formats the report writes', () => {
    expect(parseShown('1.63M')).toEqual({ value: 1.63e6, half: 0.005e6 });
    expect(parseShown('-27.2k')!.value).toBeCloseTo(-27200, 9);
    expect(parseShown('2,569,752')).toEqual({ value: 2569752, half: 0.5 });
    expect(parseShown('50.6%')!.half).toBeCloseTo(0.0005, 12);
    expect(rounds('1.63M', 1.6349e6)).toBe(true);
    expect(rounds('1.63M', 1.6351e6)).toBe(false);
    expect(rounds('+28%', 0.2849)).toBe(true);
    expect(rounds('n/a', null)).toBe(true);
  });
});
