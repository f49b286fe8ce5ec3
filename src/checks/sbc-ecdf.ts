// The simultaneous 1 − α band for the ECDF of N ranks that are discrete uniform on K values
// {0, …, K−1} (K = L + 1 for SBC ranks among L draws), by the simulation method of
// Säilynoja, Bürkner & Vehtari (2022), "Graphical test for discrete uniformity and its
// applications in goodness-of-fit evaluation and multiple sample comparison", Statistics and
// Computing 32:32, §2.2 (the band bayesplot's ppc_pit_ecdf and the SBC package draw).
//
// At the evaluation points z_i = i/K, i = 1 … K−1 (the discrete values themselves, as the
// paper advises for discrete ranks), the count c_i = #{r < i} is Binomial(N, z_i) under
// uniformity. A sample's γ is 2·min_i min(P(X_i ≤ c_i), P(X_i ≥ c_i)): twice the smallest
// one-sided tail probability along the whole curve. The band is
//   lower_i = min{c : P(X_i ≤ c) ≥ γ*/2},  upper_i = max{c : P(X_i ≥ c) ≥ γ*/2},
// so a sample lies inside it exactly when its γ ≥ γ*; γ* is chosen from M simulated uniform
// samples as the largest value with at least (1 − α)·M of them inside. The ECDF-difference
// plot (ECDF − z) has the same band minus z, so "inside" is the same statement.
import { Rng } from '../core/rng';
import { lgamma } from '../diagnostics/special';

export interface EcdfBand {
  /** Ranks per sample. */
  N: number;
  /** Rank values {0, …, K−1}. */
  K: number;
  /** Simultaneous coverage asked for (e.g. 0.95). */
  prob: number;
  /** γ*: the pointwise two-sided level that gives the simultaneous coverage. */
  gamma: number;
  /** Counts #{r < i} allowed at z_i = i/K, index i − 1 (i = 1 … K−1). */
  lower: Int32Array;
  upper: Int32Array;
  simulations: number;
  seed: number;
}

export interface BandOptions {
  /** Uniform samples simulated to find γ* (default 10 000). */
  simulations?: number;
  /** Fixed, so the same N and K always give the same band (default 20220402). */
  seed?: number;
}

/** Lower and upper tail tables of Binomial(N, z_i): F[i][c] = P(X ≤ c), S[i][c] = P(X ≥ c), both summed from their own tail. */
function binomialTails(N: number, K: number): { F: Float64Array[]; S: Float64Array[] } {
  const F: Float64Array[] = [];
  const S: Float64Array[] = [];
  const pmf = new Float64Array(N + 1);
  for (let i = 1; i < K; i++) {
    const z = i / K;
    const lz = Math.log(z);
    const l1z = Math.log1p(-z);
    for (let c = 0; c <= N; c++) pmf[c] = Math.exp(lgamma(N + 1) - lgamma(c + 1) - lgamma(N - c + 1) + c * lz + (N - c) * l1z);
    const f = new Float64Array(N + 1);
    const s = new Float64Array(N + 1);
    let acc = 0;
    for (let c = 0; c <= N; c++) f[c] = Math.min(1, (acc += pmf[c]));
    acc = 0;
    for (let c = N; c >= 0; c--) s[c] = Math.min(1, (acc += pmf[c]));
    F.push(f);
    S.push(s);
  }
  return { F, S };
}

/** Counts c_i = #{r < i}, i = 1 … K−1, of ranks in {0, …, K−1}, written to out (length K−1); hist is scratch of length K. */
function cumulativeCounts(ranks: ArrayLike<number>, K: number, hist: Int32Array, out: Int32Array): void {
  hist.fill(0);
  for (let j = 0; j < ranks.length; j++) hist[ranks[j]]++;
  let acc = 0;
  for (let i = 1; i < K; i++) out[i - 1] = acc += hist[i - 1];
}

function sampleGamma(counts: Int32Array, F: Float64Array[], S: Float64Array[]): number {
  let g = 1;
  for (let i = 0; i < counts.length; i++) g = Math.min(g, F[i][counts[i]], S[i][counts[i]]);
  return 2 * g;
}

/** The band for N ranks on K values at simultaneous coverage prob (header). */
export function ecdfBand(N: number, K: number, prob = 0.95, opts: BandOptions = {}): EcdfBand {
  if (!Number.isInteger(N) || N < 1 || !Number.isInteger(K) || K < 2) throw new RangeError(`ecdfBand: need whole numbers N ≥ 1 and K ≥ 2, got N ${N}, K ${K}`);
  if (!(prob > 0 && prob < 1)) throw new RangeError(`ecdfBand: coverage must be in (0, 1), got ${prob}`);
  const M = opts.simulations ?? 10_000;
  const seed = opts.seed ?? 20220402;
  const { F, S } = binomialTails(N, K);
  const rng = new Rng(seed, 0xecdf);
  const ranks = new Int32Array(N);
  const hist = new Int32Array(K);
  const counts = new Int32Array(K - 1);
  const gammas = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < N; j++) ranks[j] = rng.int(K);
    cumulativeCounts(ranks, K, hist, counts);
    gammas[m] = sampleGamma(counts, F, S);
  }
  // Descending: inside(γ) = #{γ_m ≥ γ}; the largest γ with at least prob·M inside.
  gammas.sort().reverse();
  const gamma = gammas[Math.max(0, Math.ceil(prob * M) - 1)];
  const lower = new Int32Array(K - 1);
  const upper = new Int32Array(K - 1);
  for (let i = 0; i < K - 1; i++) {
    let lo = 0;
    while (lo < N && F[i][lo] < gamma / 2) lo++;
    let hi = N;
    while (hi > 0 && S[i][hi] < gamma / 2) hi--;
    lower[i] = lo;
    upper[i] = hi;
  }
  return { N, K, prob, gamma, lower, upper, simulations: M, seed };
}

export interface EcdfCheck {
  inside: boolean;
  /** The evaluation point furthest outside (or closest to the edge), as z = i/K and its count against the band. */
  worst: { z: number; count: number; lower: number; upper: number };
}

/** Whether the ECDF of ranks (each in {0, …, K−1}, N of them) stays inside the band at every z_i. */
export function ecdfInBand(ranks: ArrayLike<number>, band: EcdfBand): EcdfCheck {
  const { K, N } = band;
  if (ranks.length !== N) throw new RangeError(`ecdfInBand: the band is for ${N} ranks, got ${ranks.length}`);
  for (let j = 0; j < N; j++) if (!(Number.isInteger(ranks[j]) && ranks[j] >= 0 && ranks[j] < K)) throw new RangeError(`ecdfInBand: rank ${ranks[j]} is not a whole number in 0…${K - 1}`);
  const counts = new Int32Array(K - 1);
  cumulativeCounts(ranks, K, new Int32Array(K), counts);
  let inside = true;
  let worstI = 0;
  let worstMargin = Infinity;
  for (let i = 0; i < K - 1; i++) {
    // Margin in counts to the nearer edge; negative outside.
    const margin = Math.min(counts[i] - band.lower[i], band.upper[i] - counts[i]);
    if (margin < 0) inside = false;
    if (margin < worstMargin) {
      worstMargin = margin;
      worstI = i;
    }
  }
  return { inside, worst: { z: (worstI + 1) / K, count: counts[worstI], lower: band.lower[worstI], upper: band.upper[worstI] } };
}
