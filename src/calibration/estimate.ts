// Summaries of draws as MODEL.md §8 "estimate" objects: mean, sd, and the equal-tailed 90%
// interval with the median. Quantiles are R's type 7 (Hyndman & Fan 1996), numpy's default.
import type { Estimate } from '../core/types';

export const NULL_ESTIMATE: Estimate = { mean: null, sd: null, q05: null, q50: null, q95: null };

/** Type-7 quantile of an ascending-sorted array. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Estimate of a set of draws; null fields when there are none or any is not finite. */
export function summarise(draws: ArrayLike<number>): Estimate {
  const n = draws.length;
  if (n === 0) return { ...NULL_ESTIMATE };
  const s = Float64Array.from(draws).sort();
  if (!Number.isFinite(s[0]) || !Number.isFinite(s[n - 1])) return { ...NULL_ESTIMATE };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += s[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - mean) * (s[i] - mean);
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    q05: sortedQuantile(s, 0.05),
    q50: sortedQuantile(s, 0.5),
    q95: sortedQuantile(s, 0.95),
  };
}
