// Posterior summaries for the analysis: the shared Estimate (src/core/estimate.ts) plus the
// 50% band, column extraction from draw matrices and P(x > 0).
import type { Estimate } from '../core/types';

export { NULL_ESTIMATE, estimate, meanSd, quantileSorted } from '../core/estimate';
import { estimate, quantileSorted } from '../core/estimate';

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
  if (v.length === 0 || !Array.prototype.every.call(v, Number.isFinite)) return null;
  let k = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > 0) k++;
  return k / v.length;
}
