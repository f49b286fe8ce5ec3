// Convergence diagnostics of one variable: rank-normalised split R-hat, bulk/tail ESS,
// basic R-hat/ESS, MCSE of mean, sd and quantiles. Vehtari, Gelman, Simpson, Carpenter,
// Bürkner (2021) "Rank-normalization, folding, and localization: an improved R-hat for
// assessing convergence of MCMC", Bayesian Analysis 16(2). The algorithms follow the R
// package `posterior` 1.4.0 (convergence.R) step for step, including its edge cases, so
// the numbers agree with it to floating-point noise. NaN stands for R's NA ("cannot be
// computed": a non-finite draw, constant draws, fewer than 3 draws per split chain).

import { autocovariance, meanVar } from './autocov';
import {
  type Chains,
  flatten,
  foldDraws,
  indicator,
  quantile,
  shouldReturnNA,
  sorted,
  splitChains,
  zScale,
} from './draws';
import { qbeta } from './special';

/** Potential scale reduction of (already split or not) chains: Gelman et al. BDA3 eq. 11.4. */
export function rhatCore(chains: Chains): number {
  if (shouldReturnNA(chains)) return NaN;
  const m = chains.length;
  const n = chains[0].length;
  const means = new Float64Array(m);
  let withinSum = 0;
  for (let j = 0; j < m; j++) {
    const mv = meanVar(chains[j]);
    means[j] = mv.mean;
    withinSum += mv.variance;
  }
  const varBetween = n * meanVar(means).variance;
  const varWithin = withinSum / m;
  return Math.sqrt((varBetween / varWithin + n - 1) / n);
}

/**
 * Effective sample size of (already split or not) chains: Vehtari et al. (2021) eqs. 10–13
 * with Geyer's (1992) initial positive and monotone sequences, and the "improved" estimate
 * that adds the last positive even-lag autocorrelation (posterior's `.ess`, kept verbatim
 * in its loop structure because the edge cases decide the pathological variables).
 */
export function essCore(chains: Chains): number {
  const n = chains.length > 0 ? chains[0].length : 0;
  if (n < 3 || shouldReturnNA(chains)) return NaN;
  return essGeyer(chains);
}

/**
 * The ESS arithmetic without posterior's NA checks: `loo`'s `ess_rfun` (used for the
 * relative efficiency of PSIS) is this exact computation on unsplit chains.
 */
export function essGeyer(chains: Chains): number {
  const m = chains.length;
  const n = chains[0].length;
  const acovMeans = new Float64Array(n);
  const means = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const acov = autocovariance(chains[j]);
    for (let k = 0; k < n; k++) acovMeans[k] += acov[k] / m;
    means[j] = meanVar(chains[j]).mean;
  }
  const meanVarW = (acovMeans[0] * n) / (n - 1);
  let varPlus = (meanVarW * (n - 1)) / n;
  if (m > 1) varPlus += meanVar(means).variance;
  const rhoAt = (lag: number): number => 1 - (meanVarW - acovMeans[lag]) / varPlus;

  // Geyer's initial positive sequence over pairs (even, odd lag).
  const rho = new Float64Array(n);
  let t = 0;
  let rhoEven = 1;
  let rhoOdd = rhoAt(1);
  rho[0] = rhoEven;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = rhoAt(t);
    rhoOdd = rhoAt(t + 1);
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven; // used by the improved estimate below
  // Geyer's initial monotone sequence.
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  const total = m * n;
  // R's sum(rho_hat_t[1:max_t]) is rho[0] alone when max_t = 0 (1:0 is c(1, 0)).
  let sum = 0;
  for (let k = 0; k < Math.max(maxT, 1); k++) sum += rho[k];
  let tau = -1 + 2 * sum + rho[maxT];
  // Cap at ESS = S·log10(S) for antithetic chains.
  tau = Math.max(tau, 1 / Math.log10(total));
  return total / tau;
}

