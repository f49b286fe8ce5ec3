// Is a set of SBC ranks (./sbc-ranks.ts) discrete uniform on {0, …, L}? Two numbers and a
// hint, as an SBC user reads them:
// - Pearson's chi-square on binned ranks (the rank histogram of Talts et al. 2018 §4.1,
//   tested as in their §5 examples), bins of exactly known probability under uniformity;
// - the shape: the standardised mean rank (skew = a biased posterior, §4.2 Fig. 4) and the
//   standardised share of ranks in the outer fifth of the range, its lowest and highest
//   tenth (ends = an under-dispersed, too narrow posterior; middle = an over-dispersed, too
//   wide one, §4.2 Figs. 2–3). The outer fifth rather than the outer half because
//   autocorrelated draws (§4.1, Fig. 5) raise spikes in the extreme bins only: their outer
//   half holds its uniform share while the outer fifth does not.
// The simultaneous ECDF band is ./sbc-ecdf.ts.
import { gammaQ } from '../diagnostics/special';

export interface ChiSquareResult {
  statistic: number;
  df: number;
  /** P(χ²_df ≥ statistic) under uniform ranks. */
  p: number;
  bins: number;
}

/**
 * Bins for n ranks: about 5 or more expected per bin (the usual rule for Pearson's test),
 * at most 20 and at most L + 1 (one rank value per bin).
 */
export function defaultBins(n: number, L: number): number {
  return Math.max(2, Math.min(20, L + 1, Math.floor(n / 5)));
}

/**
 * Pearson's chi-square of ranks in {0, …, L} against the discrete uniform: bin b holds the
 * ranks floor(b(L+1)/B) … floor((b+1)(L+1)/B) − 1, expected n·(its width)/(L+1) — exact even
 * when B does not divide L + 1. df = B − 1 (no parameter is estimated).
 */
export function chiSquareUniform(ranks: ArrayLike<number>, L: number, bins = defaultBins(ranks.length, L)): ChiSquareResult {
  const n = ranks.length;
  const K = L + 1;
  if (n === 0 || bins < 2 || bins > K) return { statistic: NaN, df: bins - 1, p: NaN, bins };
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const r = ranks[i];
    if (!(Number.isInteger(r) && r >= 0 && r <= L)) throw new RangeError(`chiSquareUniform: rank ${r} is not a whole number in 0…${L}`);
    // The bin whose range holds r: the largest b with floor(b·K/B) ≤ r, i.e. b < (r+1)·B/K
    // (integer products, so ceil is exact).
    counts[Math.ceil(((r + 1) * bins) / K) - 1]++;
  }
  let statistic = 0;
  for (let b = 0; b < bins; b++) {
    const width = Math.floor(((b + 1) * K) / bins) - Math.floor((b * K) / bins);
    const e = (n * width) / K;
    statistic += ((counts[b] - e) * (counts[b] - e)) / e;
  }
  return { statistic, df: bins - 1, p: gammaQ((bins - 1) / 2, statistic / 2), bins };
}

export interface RankShape {
  /** (mean rank − L/2) / its sd under uniformity: > 0 when the truth sits above the posterior. */
  zMean: number;
  /** (share of ranks in the outer fifth − its uniform probability) / sd: > 0 when ranks pile at the ends. */
  zEnds: number;
  /** Shares of ranks in the lowest and in the highest tenth, and each one's uniform probability. */
  lowShare: number;
  highShare: number;
  pTail: number;
}

/**
 * The two shape statistics of RankShape, each standardised with its exact mean and variance
 * under the discrete uniform on {0, …, L}: Var(r) = ((L+1)² − 1)/12; the outer fifth is the
 * ranks with |r − L/2| > 0.4·(L+1), whose probability is counted, not approximated (NaN when
 * L is too small to have one).
 */
export function rankShape(ranks: ArrayLike<number>, L: number): RankShape {
  const n = ranks.length;
  const K = L + 1;
  let outer = 0;
  const isOuter = (r: number) => Math.abs(r - L / 2) > 0.4 * K;
  for (let k = 0; k <= L; k++) if (isOuter(k)) outer++;
  const pOuter = outer / K;
  let sum = 0;
  let low = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    sum += ranks[i];
    if (isOuter(ranks[i])) ranks[i] < L / 2 ? low++ : high++;
  }
  const ends = low + high;
  const zMean = (sum / n - L / 2) / Math.sqrt((K * K - 1) / 12 / n);
  const zEnds = pOuter > 0 && pOuter < 1 ? (ends / n - pOuter) / Math.sqrt((pOuter * (1 - pOuter)) / n) : NaN;
  return { zMean, zEnds, lowShare: low / n, highShare: high / n, pTail: pOuter / 2 };
}

/** |z| beyond which the hint names a direction (two-sided ~1%: a hint, not a second test). */
export const HINT_Z = 2.58;

/**
 * The direction an SBC user reads off the rank histogram (Talts et al. §4.2), in words; '' when
 * none stands out. "Both ends" / "middle" only when both tails move the same way: a pile at
 * one end is a shift, which the mean rank names.
 */
export function directionHint(s: RankShape, z = HINT_Z): string {
  const parts: string[] = [];
  const bothUp = s.lowShare > s.pTail && s.highShare > s.pTail;
  const bothDown = s.lowShare < s.pTail && s.highShare < s.pTail;
  if (s.zEnds > z && bothUp) parts.push(`ranks at both ends: posterior under-dispersed (too narrow) or draws autocorrelated (z ${s.zEnds.toFixed(1)})`);
  if (s.zEnds < -z && bothDown) parts.push(`ranks in the middle: posterior over-dispersed, too wide (z ${s.zEnds.toFixed(1)})`);
  if (s.zMean > z) parts.push(`ranks high: posterior below the truth (z ${s.zMean.toFixed(1)})`);
  if (s.zMean < -z) parts.push(`ranks low: posterior above the truth (z ${s.zMean.toFixed(1)})`);
  return parts.join('; ');
}
