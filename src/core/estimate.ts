// The one posterior summary every output uses: an Estimate {mean, sd, q05, q50, q95}
// (MODEL.md §8) with quantiles by R's type 7 (Hyndman & Fan 1996, definition 7; numpy's and
// ArviZ's default). A sample holding a non-finite value cannot be summarised honestly, so
// it gives nulls rather than a number computed from part of it.
import type { Estimate } from './types';

export const NULL_ESTIMATE: Readonly<Estimate> = Object.freeze({ mean: null, sd: null, q05: null, q50: null, q95: null });

/** Type-7 quantile of ascending-sorted values; NaN for an empty sample or p outside [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1) || Number.isNaN(sorted[n - 1])) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  if (h === lo || sorted[hi] === sorted[lo]) return sorted[lo];
  return (1 - (h - lo)) * sorted[lo] + (h - lo) * sorted[hi];
}

/** Mean and sample sd (n − 1; NaN below two values), two-pass for accuracy. */
export function meanSd(v: ArrayLike<number>): { mean: number; sd: number } {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The Estimate of a sample of draws; all nulls when it is empty or holds a non-finite value. */
export function estimate(values: ArrayLike<number>): Estimate {
  if (values.length === 0 || !allFinite(values)) return { ...NULL_ESTIMATE };
  const sorted = Float64Array.from(values).sort();
  const { mean, sd } = meanSd(values);
  return { mean, sd: finiteOrNull(sd), q05: quantileSorted(sorted, 0.05), q50: quantileSorted(sorted, 0.5), q95: quantileSorted(sorted, 0.95) };
}
