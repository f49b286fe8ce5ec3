// A channel whose optimum is a bound is reported on it (issue 5: "which constraints bind").
// The oracle: for every channel the optimizer leaves within SNAP_SHARE of a bound without
// touching it, holding that channel on the bound (the others re-projected onto the budget,
// as the optimizer's own projection does) must give a strictly worse objective — otherwise
// the report's "does not bind" is a rounding artefact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConstraints, type BudgetProblem, type ResolvedBounds } from '../../src/analysis/constraints';
import { objectiveValue, optimizeBudget } from '../../src/analysis/optimizer';
import { PlanResponse } from '../../src/analysis/plan-response';
import { projectOntoBudget } from '../../src/analysis/projection';
import { SNAP_SHARE, snapToBounds } from '../../src/analysis/snap-bounds';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { jitteredDraws, syntheticSet } from './helpers';

function bounds(lo: number[], hi: number[], perPeriod: number): ResolvedBounds {
  return { perPeriod, lo: Float64Array.from(lo), hi: Float64Array.from(hi), fixed: lo.map(() => false), stated: lo.map((l, i) => ({ min: l, max: hi[i] })) };
}

describe('snapToBounds', () => {
  it('moves a channel a rounding step inside its maximum onto it when the objective rises', () => {
    const b = bounds([0, 0, 0], [40, 100, 100], 100);
    const linear = (p: Float64Array) => 3 * p[0] + 2 * p[1] + p[2];
    const got = snapToBounds(Float64Array.from([39.99, 60.01, 0]), b, linear);
    expect(got[0]).toBe(40);
    expect(got[1]).toBeCloseTo(60, 12);
    expect(got[2]).toBe(0);
  });

  it('leaves a channel whose optimum lies just inside its bound where it is', () => {
    const b = bounds([0, 0], [50, 100], 100);
    // Concave in channel 0 with its maximum at 49.98 (inside the 1e-3 · 100 snapping reach of 50).
    const f = (p: Float64Array) => -((p[0] - 49.98) ** 2) + 0 * p[1];
    const plan = Float64Array.from([49.98, 50.02]);
    expect(snapToBounds(plan, b, f)).toBe(plan);
  });

  it('never returns a plan outside the bounds or off the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }), (share, w) => {
        const n = share.length;
        const hi = share.map((s) => 20 + 80 * s);
        const perPeriod = hi.reduce((a, v) => a + v, 0) * 0.6;
        const b = bounds(new Array(n).fill(0), hi, perPeriod);
        const start = projectOntoBudget(hi.map((h) => h - 0.01), b.lo, b.hi, perPeriod);
        const f = (p: Float64Array) => p.reduce((a, v, i) => a + w[i] * v, 0);
        const got = snapToBounds(start, b, f);
        expect(f(got)).toBeGreaterThanOrEqual(f(start));
        expect(Math.abs(got.reduce((a, v) => a + v, 0) - perPeriod)).toBeLessThan(1e-9 * perPeriod);
        got.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(hi[i]);
        });
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

describe('the optimizer: a bound binds whenever the optimum is on it, and marginal returns meet the KKT conditions', () => {
  const { data, spec, theta } = syntheticSet('dev_weekly_hill');
  const fd = ok(forwardDataFromDataset(data, spec));
  const N = 26;
  const resp = new PlanResponse(fd, spec, jitteredDraws(spec, theta, 60, 0.15, 23), N);
  const names = resp.channels;
  it('on random relative bounds and budgets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ min: fc.double({ min: 0, max: 1, noNaN: true }), max: fc.double({ min: 1, max: 2.5, noNaN: true }) }), { minLength: names.length, maxLength: names.length }),
        fc.double({ min: 0.6, max: 1.8, noNaN: true }),
        (ks, scale) => {
          const budget = scale * N * resp.current.reduce((a, v) => a + v, 0);
          const problem: BudgetProblem = {
            budget,
            horizon: N,
            constraints: Object.fromEntries(names.map((c, i) => [c, { min: { value: ks[i].min, relative: true }, max: { value: ks[i].max, relative: true } }])),
          };
          const r = optimizeBudget(resp, problem);
          if (!r.feasible) return;
          const res = resolveConstraints(resp.channels, resp.current, problem);
          if (!res.feasible) throw new Error(res.reason);
          const b = res.bounds;
          const plan = Float64Array.from(names, (c) => r.optimal.spend_per_period[c]);
          // Karush–Kuhn–Tucker to 1e-6: the free channels strictly inside their bounds share one
          // marginal return λ; one on its maximum returns at least λ, one on its minimum at most λ.
          const g = names.map((_, c) => resp.channelMeanDeriv(c, plan[c]));
          const inside = names.map((_, c) => c).filter((c) => b.lo[c] < plan[c] && plan[c] < b.hi[c]);
          if (inside.length > 0) {
            const lambda = g[inside[0]];
            const tol = 1e-6 * Math.abs(lambda);
            for (const c of inside) expect(Math.abs(g[c] - lambda), `${names[c]} inside`).toBeLessThanOrEqual(tol);
            names.forEach((_, c) => {
              if (b.lo[c] === b.hi[c]) return;
              if (plan[c] === b.hi[c]) expect(g[c], `${names[c]} on max`).toBeGreaterThanOrEqual(lambda - tol);
              if (plan[c] === b.lo[c]) expect(g[c], `${names[c]} on min`).toBeLessThanOrEqual(lambda + tol);
            });
          }
          const reach = SNAP_SHARE * b.perPeriod;
          r.constraints.forEach((k, c) => {
            for (const side of ['min', 'max'] as const) {
              const bound = side === 'max' ? b.hi[c] : b.lo[c];
              if (k.binds[side] || Math.abs(plan[c] - bound) > reach || plan[c] === bound) continue;
              // Not reported binding, yet within reach: the bound itself must be worse.
              const lo = Float64Array.from(b.lo);
              const hi = Float64Array.from(b.hi);
              const y = Float64Array.from(plan);
              lo[c] = hi[c] = y[c] = bound;
              const p = projectOntoBudget(y, lo, hi, b.perPeriod);
              if (objectiveValue('mean', resp.outcomes(p)) >= objectiveValue('mean', r.optimal.outcome)) console.log('FAILCASE', Array.from(plan));
              expect(objectiveValue('mean', resp.outcomes(p)), `${names[c]} ${side}`).toBeLessThan(objectiveValue('mean', r.optimal.outcome));
            }
          });
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  }, 300_000);
});
