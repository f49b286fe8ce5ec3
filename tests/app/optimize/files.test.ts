// The Optimize step's downloads on the fixture run: mmm_budget_optimization.json with the
// MODEL.md §8 keys for the plan on screen (constraints that hold in the written plan, the
// scenarios asked for, the problem in words in the metadata), the same file for an
// infeasible problem (reason, no plan), mmm_channel_contributions.json, and the executive
// summary whose budget section is the step's problem, not the report's default one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../../src/app/optimize/describe';
import { OptimizeEngine, type PlanRequest, type ScenarioRequest } from '../../../src/app/optimize/engine';
import { budgetFile, contributionsFile } from '../../../src/app/optimize/files';
import { defaultForm, problemFromForm, recentSpend } from '../../../src/app/optimize/form';
import { reportFile } from '../../../src/app/optimize/report-file';
import type { RunRecord } from '../../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const idata = run.inference_data;
const engine = new OptimizeEngine();
if (!engine.load(idata).ok) throw new Error('fixture did not load');
const N = 12;
const cur = recentSpend(idata, N);

function request(maxMultiple = 2, budgetScale = 1): PlanRequest {
  const f = defaultForm(['x1', 'x2'], cur, N);
  for (const ch of f.channels) ch.max = maxMultiple;
  f.budget! *= budgetScale;
  const c = problemFromForm(f, cur, 'week');
  if (!c.ok) throw new Error(c.errors[0].message);
  return { problem: c.problem, objective: c.objective };
}
const SCENARIOS: ScenarioRequest[] = [
  { kind: 'shift', from: 'x1', to: 'x2', percent: 20 },
  { kind: 'budget_change', percent: -10 },
  { kind: 'min_spend_for_current_outcome' },
];
const estimateKeys = ['mean', 'sd', 'q05', 'q50', 'q95'];

describe('mmm_budget_optimization.json', () => {
  const req = request();
  const rule = describeProblem(req.problem, req.objective, ['x1', 'x2'], 'week', N);
  const file = budgetFile(engine, req, SCENARIOS, rule);
  const json = JSON.parse(file.text);

  it('has the contract’s keys, the run’s metadata and the problem in words', () => {
    expect(file.name).toBe('mmm_budget_optimization.json');
    expect(json.metadata).toMatchObject({ app_version: idata.attrs.app_version, seed: idata.attrs.seed, data_range: idata.attrs.data_range, run_created_at: idata.attrs.created_at, budget_rule: rule });
    expect(Date.parse(json.metadata.created_at)).toBeGreaterThan(Date.parse(idata.attrs.created_at));
    expect(json).toMatchObject({ budget: req.problem.budget, horizon_periods: N, objective: 'mean', feasible: true });
    for (const k of ['current', 'optimal']) expect(Object.keys(json[k].expected_outcome)).toEqual(estimateKeys);
    expect(Object.keys(json.lift)).toEqual(estimateKeys);
    expect(json.p_lift_positive).toBeGreaterThanOrEqual(0);
  });

  it('the written plan keeps every bound it states and spends the budget', () => {
    let spent = 0;
    for (const [c, k] of Object.entries(json.constraints) as Array<[string, { min: number; max: number; fixed: boolean }]>) {
      const s = json.optimal.spend_per_period[c];
      expect(s).toBeGreaterThanOrEqual(k.min);
      expect(s).toBeLessThanOrEqual(k.max);
      spent += s * N;
    }
    expect(spent).toBeCloseTo(req.problem.budget, 9);
    // The stated bounds are the form's 0.5× and 2× of current spend.
    expect(json.constraints.x1.min).toBeCloseTo(0.5 * cur[0], 12);
    expect(json.constraints.x2.max).toBeCloseTo(2 * cur[1], 12);
  });

  it('lists the scenarios asked for, in order, each with outcome and lift estimates', () => {
    expect(json.scenarios.map((s: { kind: string }) => s.kind)).toEqual(['shift', 'budget_change', 'min_spend_for_current_outcome']);
    for (const s of json.scenarios) {
      expect(Object.keys(s.expected_outcome)).toEqual(estimateKeys);
      expect(Object.keys(s.lift)).toEqual(estimateKeys);
    }
    expect(json.scenarios[1].total_spend).toBeCloseTo(0.9 * req.problem.budget, 6);
  });

  it('an infeasible problem is written with its reason and no plan or scenarios', () => {
    const bad = request(0.5);
    const j = JSON.parse(budgetFile(engine, bad, SCENARIOS, 'rule').text);
    expect(j).toMatchObject({ feasible: false, optimal: null, current: null, lift: null, scenarios: [] });
    expect(j.reason).toMatch(/less than the budget/);
  });
});

describe('mmm_channel_contributions.json', () => {
  it('has every channel with estimates, the base, and the sum check', () => {
    const f = contributionsFile(engine);
    expect(f.name).toBe('mmm_channel_contributions.json');
    const j = JSON.parse(f.text);
    expect(Object.keys(j.channels)).toEqual(['x1', 'x2']);
    for (const c of Object.values(j.channels) as Array<Record<string, unknown>>) {
      for (const k of ['contribution', 'roas', 'marginal_roas', 'share_of_media']) expect(Object.keys(c[k] as object)).toEqual(estimateKeys);
      expect(typeof c.saturation_flag).toBe('boolean');
    }
    expect(Object.keys(j.sum_check)).toEqual(['observed_total', 'components_total', 'relative_error', 'within_2_percent']);
    expect(j.over_time.dates).toEqual(run.dataset.dates);
  });
});

describe('mmm_executive_summary.html', () => {
  it('is one self-contained document whose budget section is the step’s problem', () => {
    const req = request(1.5);
    const rule = describeProblem(req.problem, req.objective, ['x1', 'x2'], 'week', N) + ' <b>not markup</b>';
    const out = reportFile(engine, req, SCENARIOS, { target: 'y', sources: ['<img src=x onerror=alert(1)>.csv'], notes: [], rule });
    if ('errors' in out) throw new Error(out.errors[0].message);
    expect(out.name).toBe('mmm_executive_summary.html');
    expect(out.text.startsWith('<!doctype html>')).toBe(true);
    expect(out.text).toContain("default-src 'none'");
    expect(out.text).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // The rule shown is the step's (1.5× maximum), with user text escaped.
    expect(out.text).toContain('x1 between 0.5× current and 1.5× current');
    expect(out.text).toContain('&lt;b&gt;not markup&lt;/b&gt;');
    expect(out.text).not.toContain('<img src=x');
  });

  it('an infeasible problem appears in the report as its reason', () => {
    const out = reportFile(engine, request(0.5), [], { target: 'y', sources: [], notes: [], rule: 'rule' });
    if ('errors' in out) throw new Error(out.errors[0].message);
    expect(out.text).toMatch(/less than the budget/);
  });
});
