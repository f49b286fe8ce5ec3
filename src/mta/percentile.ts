// Percentile intervals from bootstrap replicates (Efron & Tibshirani 1993, §13.3), with the
// quantile definition of R's default type 7 (Hyndman & Fan 1996): linear between order
// statistics, so q05 of 200 replicates lies between the 10th and 11th smallest (the one
// quantile every output uses, core/estimate.ts).
import { quantileSorted } from '../core/estimate';

/** Replicates that are not finite (a removal effect with no conversions) are left out. */
export const MIN_FINITE_SHARE = 0.5;

/**
 * Lower and upper quantiles of column c of a B x n row-major matrix, written into lo[c] and
 * hi[c]; NaN when fewer than half the replicates are finite. `scratch` holds B numbers.
 */
export function columnQuantiles(draws: Float64Array, B: number, n: number, pLo: number, pHi: number, lo: Float64Array, hi: Float64Array, scratch: Float64Array): void {
  for (let c = 0; c < n; c++) {
    let m = 0;
    for (let b = 0; b < B; b++) {
      const x = draws[b * n + c];
      if (Number.isFinite(x)) scratch[m++] = x;
    }
    if (m === 0 || m < MIN_FINITE_SHARE * B) {
      lo[c] = hi[c] = NaN;
      continue;
    }
    const sorted = scratch.subarray(0, m).sort();
    lo[c] = quantileSorted(sorted, pLo);
    hi[c] = quantileSorted(sorted, pHi);
  }
}
