import { describe, expect, it } from 'vitest';
import { ForwardResult, extendForwardData, forwardDataFromDataset, forwardPass, paramIndex, type ForwardData } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { projectOntoBudget } from '../../src/analysis/projection';
import { allocateOnGrid, valueByBudget } from '../../src/analysis/allocation-dp';
import { Rng } from '../../src/core/rng';
import { jitteredDraws, syntheticSet } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

describe('plan response (compressed constant-plan outcome)', () => {
  for (const folder of ['dev_weekly_logistic', 'dev_weekly_hill'] as const)
    for (const N of [3, 8, 52])
      it(`${folder}, horizon ${N}: equals the full forward pass over history + plan + carry-over`, () => {
        const { data, spec, theta } = syntheticSet(folder);
        const fd = ok(forwardDataFromDataset(data, spec));
        const draws = jitteredDraws(spec, theta, 4, 0.2, 3);
        const resp = new PlanResponse(fd, spec, draws, N);
        const rng = new Rng(N);
        const L = spec.l_max;
        const plan = Float64Array.from(resp.current, (v) => v * (0.2 + 2 * rng.uniform()));
        // History followed by N periods of the plan and L - 1 periods of zero spend.
        const F = N + L - 1;
        const future = {
          dates: Array.from({ length: F }, (_, i) => new Date(Date.parse(fd.dates[fd.T - 1]) + (i + 1) * 7 * 86_400_000).toISOString().slice(0, 10)),
          spend: spec.channels.map((_, c) => Float64Array.from({ length: F }, (_, i) => (i < N ? plan[c] : 0))),
          controls: spec.controls.map(() => new Float64Array(F)),
        };
        const ext = ok(extendForwardData(fd, spec, future));
        const r = ForwardResult.for(ext);
        const idx = paramIndex(spec);
        const out = resp.outcomes(plan);
        for (let d = 0; d < draws.n; d++) {
          forwardPass(ext, idx, draws.values, d * draws.stride, r);
          let total = 0;
          for (let c = 0; c < spec.channels.length; c++) for (let t = fd.T; t < ext.T; t++) total += r.channels[c * ext.T + t];
          expect(out[d] / total).toBeCloseTo(1, 12);
        }
        // Derivative against a central finite difference, channel by channel.
        for (let c = 0; c < spec.channels.length; c++) {
          const h = 1e-4 * Math.max(1, plan[c]);
          const v = resp.channelValueDeriv(c, 1, plan[c]);
          expect(v).toBe(resp.channelValue(c, 1, plan[c]));
          const an = resp.lastDeriv;
          const num = (resp.channelValue(c, 1, plan[c] + h) - resp.channelValue(c, 1, plan[c] - h)) / (2 * h);
          expect(Math.abs(an - num)).toBeLessThan(1e-6 * Math.abs(num) + 1e-12);
        }
      });
});

describe('exact projection onto the budget set', () => {
  it('is feasible and satisfies the variational inequality (y − x)·(z − x) ≤ 0 for feasible z', () => {
    const rng = new Rng(99);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rng.uniform() * 6);
      const lo = Float64Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 0 : rng.uniform() * 10));
      const hi = Float64Array.from(lo, (l) => (rng.uniform() < 0.2 ? l : l + rng.uniform() * 20));
      const sLo = lo.reduce((a, v) => a + v, 0);
      const sHi = hi.reduce((a, v) => a + v, 0);
      const b = sLo + rng.uniform() * (sHi - sLo);
      const y = Float64Array.from({ length: n }, () => (rng.uniform() - 0.3) * 40);
      const x = projectOntoBudget(y, lo, hi, b);
      expect(Math.abs(x.reduce((a, v) => a + v, 0) - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, b));
      x.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(lo[i]);
        expect(v).toBeLessThanOrEqual(hi[i]);
      });
      for (let k = 0; k < 20; k++) {
        const z = projectOntoBudget(Float64Array.from({ length: n }, () => rng.uniform() * 40), lo, hi, b);
        let ip = 0;
        for (let i = 0; i < n; i++) ip += (y[i] - x[i]) * (z[i] - x[i]);
        expect(ip).toBeLessThanOrEqual(1e-9 * (1 + b * b));
      }
    }
  });
});

describe('dynamic programme over the budget grid', () => {
  it('equals exhaustive enumeration on random non-concave tables', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 200; trial++) {
      const C = 1 + Math.floor(rng.uniform() * 3);
      const tables = Array.from({ length: C }, () => Float64Array.from({ length: 1 + Math.floor(rng.uniform() * 9) }, () => rng.normal()));
      const G = Math.floor(rng.uniform() * 14);
      let best = -Infinity;
      const rec = (c: number, left: number, acc: number) => {
        if (c === C) {
          if (left === 0) best = Math.max(best, acc);
          return;
        }
        for (let k = 0; k < tables[c].length && k <= left; k++) rec(c + 1, left - k, acc + tables[c][k]);
      };
      rec(0, G, 0);
      const dp = allocateOnGrid(tables, G);
      if (best === -Infinity) expect(dp).toBeNull();
      else {
        expect(dp!.value).toBeCloseTo(best, 12);
        expect(dp!.units.reduce((a, v) => a + v, 0)).toBe(G);
        expect(Array.from(dp!.units).reduce((a, k, c) => a + tables[c][k], 0)).toBeCloseTo(best, 12);
        expect(valueByBudget(tables, G)[G]).toBeCloseTo(best, 12);
      }
    }
  });
});

describe('plans given per period', () => {
  it('a constant per-period plan gives the same outcomes as the compressed response; a flighted one differs', async () => {
    const { periodPlanOutcomes } = await import('../../src/analysis/period-plan');
    const { data, spec, theta } = syntheticSet('dev_weekly_hill');
    const fd = ok(forwardDataFromDataset(data, spec));
    const draws = jitteredDraws(spec, theta, 5, 0.2, 8);
    const resp = new PlanResponse(fd, spec, draws, 12);
    const constant = Array.from(resp.current, (v) => Array.from({ length: 12 }, () => v));
    const a = periodPlanOutcomes(fd, spec, draws, constant) as Float64Array;
    const b = resp.outcomes(resp.current);
    for (let d = 0; d < 5; d++) expect(a[d] / b[d]).toBeCloseTo(1, 12);
    // Same total, spent in the first half only: a different outcome (pulsing vs always-on).
    const pulsed = Array.from(resp.current, (v) => Array.from({ length: 12 }, (_, t) => (t < 6 ? 2 * v : 0)));
    const p = periodPlanOutcomes(fd, spec, draws, pulsed) as Float64Array;
    expect(Math.abs(p[0] - b[0]) / b[0]).toBeGreaterThan(1e-3);
    expect('errors' in (periodPlanOutcomes(fd, spec, draws, [[1], [1, 2]]) as object)).toBe(true);
  });
});
