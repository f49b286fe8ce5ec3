// Per-period summaries of a chain × draw × date array (posterior predictive, fitted
// components): the mean and the equal-tailed 50% and 90% intervals (MODEL.md §5), with
// type-7 quantiles as everywhere else in the studio.
import type { NestedArray } from '../../core/types';
import { quantileSorted } from '../../store/estimate';

export interface Bands {
  mean: number[];
  q05: number[];
  q25: number[];
  q75: number[];
  q95: number[];
}

/** Summaries over chain and draw for each of the last axis' entries. */
export function periodBands(arr: NestedArray): Bands {
  const chains = arr as number[][][];
  const T = chains[0]?.[0]?.length ?? 0;
  const n = chains.reduce((s, c) => s + c.length, 0);
  const col = new Float64Array(n);
  const out: Bands = { mean: [], q05: [], q25: [], q75: [], q95: [] };
  for (let t = 0; t < T; t++) {
    let k = 0;
    let m = 0;
    for (const c of chains) {
      for (const d of c) {
        const v = d[t] ?? NaN;
        col[k++] = v;
        m += v;
      }
    }
    const sorted = col.slice(0, k).filter(Number.isFinite).sort();
    out.mean.push(sorted.length ? m / k : NaN);
    out.q05.push(quantileSorted(sorted, 0.05));
    out.q25.push(quantileSorted(sorted, 0.25));
    out.q75.push(quantileSorted(sorted, 0.75));
    out.q95.push(quantileSorted(sorted, 0.95));
  }
  return out;
}

/** Share of observations inside a band (the posterior predictive coverage). */
export function coverage(y: ArrayLike<number>, lo: number[], hi: number[]): number {
  let inside = 0;
  for (let t = 0; t < y.length; t++) if (y[t] >= lo[t] && y[t] <= hi[t]) inside++;
  return y.length ? inside / y.length : NaN;
}
