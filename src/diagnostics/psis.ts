// Pareto-smoothed importance sampling for one vector of log importance ratios, as the R
// package `loo` 2.5.1 implements it (psis.R, gpdfit.R): Vehtari, Gelman, Gabry (2017)
// "Practical Bayesian model evaluation using leave-one-out cross-validation and WAIC",
// Statistics and Computing 27; Vehtari, Simpson, Gelman, Yao, Gabry (2024) "Pareto
// smoothed importance sampling", JMLR 25. The generalized Pareto fit is Zhang & Stephens
// (2009) "A new and efficient estimation method for the generalized Pareto distribution",
// Technometrics 51(3), §4, with loo's weakly informative prior on k.

/** Profile log-likelihood term of Zhang & Stephens for each θ (loo's `lx`), written into out. */
function profileLogLik(theta: Float64Array, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  for (let j = 0; j < theta.length; j++) {
    const a = -theta[j];
    let k = 0;
    for (let i = 0; i < n; i++) k += Math.log1p(a * x[i]);
    k /= n;
    out[j] = Math.log(a / k) - k - 1;
  }
}

export interface GpdFit {
  /** Shape k̂ (after the weakly informative prior); Infinity if the fit fails. */
  k: number;
  sigma: number;
}

/**
 * Fit a generalized Pareto distribution (location 0) to sorted positive exceedances x by
 * the Zhang & Stephens (2009) posterior-mean θ over a grid of M = 30 + ⌊√N⌋ points, then
 * shrink k̂ towards 0.5 with weight 10 pseudo-observations (loo's `adjust_k_wip`).
 */
export function gpdFit(x: Float64Array): GpdFit {
  const n = x.length;
  const prior = 3;
  const m = 30 + Math.floor(Math.sqrt(n));
  const xstar = x[Math.floor(n / 4 + 0.5) - 1]; // first quartile (1-based index in loo)
  const theta = new Float64Array(m);
  for (let j = 1; j <= m; j++) theta[j - 1] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j - 0.5))) / prior / xstar;
  const l = new Float64Array(m);
  profileLogLik(theta, x, l);
  let lmax = -Infinity;
  for (let j = 0; j < m; j++) l[j] *= n;
  for (let j = 0; j < m; j++) if (l[j] > lmax) lmax = l[j];
  let z = 0;
  for (let j = 0; j < m; j++) z += Math.exp(l[j] - lmax);
  const lse = lmax + Math.log(z);
  let thetaHat = 0;
  for (let j = 0; j < m; j++) thetaHat += theta[j] * Math.exp(l[j] - lse);
  let k = 0;
  for (let i = 0; i < n; i++) k += Math.log1p(-thetaHat * x[i]);
  k /= n;
  const sigma = -k / thetaHat;
  k = (k * n) / (n + 10) + (10 * 0.5) / (n + 10);
  return { k: Number.isNaN(k) ? Infinity : k, sigma };
}

/** Quantile function of the generalized Pareto distribution with location 0. */
export function qgpd(p: number, k: number, sigma: number): number {
  if (Number.isNaN(sigma) || sigma <= 0) return NaN;
  return (sigma * Math.expm1(-k * Math.log1p(-p))) / k;
}

/** Tail length of PSIS: ⌈min(0.2 S, 3 √(S / r_eff))⌉ (Vehtari et al. 2017, §3; loo's n_pareto). */
export function psisTailLength(s: number, rEff: number): number {
  return Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s / rEff)));
}

export interface PsisResult {
  /** Smoothed, truncated, unnormalised log weights (same order as the input). */
  logWeights: Float64Array;
  /** Pareto k̂; Infinity when the tail could not be fitted (too short or flat). */
  k: number;
  tailLength: number;
}

/**
 * Indices of the m largest values in ascending order (ties by index, as R's stable sort),
 * and the value just below them (the (m+1)-th largest). One native sort finds the cutoff;
 * only the candidates at or above it are ordered with a comparator.
 */
function largestWithCutoff(x: Float64Array, m: number): { order: Uint32Array; cutoff: number } {
  const s = x.length;
  const sorted = Float64Array.from(x).sort();
  const cutoff = m < s ? sorted[s - m - 1] : -Infinity;
  const candidates: number[] = [];
  for (let i = 0; i < s; i++) if (x[i] >= cutoff) candidates.push(i);
  candidates.sort((a, b) => x[a] - x[b] || a - b);
  return { order: Uint32Array.from(candidates.slice(candidates.length - m)), cutoff };
}

/**
 * PSIS on one vector of log ratios (loo's `do_psis_i`): replace the largest M log ratios
 * by the expected order statistics of the fitted generalized Pareto, then truncate at the
 * largest raw ratio.
 */
export function psis(logRatios: ArrayLike<number>, rEff: number): PsisResult {
  const s = logRatios.length;
  const tailLength = psisTailLength(s, rEff);
  let maxRatio = -Infinity;
  for (let i = 0; i < s; i++) if (logRatios[i] > maxRatio) maxRatio = logRatios[i];
  const lw = Float64Array.from(logRatios as ArrayLike<number>, (v) => v - maxRatio);
  let k = Infinity;
  if (tailLength >= 5) {
    const { order, cutoff } = largestWithCutoff(lw, tailLength);
    const tail = Float64Array.from(order, (i) => lw[i]);
    if (!(Math.abs(tail[tailLength - 1] - tail[0]) < Number.EPSILON / 100) && tailLength < s) {
      const expCutoff = Math.exp(cutoff); // largest value below the tail
      const exceed = Float64Array.from(tail, (v) => Math.exp(v) - expCutoff);
      const fit = gpdFit(exceed);
      k = fit.k;
      if (Number.isFinite(k)) {
        for (let j = 0; j < tailLength; j++) {
          const p = (j + 1 - 0.5) / tailLength;
          lw[order[j]] = Math.log(qgpd(p, k, fit.sigma) + expCutoff);
        }
      }
    }
  }
  for (let i = 0; i < s; i++) lw[i] = (lw[i] > 0 ? 0 : lw[i]) + maxRatio;
  return { logWeights: lw, k, tailLength };
}
