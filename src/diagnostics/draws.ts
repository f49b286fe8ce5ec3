// Kernels on one variable's draws held as chains (one Float64Array per chain, equal
// lengths): splitting, ranks, rank normalisation, folding, quantiles. These mirror the
// helpers of the R `posterior` package (convergence.R) so the diagnostics built on them
// reproduce its numbers.

import { quantileSorted } from '../core/estimate';
export { quantileSorted };
import { qnorm } from './special';

/** Chains as the diagnostics take them: one array of draws per chain, equal lengths. */
export type Chains = ArrayLike<number>[];

export function totalDraws(chains: Chains): number {
  let n = 0;
  for (const c of chains) n += c.length;
  return n;
}

/** All draws in one array, chain after chain. */
export function flatten(chains: Chains): Float64Array {
  const out = new Float64Array(totalDraws(chains));
  let o = 0;
  for (const c of chains) for (let i = 0; i < c.length; i++) out[o++] = c[i];
  return out;
}

/**
 * Split every chain into its first and second half (posterior's `.split_chains`): with N
 * draws the halves are 1..floor(N/2) and ceiling(N/2 + 1)..N (1-based), so an odd N drops
 * the middle draw. Vehtari et al. (2021) §4.1: splitting exposes within-chain trends.
 */
export function splitChains(chains: Chains): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of chains) {
    const n = c.length;
    if (n <= 1) {
      out.push(Float64Array.from(c));
      continue;
    }
    const firstEnd = Math.floor(n / 2);
    const secondStart = Math.ceil(n / 2 + 1) - 1;
    out.push(Float64Array.from({ length: firstEnd }, (_, i) => c[i]));
    out.push(Float64Array.from({ length: n - secondStart }, (_, i) => c[secondStart + i]));
  }
  return out;
}

/** First index in sorted x with x[i] >= v (x ascending, no NaN). */
function lowerBound(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted x with x[i] > v. */
function upperBound(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ranks 1..S over all draws with average ranks for ties (R's rank(ties.method='average')):
 * a value equal to sorted[a..b−1] gets (a + 1 + b) / 2. Native numeric sort plus two
 * binary searches per value (no comparator callbacks). NaN gets rank NaN.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const s = Float64Array.from(values as ArrayLike<number>).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      ranks[i] = NaN;
      continue;
    }
    ranks[i] = (lowerBound(s, v) + 1 + upperBound(s, v)) / 2;
  }
  return ranks;
}

/** Reshape a flat array back into chains of the given lengths. */
function reshapeLike(flat: Float64Array, like: Chains): Float64Array[] {
  const out: Float64Array[] = [];
  let o = 0;
  for (const c of like) {
    out.push(flat.subarray(o, o + c.length));
    o += c.length;
  }
  return out;
}

/**
 * Rank normalisation (Vehtari et al. 2021, eq. 14): z = Φ⁻¹((r − 3/8) / (S + 1/4)), Blom's
 * (1958) offset c = 3/8 as posterior's `backtransform_ranks`.
 */
export function zScale(chains: Chains): Float64Array[] {
  const flat = flatten(chains);
  // R sets z to NA where a draw is NA; any NaN makes every later statistic NA anyway.
  if (flat.some(Number.isNaN)) return reshapeLike(flat.fill(NaN), chains);
  const r = averageRanks(flat);
  const s = flat.length;
  const c = 3 / 8;
  for (let i = 0; i < s; i++) flat[i] = qnorm((r[i] - c) / (s - 2 * c + 1));
  return reshapeLike(flat, chains);
}

/** Sorted copy. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

/**
 * Sample quantile, R's default type 7 (Hyndman & Fan 1996): h = 1 + (n − 1)p,
 * Q = (1 − frac)·x_(lo) + frac·x_(hi), computed on a sorted copy.
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sorted(values), p);
}


/** Median as R's median(): the mean of the two middle values when n is even. */
export function median(values: ArrayLike<number>): number {
  const x = sorted(values);
  const n = x.length;
  if (n === 0) return NaN;
  const half = Math.floor(n / 2);
  return n % 2 === 1 ? x[half] : (x[half - 1] + x[half]) / 2;
}

/** Fold draws around their median, |x − median(x)| (Vehtari et al. 2021 §4.2, tail R-hat). */
export function foldDraws(chains: Chains): Float64Array[] {
  const med = median(flatten(chains));
  return chains.map((c) => Float64Array.from(c as ArrayLike<number>, (v) => Math.abs(v - med)));
}

/** True if any draw is NaN or ±Infinity (posterior returns NA then). */
export function hasNonFinite(chains: Chains): boolean {
  for (const c of chains) for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i])) return true;
  return false;
}

/** posterior's is_constant: max − min below machine epsilon. */
export function isConstant(chains: Chains): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) {
      if (c[i] < lo) lo = c[i];
      if (c[i] > hi) hi = c[i];
    }
  }
  return Math.abs(hi - lo) < Number.EPSILON;
}

/** posterior's should_return_NA: a non-finite draw, or (almost) constant draws. */
export function shouldReturnNA(chains: Chains): boolean {
  return hasNonFinite(chains) || isConstant(chains);
}

/** Indicator chains 1{x ≤ threshold}. */
export function indicator(chains: Chains, threshold: number): Float64Array[] {
  return chains.map((c) => Float64Array.from(c as ArrayLike<number>, (v) => (v <= threshold ? 1 : 0)));
}
