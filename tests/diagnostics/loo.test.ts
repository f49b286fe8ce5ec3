import { describe, expect, it } from 'vitest';
import { fromDrawRows, psisLoo, relativeEff, waic } from '../../src/diagnostics/index';
import { gpdFit, psis, qgpd } from '../../src/diagnostics/psis';
import { readCsvNumbers, referenceJson } from './reference';

interface RefLoo {
  elpd_loo: [number, number];
  p_loo: [number, number];
  looic: [number, number];
  pareto_k: number[];
  n_eff: number[];
  r_eff: number[];
  pointwise_elpd_loo: number[];
  elpd_waic: [number, number];
  p_waic: [number, number];
  waic: [number, number];
}

const ref = referenceJson<RefLoo>('reference_loo.json');
// Rows are 2000 draws (4 chains × 500, chain-major), columns 60 observations.
const logLik = fromDrawRows(readCsvNumbers('log_lik.csv').rows, 4);

describe('PSIS-LOO and WAIC match R loo 2.5.1 on log_lik.csv', () => {
  const rEff = relativeEff(logLik);
  const loo = psisLoo(logLik, rEff);
  const w = waic(logLik);
  const maxAbs = (a: ArrayLike<number>, b: number[]) =>
    Math.max(...b.map((v, i) => Math.abs(a[i] - v)));

  it('relative efficiency per observation equals loo::relative_eff', () => {
    expect(maxAbs(rEff, ref.r_eff)).toBeLessThan(1e-9);
  });
  it('elpd_loo, p_loo, looic and their SEs within 0.01 (seen: ~1e-10)', () => {
    expect(Math.abs(loo.elpd_loo.estimate - ref.elpd_loo[0])).toBeLessThan(0.01);
    expect(Math.abs(loo.elpd_loo.se - ref.elpd_loo[1])).toBeLessThan(0.01);
    expect(Math.abs(loo.p_loo.estimate - ref.p_loo[0])).toBeLessThan(0.01);
    expect(Math.abs(loo.p_loo.se - ref.p_loo[1])).toBeLessThan(0.01);
    expect(Math.abs(loo.looic.estimate - ref.looic[0])).toBeLessThan(0.01);
    // Stricter: the arithmetic is the same as loo's, so agreement is to rounding.
    expect(Math.abs(loo.elpd_loo.estimate - ref.elpd_loo[0])).toBeLessThan(1e-8);
  });
  it('every Pareto k within 0.01 (seen: ~1e-12), n_eff and pointwise elpd too', () => {
    expect(maxAbs(loo.pointwise.pareto_k, ref.pareto_k)).toBeLessThan(0.01);
    expect(maxAbs(loo.pointwise.pareto_k, ref.pareto_k)).toBeLessThan(1e-9);
    expect(maxAbs(loo.pointwise.elpd_loo, ref.pointwise_elpd_loo)).toBeLessThan(1e-9);
    expect(maxAbs(loo.pointwise.n_eff, ref.n_eff)).toBeLessThan(1e-6);
  });
  it('the outlier is flagged: one k above 0.7', () => {
    expect(loo.pareto_k_over_0_7).toBe(ref.pareto_k.filter((k) => k > 0.7).length);
    expect(loo.pareto_k_over_0_7).toBe(1);
  });
  it('WAIC elpd and p_waic within 0.01 (seen: ~1e-10)', () => {
    expect(Math.abs(w.elpd_waic.estimate - ref.elpd_waic[0])).toBeLessThan(1e-8);
    expect(Math.abs(w.elpd_waic.se - ref.elpd_waic[1])).toBeLessThan(1e-8);
    expect(Math.abs(w.p_waic.estimate - ref.p_waic[0])).toBeLessThan(1e-8);
    expect(Math.abs(w.waic.estimate - ref.waic[0])).toBeLessThan(1e-8);
  });
});

describe('PSIS internals', () => {
  it('recovers the shape of exact generalized Pareto quantiles', () => {
    // Log ratios whose upper tail is exactly GPD(k = 0.6) above a cutoff: the fit must
    // return k close to 0.6 (the prior shrinks it slightly towards 0.5).
    const s = 4000;
    const lr = Float64Array.from({ length: s }, (_, i) => Math.log(1 + qgpd((i + 0.5) / s, 0.6, 1)));
    const { k } = psis(lr, 1);
    expect(k).toBeGreaterThan(0.5);
    expect(k).toBeLessThan(0.7);
  });
  it('with tied draws (NUTS can repeat a point) the partial selection equals a full stable sort', () => {
    // Brute force: smooth by hand through a full (value, index) sort and compare.
    const base = [0.3, -1.2, 2.5, 2.5, 0.7, 2.5, -0.4, 1.9, 1.9, 0.1];
    const lr = Float64Array.from({ length: 400 }, (_, i) => base[i % 10] + (i % 7 === 0 ? 0 : 0.001 * (i % 13)));
    const fast = psis(lr, 0.8);
    const s = lr.length;
    const m = Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s / 0.8)));
    const order = Array.from({ length: s }, (_, i) => i).sort((a, b) => lr[a] - lr[b] || a - b);
    const max = Math.max(...lr);
    const lw = Array.from(lr, (v) => v - max);
    const tail = order.slice(s - m);
    const cutoff = Math.exp(lw[order[s - m - 1]]);
    const fit = gpdFit(Float64Array.from(tail, (i) => Math.exp(lw[i]) - cutoff));
    tail.forEach((idx, j) => (lw[idx] = Math.log(qgpd((j + 0.5) / m, fit.k, fit.sigma) + cutoff)));
    const expected = lw.map((v) => Math.min(v, 0) + max);
    expect(fast.k).toBe(fit.k);
    expect(Array.from(fast.logWeights)).toEqual(expected);
  });
  it('a flat tail is not fitted: k is Infinity and weights are the raw ratios truncated', () => {
    const lr = new Float64Array(100).fill(-1);
    const { k, logWeights } = psis(lr, 1);
    expect(k).toBe(Infinity);
    expect(Array.from(logWeights).every((v) => v === -1)).toBe(true);
  });
});
