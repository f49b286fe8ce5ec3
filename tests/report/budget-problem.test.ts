// The run's default budget problem (issue 5 acceptance 2's setting): budget = the spend of
// the last 52 periods, horizon 52, each channel between 0.5× and 2× its mean spend per
// period over those periods; with fewer than 52 periods of data, their mean spend × 52.
// Checked against sums taken directly from the dataset.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/types';
import { forwardDataFromDataset } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { resolveConstraints } from '../../src/analysis/constraints';
import { budgetProblem, DEFAULT_BUDGET } from '../../src/report/analyse-run';
import { jitteredDraws, syntheticSet } from '../analysis/helpers';

function setup(T?: number, horizon = 52) {
  const { data: full, spec, theta } = syntheticSet('dev_weekly_logistic');
  const cut = T ?? full.dates.length;
  const data: Dataset = { ...full, dates: full.dates.slice(0, cut), target: { ...full.target, values: full.target.values.slice(0, cut) }, channels: full.channels.map((c) => ({ ...c, spend: c.spend.slice(0, cut) })), controls: full.controls.map((c) => ({ ...c, values: c.values.slice(0, cut) })) };
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return { data, resp: new PlanResponse(fd, spec, jitteredDraws(spec, theta, 8, 0.05, 1), horizon) };
}

const sum = (a: Float64Array, from = 0) => a.slice(from).reduce((s, v) => s + v, 0);

describe('default budget problem', () => {
  it('spends the last 52 weeks’ total, each channel within 0.5–2× its mean over them', () => {
    const { data, resp } = setup();
    const T = data.dates.length;
    const { problem, rule } = budgetProblem(resp, T, 'week', DEFAULT_BUDGET);
    const total = data.channels.reduce((s, c) => s + sum(c.spend, T - 52), 0);
    expect(Math.abs(problem.budget - total) / total).toBeLessThan(1e-12);
    expect(problem.horizon).toBe(52);
    const res = resolveConstraints(resp.channels, resp.current, problem);
    if (!res.feasible) throw new Error(res.reason);
    data.channels.forEach((c, i) => {
      const mean = sum(c.spend, T - 52) / 52;
      expect(res.bounds.stated[i].min! / mean).toBeCloseTo(0.5, 12);
      expect(res.bounds.stated[i].max! / mean).toBeCloseTo(2, 12);
    });
    expect(rule).toMatch(/^Budget = the spend of the last 52 weeks, [\d,]+, spent in full over a horizon of 52 weeks.*between 0\.5× and 2×/);
  });

  it('with fewer than 52 weeks of data: their mean spend per week × 52, said so', () => {
    const { data, resp } = setup(30);
    const { problem, rule } = budgetProblem(resp, 30, 'week', DEFAULT_BUDGET);
    const total = data.channels.reduce((s, c) => s + sum(c.spend), 0);
    expect(Math.abs(problem.budget - (total / 30) * 52) / total).toBeLessThan(1e-12);
    expect(rule).toMatch(/all 30 weeks of data \(fewer than 52\)/);
  });

  it('a given budget is used as given, next to what the window spent', () => {
    const { data, resp } = setup(undefined, 26);
    const T = data.dates.length;
    const { problem, rule } = budgetProblem(resp, T, 'week', { ...DEFAULT_BUDGET, budget: 1_000_000, horizon: 26 });
    expect(problem).toMatchObject({ budget: 1_000_000, horizon: 26 });
    const last26 = Math.round(data.channels.reduce((s, c) => s + sum(c.spend, T - 26), 0)).toLocaleString('en-US');
    expect(rule).toContain(`Budget = 1,000,000 as given (the last 26 weeks spent ${last26})`);
    expect(() => budgetProblem(setup().resp, T, 'week', { ...DEFAULT_BUDGET, horizon: 26 })).toThrow(RangeError);
  });
});
