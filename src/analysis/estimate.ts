// Posterior summaries: every reported number is an Estimate {mean, sd, q05, q50, q95}
// (MODEL.md §8), quantiles by R's type 7 (Hyndman & Fan 1996, definition 7), the same
// rule ArviZ/numpy and the diagnostics use. A set with a non-finite value cannot be
// summarised honestly, so it yields nulls rather than a silent NaN.
import type { Estimate } from '../core/types';

export const NULL_ESTIMATE: Estimate = { mean: null, sd: null, q05: null, q50: null, q95: null };

/** Type-7 quantile of ascending-sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** Mean and sample sd (n - 1), two-pass for accuracy. */
export function meanSd(v: ArrayLike<number>): { mean: number; sd: number } {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/** The Estimate of a set of draws; nulls when it is empty or holds a non-finite value. */
export function estimate(values: ArrayLike<number>): Estimate {
  if (values.length === 0 || !allFinite(values)) return { ...NULL_ESTIMATE };
  const sorted = Float64Array.from(values).sort();
  const { mean, sd } = meanSd(values);
  return { mean, sd, q05: quantileSorted(sorted, 0.05), q50: quantileSorted(sorted, 0.5), q95: quantileSorted(sorted, 0.95) };
}

/** An Estimate with the 50% band too (q25, q75), for curves drawn with 50%/90% bands. */
export interface BandEstimate extends Estimate {
  q25: number | null;
  q75: number | null;
}

export function bandEstimate(values: ArrayLike<number>): BandEstimate {
  const e = estimate(values);
  if (e.mean === null) return { ...e, q25: null, q75: null };
  const sorted = Float64Array.from(values).sort();
  return { ...e, q25: quantileSorted(sorted, 0.25), q75: quantileSorted(sorted, 0.75) };
}

/** Column j of an n×m row-major matrix, into `out`. */
export function column(m: Float64Array, n: number, width: number, j: number, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let d = 0; d < n; d++) out[d] = m[d * width + j];
  return out;
}

/** Estimates of every column of an n×m row-major matrix. */
export function columnEstimates(m: Float64Array, n: number, width: number): Estimate[] {
  const buf = new Float64Array(n);
  return Array.from({ length: width }, (_, j) => estimate(column(m, n, width, j, buf)));
}

/** Fraction of draws strictly above zero. */
export function probabilityPositive(v: ArrayLike<number>): number | null {
  if (v.length === 0 || !allFinite(v)) return null;
  let k = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > 0) k++;
  return k / v.length;
}
