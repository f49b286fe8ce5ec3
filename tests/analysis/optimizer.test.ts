import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { optimizeBudget } from '../../src/analysis/optimizer';
import { harrellDavisQuantile } from '../../src/analysis/quantile-allocation';
import type { BudgetProblem, ChannelConstraint } from '../../src/analysis/constraints';
import { jitteredDraws, syntheticSet } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

function setup(folder: 'dev_weekly_logistic' | 'dev_weekly_hill', horizon: number, n = 100) {
  const { data, spec, theta } = syntheticSet(folder);
  const fd = ok(forwardDataFromDataset(data, spec));
  const draws = jitteredDraws(spec, theta, n, 0.15, 17);
  return { spec, resp: new PlanResponse(fd, spec, draws, horizon) };
}

/**
 * Brute force over per-period spends on a grid of step h (≤ 0.5% of the per-period budget):
 * free channels 0..F−2 on the grid, the last free channel takes the remainder.
 */
function bruteForce(resp: PlanResponse, b: number, lo: number[], hi: number[], free: number[], fixedPlan: number[], h: number): number {
  let best = -Infinity;
  const plan = Float64Array.from(fixedPlan);
  const rec = (i: number, left: number) => {
    const c = free[i];
    if (i === free.length - 1) {
      if (left < lo[c] - 1e-9 || left > hi[c] + 1e-9) return;
      plan[c] = left;
      best = Math.max(best, resp.meanOutcome(plan));
      return;
    }
    for (let s = 0; s <= left + 1e-9; s += h) {
      if (s < lo[c] - 1e-9 || s > hi[c] + 1e-9) continue;
      plan[c] = s;
      rec(i + 1, left - s);
    }
  };
  let fixedSum = 0;
  free.forEach((c) => (plan[c] = 0));
  for (let c = 0; c < plan.length; c++) if (!free.includes(c)) fixedSum += plan[c];
  rec(0, b - fixedSum);
  return best;
}

describe('optimizer vs brute force (same posterior draws)', () => {
  const cases: Array<{ name: string; folder: 'dev_weekly_logistic' | 'dev_weekly_hill'; free: number[]; bounds: 'none' | 'half-double' }> = [
    { name: '2 logistic channels, bounds 0.5–2×', folder: 'dev_weekly_logistic', free: [0, 1], bounds: 'half-double' },
    { name: '3 logistic channels, no bounds', folder: 'dev_weekly_logistic', free: [0, 1, 2], bounds: 'none' },
    { name: '3 logistic channels, bounds 0.5–2×', folder: 'dev_weekly_logistic', free: [0, 1, 2], bounds: 'half-double' },
    { name: '2 Hill channels (S-shaped tv), no bounds', folder: 'dev_weekly_hill', free: [0, 3], bounds: 'none' },
    { name: '3 Hill channels, bounds 0.5–2×', folder: 'dev_weekly_hill', free: [0, 1, 3], bounds: 'half-double' },
  ];
  for (const cs of cases)
    it(`${cs.name}: optimum ≥ best grid point − 0.1%`, () => {
      const N = 52;
      const { spec, resp } = setup(cs.folder, N, 60);
      const C = spec.channels.length;
      const constraints: Record<string, ChannelConstraint> = {};
      const lo = new Array<number>(C).fill(0);
      const hi = new Array<number>(C).fill(Infinity);
      for (let c = 0; c < C; c++) {
        const name = spec.channels[c].name;
        if (!cs.free.includes(c)) constraints[name] = { fixed: true };
        else if (cs.bounds === 'half-double') {
          constraints[name] = { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } };
          lo[c] = 0.5 * resp.current[c];
          hi[c] = 2 * resp.current[c];
        }
      }
      const b = resp.current.reduce((a, v) => a + v, 0);
      const problem: BudgetProblem = { budget: b * N, horizon: N, constraints };
      const res = optimizeBudget(resp, problem);
      expect(res.feasible).toBe(true);
      if (!res.feasible) return;
      const brute = bruteForce(resp, b, lo, hi, cs.free, Array.from(resp.current), 0.005 * b);
      expect(res.optimal.expected_outcome.mean!).toBeGreaterThanOrEqual(brute - 0.001 * Math.abs(brute));
      // And not "better" than possible: the grid brute force at 10× finer resolution is not far above.
      expect(res.optimal.expected_outcome.mean!).toBeGreaterThanOrEqual(res.current.expected_outcome.mean! - 1e-9);
    });
});

/** Independent feasibility: a plan exists iff every lo ≤ hi and Σlo ≤ b ≤ Σhi. */
function independentBounds(current: Float64Array, channels: string[], p: BudgetProblem) {
  const lo = channels.map((name, c) => {
    const k = p.constraints?.[name];
    if (k?.fixed) return current[c];
    return k?.min ? (k.min.relative ? k.min.value * current[c] : k.min.value) : 0;
  });
  const hi = channels.map((name, c) => {
    const k = p.constraints?.[name];
    if (k?.fixed) return current[c];
    return k?.max ? (k.max.relative ? k.max.value * current[c] : k.max.value) : Infinity;
  });
  // A fixed channel must also respect its own min/max.
  const fixedOk = channels.every((name, c) => {
    const k = p.constraints?.[name];
    if (!k?.fixed) return true;
    const mn = k.min ? (k.min.relative ? k.min.value * current[c] : k.min.value) : 0;
    const mx = k.max ? (k.max.relative ? k.max.value * current[c] : k.max.value) : Infinity;
    return mn <= current[c] && current[c] <= mx;
  });
  const b = p.budget / p.horizon;
  const sLo = lo.reduce((a, v) => a + v, 0);
  const sHi = hi.reduce((a, v) => a + v, 0);
  // Bounds are exact; the budget equation is allowed a relative 1e-12 for rounding.
  const tol = 1e-12 * Math.max(1, p.budget);
  const exists = fixedOk && lo.every((l, c) => l <= hi[c]) && sLo * p.horizon <= p.budget + tol && sHi * p.horizon >= p.budget - tol;
  return { lo, hi, b, exists };
}

