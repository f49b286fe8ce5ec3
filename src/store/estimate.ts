// Posterior summaries for the runs library's side-by-side comparison: the MODEL.md §8
// "estimate" (mean, sd, q05, q50, q95) of every scalar of the posterior group.
import type { Estimate, NestedArray } from '../core/types';
import { flatten, nestedShape } from './shape';

/**
 * Quantile by linear interpolation between order statistics (Hyndman & Fan 1996 type 7,
 * numpy's default, which ArviZ uses): h = (n - 1) p, x[floor h] + (h - floor h)(x[ceil h] - x[floor h]).
 * `sorted` must be ascending and finite.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Estimate of a sample; null fields when it has no finite value. sd uses n - 1 (ArviZ's ddof=1). */
export function estimate(values: ArrayLike<number>): Estimate {
  const xs = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = xs.length;
  if (n === 0) return { mean: null, sd: null, q05: null, q50: null, q95: null };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (xs[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
    q05: quantileSorted(xs, 0.05),
    q50: quantileSorted(xs, 0.5),
    q95: quantileSorted(xs, 0.95),
  };
}

/**
 * One estimate per scalar of a posterior variable, pooled over chain × draw. Keys follow
 * MODEL.md §8: `name` for scalars, `name[coord]` along a single extra dimension.
 */
export function variableEstimates(name: string, arr: NestedArray, coords: ReadonlyArray<string | number> | undefined): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  const s = nestedShape(arr);
  if ('problem' in s) return out;
  const flat = flatten(arr);
  const width = s.shape.slice(2).reduce((a, b) => a * b, 1);
  const n = flat.length / width;
  const column = new Float64Array(n);
  for (let j = 0; j < width; j++) {
    for (let i = 0; i < n; i++) column[i] = flat[i * width + j];
    const key = s.shape.length === 2 ? name : `${name}[${coords?.[j] ?? j}]`;
    out.set(key, estimate(column));
  }
  return out;
}