/** Rank-normalised split R-hat: max of bulk and folded (tail) R-hat (Vehtari et al. 2021 §4). */
export function rhat(chains: Chains): number {
  const bulk = rhatCore(zScale(splitChains(chains)));
  const tail = rhatCore(zScale(splitChains(foldDraws(chains))));
  if (Number.isNaN(bulk) || Number.isNaN(tail)) return NaN;
  return Math.max(bulk, tail);
}

/** Basic split R-hat (Gelman et al. BDA3 with split chains), no rank normalisation. */
export function rhatBasic(chains: Chains): number {
  return rhatCore(splitChains(chains));
}

/** Basic split ESS on the raw draws (the ESS of the mean). */
export function essBasic(chains: Chains): number {
  return essCore(splitChains(chains));
}

/** ESS of the mean: identical to essBasic (posterior's ess_mean). */
export const essMean = essBasic;

/** Bulk ESS: split ESS of the rank-normalised draws (Vehtari et al. 2021 §4.3). */
export function essBulk(chains: Chains): number {
  return essCore(zScale(splitChains(chains)));
}

/** ESS of the quantile estimate at p: split ESS of the indicator 1{x ≤ q_p} (§4.3). */
export function essQuantile(chains: Chains, p: number): number {
  if (shouldReturnNA(chains)) return NaN;
  const all = flatten(chains);
  const prob = p === 1 ? (all.length - 0.5) / all.length : p;
  return essCore(splitChains(indicator(chains, quantile(all, prob))));
}

/** Tail ESS: min of the quantile ESS at 5% and 95%. */
export function essTail(chains: Chains): number {
  const q05 = essQuantile(chains, 0.05);
  const q95 = essQuantile(chains, 0.95);
  if (Number.isNaN(q05) || Number.isNaN(q95)) return NaN;
  return Math.min(q05, q95);
}

/** Standard deviation over all draws (denominator S − 1). */
export function sd(chains: Chains): number {
  return Math.sqrt(meanVar(flatten(chains)).variance);
}

/** MCSE of the mean: sd / sqrt(ESS_mean). */
export function mcseMean(chains: Chains): number {
  return sd(chains) / Math.sqrt(essMean(chains));
}

/**
 * MCSE of the sd without assuming normality: the variance of the variance estimate from
 * the 2nd and 4th central moments (Kenney & Keeping 1951, p. 141) with the ESS of the
 * centred squares, mapped to the sd by the first-order delta method (posterior's mcse_sd).
 */
export function mcseSd(chains: Chains): number {
  const all = flatten(chains);
  const mean = meanVar(all).mean;
  const sq = chains.map((c) => Float64Array.from(c as ArrayLike<number>, (v) => (v - mean) * (v - mean)));
  const ess = essMean(sq);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < all.length; i++) {
    const d2 = (all[i] - mean) * (all[i] - mean);
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= all.length;
  m4 /= all.length;
  const varVar = (m4 - m2 * m2) / ess;
  return Math.sqrt(varVar / m2 / 4);
}

/**
 * MCSE of the p-quantile (Vehtari et al. 2021 §4.4): the ±1 sd interval of the quantile's
 * rank from Beta(ESS·p + 1, ESS·(1 − p) + 1), mapped back through the sorted draws.
 */
export function mcseQuantile(chains: Chains, p: number): number {
  const ess = essQuantile(chains, p);
  if (Number.isNaN(ess)) return NaN;
  const a1 = qbeta(0.1586553, ess * p + 1, ess * (1 - p) + 1);
  const a2 = qbeta(0.8413447, ess * p + 1, ess * (1 - p) + 1);
  const x = sorted(flatten(chains));
  const s = x.length;
  const th1 = x[Math.max(Math.floor(a1 * s), 1) - 1];
  const th2 = x[Math.min(Math.ceil(a2 * s), s) - 1];
  return (th2 - th1) / 2;
}