const boundArb = fc.oneof(
  fc.constant(undefined),
  fc.record({ value: fc.double({ min: 0, max: 3, noNaN: true }), relative: fc.constant(true) }),
  fc.record({ value: fc.double({ min: 0, max: 60000, noNaN: true }), relative: fc.constant(false) }),
);
const channelArb = fc.record({ min: boundArb, max: boundArb, fixed: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }) });

describe('property: every returned plan satisfies every constraint', () => {
  const N = 13;
  const { spec, resp } = setup('dev_weekly_hill', N, 24);
  const names = spec.channels.map((c) => c.name);
  const curTotal = resp.current.reduce((a, v) => a + v, 0) * N;

  it('random constraint sets, feasible and infeasible', () => {
    let feasibleSeen = 0;
    let infeasibleSeen = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(undefined), channelArb), { minLength: names.length, maxLength: names.length }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.constantFrom<'mean' | 'q05'>('mean', 'mean', 'q05'),
        (chs, budgetMult, objective) => {
          const constraints: Record<string, ChannelConstraint> = {};
          chs.forEach((k, c) => {
            if (k) constraints[names[c]] = { min: k.min, max: k.max, fixed: k.fixed };
          });
          const problem: BudgetProblem = { budget: budgetMult * curTotal, horizon: N, constraints };
          const res = optimizeBudget(resp, problem, { objective, gridSteps: 120 });
          const ind = independentBounds(resp.current, names, problem);
          expect(res.feasible).toBe(ind.exists);
          if (!res.feasible) {
            infeasibleSeen++;
            expect(res.reason.length).toBeGreaterThan(10);
            return;
          }
          feasibleSeen++;
          const plan = names.map((n) => res.optimal.spend_per_period[n]);
          plan.forEach((s, c) => {
            expect(s).toBeGreaterThanOrEqual(ind.lo[c]);
            expect(s).toBeLessThanOrEqual(ind.hi[c]);
            if (constraints[names[c]]?.fixed) expect(s).toBe(resp.current[c]);
          });
          expect(Math.abs(res.optimal.total_spend - problem.budget)).toBeLessThanOrEqual(1e-9 * Math.max(1, problem.budget));
        },
      ),
      { numRuns: 150, seed: 20240501 },
    );
    expect(feasibleSeen).toBeGreaterThan(20);
    expect(infeasibleSeen).toBeGreaterThan(20);
  });

  it('with a budget equal to current spend and current feasible, the optimum is never worse than current', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lo: fc.double({ min: 0, max: 1, noNaN: true }),
            hi: fc.double({ min: 1, max: 4, noNaN: true }),
            fixed: fc.boolean(),
          }),
          { minLength: names.length, maxLength: names.length },
        ),
        fc.constantFrom<'mean' | 'q05'>('mean', 'q05'),
        (ks, objective) => {
          const constraints: Record<string, ChannelConstraint> = {};
          ks.forEach((k, c) => (constraints[names[c]] = { min: { value: k.lo, relative: true }, max: { value: k.hi, relative: true }, fixed: k.fixed }));
          const res = optimizeBudget(resp, { budget: curTotal, horizon: N, constraints }, { objective, gridSteps: 120 });
          expect(res.feasible).toBe(true);
          if (!res.feasible) return;
          expect(res.current_feasible).toBe(true);
          // Independently recomputed objective (mean, or Harrell–Davis 5% quantile) of both plans.
          const value = (o: Float64Array) => (objective === 'mean' ? o.reduce((a, v) => a + v, 0) / o.length : harrellDavisQuantile(o, 0.05));
          const cur = value(resp.outcomes(resp.current));
          const opt = value(resp.outcomes(names.map((n) => res.optimal.spend_per_period[n])));
          expect(opt).toBeGreaterThanOrEqual(cur - 1e-9 * Math.abs(cur));
          expect(res.objective_value.optimal).toBeCloseTo(opt, 6);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('bad input is reported with the channel named, not thrown', () => {
    const r1 = optimizeBudget(resp, { budget: curTotal, horizon: N, constraints: { nope: { fixed: true } } });
    expect(r1.feasible).toBe(false);
    if (!r1.feasible) expect(r1.errors[0].channel).toBe('nope');
    const r2 = optimizeBudget(resp, { budget: -5, horizon: N });
    expect(r2.feasible).toBe(false);
    const r3 = optimizeBudget(resp, { budget: curTotal, horizon: N, constraints: { tv: { min: { value: 10 }, max: { value: 5 } } } });
    expect(!r3.feasible && r3.reason).toMatch(/tv.*minimum/);
  });
});
