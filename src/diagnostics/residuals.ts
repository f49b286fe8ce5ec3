// Classic regression diagnostics next to the Bayesian ones: residuals, R², MAPE, wMAPE,
// lag-1 autocorrelation, Durbin–Watson, Q-Q data, and hold-out (train/test) metrics.

import { meanSd } from '../core/estimate';
import { qnorm } from './special';
import { intervalCoverage, lag1Autocorrelation } from './ppc';
import type { PointwiseDraws } from './pointwise';
import { type DiagResult, errorResult, okResult } from './result';

export interface FitMetrics {
  n: number;
  /** 1 − SS_res / SS_tot around the observed mean (the classic coefficient of determination). */
  r2: number;
  /** mean |y − ŷ| / |y| over observations with y ≠ 0 (zeros are skipped and counted). */
  mape: number;
  mape_skipped_zeros: number;
  /** Σ |y − ŷ| / Σ |y| (weighted MAPE; defined with zeros in y). */
  wmape: number;
  rmse: number;
  lag1_autocorrelation: number;
  /** Σ (e_t − e_{t−1})² / Σ e_t² (Durbin & Watson 1950); ≈ 2 for uncorrelated residuals. */
  durbin_watson: number;
}

export function residuals(observed: ArrayLike<number>, fitted: ArrayLike<number>): Float64Array {
  if (observed.length !== fitted.length) throw new Error(`observed has ${observed.length} values, fitted ${fitted.length}`);
  return Float64Array.from({ length: observed.length }, (_, i) => observed[i] - fitted[i]);
}

export function fitMetrics(observed: ArrayLike<number>, fitted: ArrayLike<number>): FitMetrics {
  const e = residuals(observed, fitted);
  const n = e.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += observed[i];
  ybar /= n;
  let ssRes = 0;
  let ssTot = 0;
  let absErr = 0;
  let absY = 0;
  let ape = 0;
  let apeN = 0;
  let dw = 0;
  for (let i = 0; i < n; i++) {
    const y = observed[i];
    ssRes += e[i] * e[i];
    ssTot += (y - ybar) ** 2;
    absErr += Math.abs(e[i]);
    absY += Math.abs(y);
    if (y !== 0) {
      ape += Math.abs(e[i] / y);
      apeN++;
    }
    if (i > 0) dw += (e[i] - e[i - 1]) ** 2;
  }
  return {
    n,
    r2: ssTot > 0 ? 1 - ssRes / ssTot : NaN,
    mape: apeN > 0 ? ape / apeN : NaN,
    mape_skipped_zeros: n - apeN,
    wmape: absY > 0 ? absErr / absY : NaN,
    rmse: Math.sqrt(ssRes / n),
    lag1_autocorrelation: lag1Autocorrelation(e),
    durbin_watson: ssRes > 0 ? dw / ssRes : NaN,
  };
}

/** R's ppoints: (i − a) / (n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2 (used by qqnorm). */
export function ppoints(n: number): Float64Array {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Float64Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

export interface QqData {
  theoretical: Float64Array;
  /** Sorted standardised residuals (e − ē) / sd(e). */
  sample: Float64Array;
}

/** Normal Q-Q plot data of standardised residuals, as R's qqnorm pairs them. */
export function qqNormal(resid: ArrayLike<number>): QqData {
  const n = resid.length;
  const { mean: m, sd } = meanSd(resid);
  const sample = Float64Array.from(resid as ArrayLike<number>, (v) => (v - m) / sd).sort();
  return { theoretical: ppoints(n).map(qnorm), sample };
}

export interface HoldoutMetrics extends FitMetrics {
  coverage_50: number;
  coverage_90: number;
  periods: number;
}

/**
 * Out-of-sample metrics for the last N periods: `observed` are the held-out values and
 * `predictive` the predictive draws for those periods from a fit that did not see them.
 * The point prediction is the predictive mean.
 */
export function holdoutMetrics(observed: ArrayLike<number>, predictive: PointwiseDraws): HoldoutMetrics {
  const cov = intervalCoverage(observed, predictive);
  return { ...fitMetrics(observed, cov.mean), coverage_50: cov.coverage_50, coverage_90: cov.coverage_90, periods: observed.length };
}

/** Split index for "hold out the last N periods": rows [0, T − N) train, [T − N, T) test. */
export function holdoutSplit(t: number, holdout: number): DiagResult<{ train: [number, number]; test: [number, number] }> {
  if (!Number.isInteger(holdout) || holdout < 1 || holdout >= t) {
    return errorResult(
      `Cannot hold out ${holdout} periods of ${t}.`,
      `Choose a whole number of periods from 1 to ${t - 1}; a common choice is the last 10–20% of the data.`,
    );
  }
  return okResult({ train: [0, t - holdout], test: [t - holdout, t] });
}
