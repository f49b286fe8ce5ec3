// Posterior predictive checks from arrays: interval coverage and test statistics with a
// posterior predictive p-value (Gelman, Carlin, Stern, Dunson, Vehtari, Rubin, BDA3 §6.3;
// Gabry et al. 2019 "Visualization in Bayesian workflow", JRSS A 182, §5).

import { meanSd } from '../core/estimate';
import { observationColumn, type PointwiseDraws } from './pointwise';
import { quantileSorted } from './draws';

export interface Coverage {
  coverage_50: number;
  coverage_90: number;
  /** Per observation: equal-tailed interval bounds of the predictive draws. */
  lower_90: Float64Array;
  upper_90: Float64Array;
  lower_50: Float64Array;
  upper_50: Float64Array;
  /** Posterior predictive mean per observation (the point prediction for residuals). */
  mean: Float64Array;
  /** Observations with a missing (NaN) observed value are not counted. */
  n_counted: number;
}

/**
 * Share of observations inside the equal-tailed 50% (q25..q75) and 90% (q05..q95)
 * predictive intervals (type-7 quantiles of the draws, bounds inclusive).
 */
export function intervalCoverage(observed: ArrayLike<number>, predictive: PointwiseDraws): Coverage {
  const n = predictive.nObs;
  if (observed.length !== n) throw new Error(`observed has ${observed.length} values, predictive draws ${n}`);
  const s = predictive.nChains * predictive.nDraws;
  const col = new Float64Array(s);
  const res = {
    lower_90: new Float64Array(n), upper_90: new Float64Array(n),
    lower_50: new Float64Array(n), upper_50: new Float64Array(n), mean: new Float64Array(n),
  };
  let in50 = 0;
  let in90 = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    observationColumn(predictive, i, col);
    let m = 0;
    for (let r = 0; r < s; r++) m += col[r];
    res.mean[i] = m / s;
    col.sort();
    res.lower_90[i] = quantileSorted(col, 0.05);
    res.upper_90[i] = quantileSorted(col, 0.95);
    res.lower_50[i] = quantileSorted(col, 0.25);
    res.upper_50[i] = quantileSorted(col, 0.75);
    const y = observed[i];
    if (Number.isNaN(y)) continue;
    counted++;
    if (y >= res.lower_90[i] && y <= res.upper_90[i]) in90++;
    if (y >= res.lower_50[i] && y <= res.upper_50[i]) in50++;
  }
  return { ...res, coverage_50: counted ? in50 / counted : NaN, coverage_90: counted ? in90 / counted : NaN, n_counted: counted };
}

export type TestStatisticName = 'mean' | 'sd' | 'max' | 'lag1_autocorrelation';

/** Lag-1 autocorrelation r_1 = Σ (x_t − x̄)(x_{t−1} − x̄) / Σ (x_t − x̄)² (Box & Jenkins). */
export function lag1Autocorrelation(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    den += d * d;
    if (i > 0) num += d * (x[i - 1] - mean);
  }
  return den > 0 ? num / den : NaN;
}

export const TEST_STATISTICS: Record<TestStatisticName, (x: ArrayLike<number>) => number> = {
  mean: (x) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    return s / x.length;
  },
  sd: (x) => meanSd(x).sd,
  max: (x) => {
    let v = -Infinity;
    for (let i = 0; i < x.length; i++) if (x[i] > v) v = x[i];
    return v;
  },
  lag1_autocorrelation: lag1Autocorrelation,
};

export interface TestStatistic {
  name: TestStatisticName;
  observed: number;
  /** T(y_rep) for every draw (for the histogram panel). */
  replicated: Float64Array;
  replicated_mean: number;
  replicated_q05: number;
  replicated_q95: number;
  /**
   * Posterior predictive p-value P(T(y_rep) ≥ T(y)), ties counted half (BDA3 eq. 6.8 with
   * the mid-p convention for discrete statistics). Near 0 or 1 flags misfit.
   */
  ppp: number;
}

/** Observed vs replicated test statistics, one replicate per posterior draw. */
export function testStatistics(
  observed: ArrayLike<number>,
  predictive: PointwiseDraws,
  names: TestStatisticName[] = ['mean', 'sd', 'max', 'lag1_autocorrelation'],
): TestStatistic[] {
  const s = predictive.nChains * predictive.nDraws;
  const n = predictive.nObs;
  const out: TestStatistic[] = [];
  for (const name of names) {
    const f = TEST_STATISTICS[name];
    const obs = f(observed);
    const rep = new Float64Array(s);
    let ge = 0;
    for (let r = 0; r < s; r++) {
      rep[r] = f(predictive.values.subarray(r * n, (r + 1) * n));
      if (rep[r] > obs) ge += 1;
      else if (rep[r] === obs) ge += 0.5;
    }
    const sorted = Float64Array.from(rep).sort();
    out.push({
      name,
      observed: obs,
      replicated: rep,
      replicated_mean: TEST_STATISTICS.mean(rep),
      replicated_q05: quantileSorted(sorted, 0.05),
      replicated_q95: quantileSorted(sorted, 0.95),
      ppp: ge / s,
    });
  }
  return out;
}
