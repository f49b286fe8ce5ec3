import { describe, expect, it } from 'vitest';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { evaluatePlan, optimizeBudget } from '../../src/analysis/optimizer';
import { budgetChangeScenario, minimumSpendScenario, shiftScenario, targetEfficiencyScenario } from '../../src/analysis/scenarios';
import type { BudgetProblem } from '../../src/analysis/constraints';
import { jitteredDraws, syntheticSet } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

const N = 26;
const { data, spec, theta } = syntheticSet('dev_weekly_logistic');
const resp = new PlanResponse(ok(forwardDataFromDataset(data, spec)), spec, jitteredDraws(spec, theta, 80, 0.15, 3), N);
const B = resp.current.reduce((a, v) => a + v, 0) * N;
const rel = (v: number) => ({ value: v, relative: true });
const problem: BudgetProblem = {
  budget: B,
  horizon: N,
  constraints: Object.fromEntries(spec.channels.map((c) => [c.name, { min: rel(0.2), max: rel(3) }])),
};

describe('scenarios', () => {
  it('shift X% from A to B moves exactly that spend and reports the lift against current', () => {
    const s = shiftScenario(resp, 'tv', 'search', 25);
    expect(s.feasible).toBe(true);
    expect(s.plan!.tv).toBeCloseTo(0.75 * resp.current[0], 9);
    expect(s.plan!.search).toBeCloseTo(resp.current[1] + 0.25 * resp.current[0], 9);
    expect(s.total_spend!).toBeCloseTo(B, 6);
    const manual = evaluatePlan(resp, [0.75 * resp.current[0], resp.current[1] + 0.25 * resp.current[0], resp.current[2]]);
    const cur = evaluatePlan(resp, resp.current);
    expect(s.expected_outcome.mean!).toBeCloseTo(manual.expected_outcome.mean!, 6);
    expect(s.lift.mean!).toBeCloseTo(manual.expected_outcome.mean! - cur.expected_outcome.mean!, 6);
    expect(shiftScenario(resp, 'tv', 'radio', 10).feasible).toBe(false);
    expect(shiftScenario(resp, 'tv', 'search', 120).reason).toMatch(/between 0 and 100/);
  });

  it('budget ±Y% re-optimises at the new total; more budget never lowers the optimum', () => {
    const up = budgetChangeScenario(resp, problem, 10);
    const down = budgetChangeScenario(resp, problem, -10);
    const base = optimizeBudget(resp, problem);
    expect(up.total_spend!).toBeCloseTo(1.1 * B, 4);
    expect(down.total_spend!).toBeCloseTo(0.9 * B, 4);
    expect(base.feasible).toBe(true);
    if (!base.feasible) return;
    expect(up.expected_outcome.mean!).toBeGreaterThanOrEqual(base.optimal.expected_outcome.mean!);
    expect(down.expected_outcome.mean!).toBeLessThanOrEqual(base.optimal.expected_outcome.mean!);
    // A cut below the minimums is reported, not forced.
    const cut = budgetChangeScenario(resp, problem, -90);
    expect(cut.feasible).toBe(false);
    expect(cut.reason).toMatch(/minimums/);
  });

  it('target efficiency with the target set to the optimal ROAS at budget B returns ≈ B', () => {
    const base = optimizeBudget(resp, problem);
    if (!base.feasible) throw new Error('infeasible');
    const target = base.optimal.roas.mean!;
    const s = targetEfficiencyScenario(resp, problem, target);
    expect(s.feasible).toBe(true);
    expect(s.roas.mean!).toBeGreaterThanOrEqual(target);
    const res = s.details.budget_resolution as number;
    // ROAS falls with budget on concave curves, so the largest budget meeting it is B to grid resolution.
    expect(Math.abs(s.total_spend! - B)).toBeLessThanOrEqual(2 * res);
    // And one more resolution step of budget no longer meets the target.
    const beyond = optimizeBudget(resp, { ...problem, budget: s.total_spend! + 2 * res });
    expect(beyond.feasible && beyond.optimal.roas.mean!).toBeLessThan(target);
    const impossible = targetEfficiencyScenario(resp, problem, 1e6);
    expect(impossible.feasible).toBe(false);
    expect(impossible.reason).toMatch(/reaches ROAS/);
  });

  it('minimum spend for the current outcome: the found budget reaches it, one step less does not', () => {
    const s = minimumSpendScenario(resp, problem);
    expect(s.feasible).toBe(true);
    const goal = evaluatePlan(resp, resp.current).expected_outcome.mean!;
    expect(s.expected_outcome.mean!).toBeGreaterThanOrEqual(goal);
    expect(s.total_spend!).toBeLessThanOrEqual(B * (1 + 1e-12));
    const res = s.details.budget_resolution as number;
    const less = optimizeBudget(resp, { ...problem, budget: s.total_spend! - 1.01 * res });
    if (less.feasible) expect(less.optimal.expected_outcome.mean!).toBeLessThan(goal);
  });
});
