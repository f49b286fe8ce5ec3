import { describe, expect, it } from 'vitest';
import {
  fitMetrics,
  holdoutMetrics,
  holdoutSplit,
  intervalCoverage,
  lag1Autocorrelation,
  qqNormal,
  testStatistics,
  type PointwiseDraws,
} from '../../src/diagnostics/index';
import { normal, rng } from './fixtures';

/** Predictive draws where every observation gets the same draws 0, 1, ..., S−1 (1 chain). */
function ladder(nObs: number, s: number): PointwiseDraws {
  const values = new Float64Array(s * nObs);
  for (let r = 0; r < s; r++) for (let i = 0; i < nObs; i++) values[r * nObs + i] = r;
  return { nChains: 1, nDraws: s, nObs, values };
}

describe('posterior predictive checks', () => {
  it('coverage counts observations inside type-7 intervals, bounds inclusive', () => {
    // Draws 0..100: q05 = 5, q25 = 25, q75 = 75, q95 = 95 exactly.
    const pred = ladder(6, 101);
    const c = intervalCoverage([5, 4.9, 25, 80, 95, 95.1], pred);
    expect(c.lower_90[0]).toBe(5);
    expect(c.upper_50[0]).toBe(75);
    expect(c.coverage_90).toBeCloseTo(4 / 6, 15);
    expect(c.coverage_50).toBeCloseTo(1 / 6, 15);
    expect(c.mean[0]).toBe(50);
  });
  it('calibrated predictive draws cover about 90% and 50% (binomial noise)', () => {
    const z = normal(rng(3));
    const nObs = 2000;
    const s = 400;
    const values = new Float64Array(s * nObs);
    for (let k = 0; k < values.length; k++) values[k] = z();
    const y = Float64Array.from({ length: nObs }, z);
    const c = intervalCoverage(y, { nChains: 4, nDraws: 100, nObs, values });
    // sd of a coverage estimate at 0.9 with 2000 obs ≈ 0.0067; allow 4 sd plus the finite-S bias.
    expect(Math.abs(c.coverage_90 - 0.9)).toBeLessThan(0.03);
    expect(Math.abs(c.coverage_50 - 0.5)).toBeLessThan(0.05);
  });
  it('test statistics: observed vs replicated with a posterior predictive p-value', () => {
    // Replicates are constant series r, observed is the constant 30: T = mean gives
    // P(T(y_rep) ≥ 30) = (70 + 0.5) / 101 with the tie counted half.
    const pred = ladder(5, 101);
    const [mean, , max] = testStatistics([30, 30, 30, 30, 30], pred, ['mean', 'sd', 'max']);
    expect(mean.observed).toBe(30);
    expect(mean.ppp).toBeCloseTo(70.5 / 101, 15);
    expect(mean.replicated_mean).toBe(50);
    expect(max.replicated).toHaveLength(101);
  });
  it('lag-1 autocorrelation of an alternating series is −(n−1)/n', () => {
    const x = [1, -1, 1, -1, 1, -1, 1, -1];
    expect(lag1Autocorrelation(x)).toBeCloseTo(-7 / 8, 15);
  });
});

describe('residual diagnostics', () => {
  it('R², MAPE, wMAPE, Durbin–Watson on a hand-computed example', () => {
    const y = [10, 20, 30, 40];
    const f = [12, 18, 33, 40]; // residuals −2, 2, −3, 0
    const m = fitMetrics(y, f);
    expect(m.r2).toBeCloseTo(1 - 17 / 500, 15);
    expect(m.mape).toBeCloseTo((0.2 + 0.1 + 0.1 + 0) / 4, 15);
    expect(m.wmape).toBeCloseTo(7 / 100, 15);
    expect(m.durbin_watson).toBeCloseTo((16 + 25 + 9) / 17, 15);
    expect(m.rmse).toBeCloseTo(Math.sqrt(17 / 4), 15);
  });
  it('MAPE skips zero observations and says how many', () => {
    const m = fitMetrics([0, 10], [1, 11]);
    expect(m.mape).toBeCloseTo(0.1, 15);
    expect(m.mape_skipped_zeros).toBe(1);
    expect(m.wmape).toBeCloseTo(0.2, 15);
  });
  it('Durbin–Watson ≈ 2 and lag-1 ≈ 0 for white noise, ≈ 2(1 − φ) for AR(1)', () => {
    const z = normal(rng(5));
    const n = 20000;
    const white = Float64Array.from({ length: n }, z);
    const m0 = fitMetrics(white, new Float64Array(n));
    expect(Math.abs(m0.durbin_watson - 2)).toBeLessThan(0.05);
    expect(Math.abs(m0.lag1_autocorrelation)).toBeLessThan(0.03);
    const ar = new Float64Array(n);
    for (let t = 1; t < n; t++) ar[t] = 0.7 * ar[t - 1] + z();
    const m1 = fitMetrics(ar, new Float64Array(n));
    expect(Math.abs(m1.lag1_autocorrelation - 0.7)).toBeLessThan(0.03);
    expect(Math.abs(m1.durbin_watson - 0.6)).toBeLessThan(0.06);
  });
  it('Q-Q theoretical quantiles equal R qqnorm (ppoints with a = 1/2 for n > 10)', () => {
    // R 4.2.2: qqnorm(c(3,1,2,5,4,10,7,8,9,6,11,12))$x, sorted.
    const rSorted = [-1.7316643961222451, -1.1503493803760079, -0.81221780149991285, -0.548522282698098,
      -0.31863936396437514, -0.10463345561407539, 0.10463345561407526, 0.31863936396437514,
      0.54852228269809822, 0.81221780149991285, 1.1503493803760079, 1.7316643961222455];
    const q = qqNormal([3, 1, 2, 5, 4, 10, 7, 8, 9, 6, 11, 12]);
    q.theoretical.forEach((v, i) => expect(Math.abs(v - rSorted[i])).toBeLessThan(1e-15));
    const sdSample = Math.sqrt(q.sample.reduce((a, v) => a + v * v, 0) / 11);
    expect(sdSample).toBeCloseTo(1, 14);
    expect(q.sample[0]).toBeLessThan(q.sample[11]);
  });
  it('hold-out: out-of-sample MAPE and coverage; the split validates N', () => {
    const pred = ladder(3, 101); // predictive mean 50, 90% interval [5, 95]
    const h = holdoutMetrics([50, 100, 25], pred);
    expect(h.mape).toBeCloseTo((0 + 0.5 + 1) / 3, 15);
    expect(h.coverage_90).toBeCloseTo(2 / 3, 15);
    expect(h.periods).toBe(3);
    const ok = holdoutSplit(100, 12);
    expect(ok.ok && ok.value.test).toEqual([88, 100]);
    const bad = holdoutSplit(100, 100);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].hint).toMatch(/1 to 99/);
  });
});
