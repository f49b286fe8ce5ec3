// Marginal return per posterior draw (src/analysis/marginal-return.ts). Oracles: central
// finite differences of each draw's whole-plan outcome, the posterior-mean derivative the
// optimizer already used, and the optimality (KKT) conditions of the mean objective.
import { describe, expect, it } from 'vitest';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { PlanResponse } from '../../src/analysis/plan-response';
import { marginalReturnDraws, marginalReturns } from '../../src/analysis/marginal-return';
import { optimizeBudget } from '../../src/analysis/optimizer';
import { estimate } from '../../src/analysis/estimate';
import { Rng } from '../../src/core/rng';
import { jitteredDraws, syntheticSet } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

function setup(folder: 'dev_weekly_logistic' | 'dev_weekly_hill', horizon: number, n: number) {
  const { data, spec, theta } = syntheticSet(folder);
  const fd = ok(forwardDataFromDataset(data, spec));
  return new PlanResponse(fd, spec, jitteredDraws(spec, theta, n, 0.2, 5), horizon);
}

describe('marginal return per draw', () => {
  for (const folder of ['dev_weekly_logistic', 'dev_weekly_hill'] as const)
    for (const N of [4, 52])
      it(`${folder}, horizon ${N}: equals the central finite difference of every draw's outcome, divided by N`, () => {
        const resp = setup(folder, N, 30);
        const rng = new Rng(N + 7);
        const plan = Float64Array.from(resp.current, (v) => v * (0.3 + 1.7 * rng.uniform()));
        const up = new Float64Array(resp.n);
        const down = new Float64Array(resp.n);
        let worst = 0;
        for (let c = 0; c < resp.C; c++) {
          const m = marginalReturnDraws(resp, c, plan[c]);
          const h = 1e-4 * plan[c];
          const p = Float64Array.from(plan);
          p[c] = plan[c] + h;
          resp.outcomes(p, up);
          p[c] = plan[c] - h;
          resp.outcomes(p, down);
          for (let d = 0; d < resp.n; d++) {
            // The outcome over all channels: the other channels' terms cancel in the difference.
            const fd = (up[d] - down[d]) / (2 * h) / N;
            expect(m[d]).toBeGreaterThan(0);
            worst = Math.max(worst, Math.abs(m[d] - fd) / Math.abs(fd));
          }
        }
        // Central differences err by O(h²)·f''' plus rounding ~1e-16·|R|/h: far below 1e-5 here.
        expect(worst).toBeLessThan(1e-5);
      });

  it('logistic channel at zero spend: the derivative there (finite) matches a one-sided difference', () => {
    const resp = setup('dev_weekly_logistic', 13, 10);
    const m = marginalReturnDraws(resp, 0, 0);
    const h = 1e-6 * resp.current[0];
    const out0 = new Float64Array(resp.n);
    const out1 = new Float64Array(resp.n);
    const p = new Float64Array(resp.C);
    resp.outcomes(p, out0);
    p[0] = h;
    resp.outcomes(p, out1);
    for (let d = 0; d < resp.n; d++) expect(Math.abs(m[d] - (out1[d] - out0[d]) / h / 13) / m[d]).toBeLessThan(1e-4);
  });

  it('the estimate of the draws has the posterior-mean derivative as its mean and brackets it', () => {
    const resp = setup('dev_weekly_hill', 26, 60);
    const est = marginalReturns(resp, resp.current);
    resp.channels.forEach((_, c) => {
      const mean = resp.channelMeanDeriv(c, resp.current[c]) / 26;
      expect(est[c].mean! / mean).toBeCloseTo(1, 12);
      expect(est[c].q05!).toBeLessThan(mean);
      expect(est[c].q95!).toBeGreaterThan(mean);
      expect(est[c]).toEqual(estimate(marginalReturnDraws(resp, c, resp.current[c])));
    });
  });

  it('reuses the buffer it is given (no allocation per call)', () => {
    const resp = setup('dev_weekly_logistic', 8, 5);
    const buf = new Float64Array(resp.n);
    expect(marginalReturnDraws(resp, 1, resp.current[1], buf)).toBe(buf);
  });
});

describe('marginal return in the optimizer result', () => {
  it('at both plans, with the posterior-mean number kept, and the KKT conditions at the mean optimum', () => {
    const resp = setup('dev_weekly_logistic', 52, 80);
    const B = resp.current.reduce((a, v) => a + v, 0) * 52;
    const [a, b, c] = resp.channels;
    // a at most 0.8× current, b free, c at least 1.5× current (more than the posterior wants for it).
    const r = optimizeBudget(resp, { budget: B, horizon: 52, constraints: { [a]: { max: { value: 0.8, relative: true } }, [c]: { min: { value: 1.5, relative: true } } } });
    if (!r.feasible) throw new Error(r.reason);
    const cur = marginalReturns(resp, resp.current);
    const opt = marginalReturns(resp, resp.channels.map((ch) => r.optimal.spend_per_period[ch]));
    r.constraints.forEach((k, i) => {
      expect(k.marginal_return.current).toEqual(cur[i]);
      expect(k.marginal_return.optimal).toEqual(opt[i]);
      expect(k.marginal_return.optimal.mean! / r.marginal_return[k.channel]).toBeCloseTo(1, 12);
    });
    const byName = Object.fromEntries(r.constraints.map((k) => [k.channel, k]));
    // Which bounds bind depends on the posterior; the conditions below hold whichever do,
    // and at least one binds here so the inequality is exercised too.
    expect(r.constraints.some((k) => k.binds.min || k.binds.max)).toBe(true);
    const lambda = r.constraints.filter((k) => !k.binds.min && !k.binds.max).map((k) => k.marginal_return.optimal.mean!);
    expect(byName[b].binds.min || byName[b].binds.max).toBe(false);
    for (const l of lambda) expect(Math.abs(l / lambda[0] - 1)).toBeLessThan(1e-3);
    for (const k of r.constraints) {
      if (k.binds.max) expect(k.marginal_return.optimal.mean!).toBeGreaterThanOrEqual(lambda[0] * (1 - 1e-3));
      if (k.binds.min) expect(k.marginal_return.optimal.mean!).toBeLessThanOrEqual(lambda[0] * (1 + 1e-3));
    }
  });
});
