import { describe, expect, it } from 'vitest';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { optimizeBudget } from '../../src/analysis/optimizer';
import { harrellDavisQuantile, harrellDavisWeights } from '../../src/analysis/quantile-allocation';
import { Rng } from '../../src/core/rng';
import { jitteredDraws, syntheticSet } from './helpers';

describe('Harrell–Davis quantile', () => {
  it('weights match the Beta((n+1)p, (n+1)(1-p)) mass of each ((i-1)/n, i/n] cell (Simpson, 2000 panels)', () => {
    for (const [n, p] of [
      [20, 0.05],
      [200, 0.05],
      [50, 0.5],
    ]) {
      const a = (n + 1) * p;
      const b = (n + 1) * (1 - p);
      const dens = (u: number) => Math.exp((a - 1) * Math.log(u) + (b - 1) * Math.log1p(-u));
      const cell = (lo: number, hi: number) => {
        const m = 2000;
        const h = (hi - lo) / m;
        let s = 0;
        for (let k = 0; k <= m; k++) {
          const u = Math.min(Math.max(lo + k * h, 1e-300), 1 - 1e-16);
          s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * dens(u);
        }
        return (s * h) / 3;
      };
      const exact = Array.from({ length: n }, (_, i) => cell(i / n, (i + 1) / n));
      const total = exact.reduce((x, v) => x + v, 0);
      const w = harrellDavisWeights(n, p);
      // The midpoint rule per cell: relative error O(1/n²) of the heaviest weights.
      const maxW = Math.max(...exact.map((v) => v / total));
      exact.forEach((v, i) => expect(Math.abs(w[i] - v / total)).toBeLessThan(0.02 * maxW));
    }
  });

  it('estimates the normal 5% quantile', () => {
    const rng = new Rng(3);
    const x = Float64Array.from({ length: 20000 }, () => rng.normal());
    expect(harrellDavisQuantile(x, 0.05)).toBeCloseTo(-1.6449, 1);
  });
});

describe('risk-averse (q05) objective vs brute force on two free channels', () => {
  for (const folder of ['dev_weekly_logistic', 'dev_weekly_hill'] as const)
    it(`${folder}: objective ≥ best of a 0.1%-step line search − 0.1%`, () => {
      const { data, spec, theta } = syntheticSet(folder);
      const resp = new PlanResponse(forwardDataFromDataset(data, spec) as ForwardData, spec, jitteredDraws(spec, theta, 150, 0.3, 5), 52);
      const names = spec.channels.map((c) => c.name);
      const constraints = Object.fromEntries(names.slice(2).map((n) => [n, { fixed: true }]));
      const b = resp.current.reduce((a, v) => a + v, 0);
      const r = optimizeBudget(resp, { budget: b * 52, horizon: 52, constraints }, { objective: 'q05' });
      if (!r.feasible) throw new Error(r.reason);
      const rest = resp.current[0] + resp.current[1];
      let best = -Infinity;
      const plan = Float64Array.from(resp.current);
      for (let k = 0; k <= 1000; k++) {
        plan[0] = (rest * k) / 1000;
        plan[1] = rest - plan[0];
        best = Math.max(best, harrellDavisQuantile(resp.outcomes(plan), 0.05));
      }
      expect(r.objective_value.optimal).toBeGreaterThanOrEqual(best - 0.001 * Math.abs(best));
      expect(r.objective_value.optimal).toBeCloseTo(harrellDavisQuantile(r.optimal.outcome, 0.05), 6);
    });
});
