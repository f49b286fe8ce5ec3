// The sieve (autoregressive) bootstrap of the ridge residuals: the intervals' default.
//
// Bühlmann, "Sieve bootstrap for time series", Bernoulli 3(2), 1997, §2: fit an AR(p) to the
// centred series by Yule–Walker with p chosen by AIC, resample the centred fitted innovations
// i.i.d., and regenerate the series through the fitted recursion (started at zero, a burn-in
// discarded). As p grows with T the AR(p) approximates any invertible linear process, so the
// resampled noise keeps the whole autocovariance of the residuals — which is what the variance
// of a regression coefficient on autocorrelated media depends on (Var b̂ = (X'X)⁻¹ X'ΣX (X'X)⁻¹
// sums covariances at every lag where both the media and the noise are correlated). The
// moving-block bootstrap (bootstrap.ts) keeps covariances only within blocks and cuts them at
// block joins; with T = 156 weeks, adstocked flighted media and AR(1) noise φ = 0.6 its 90%
// percentile intervals held the truth ~76% of the time. Two further steps bring the sieve's to
// nominal (tests/ridge/coverage.test.ts): calibrateSieve below, and studentizing (studentize.ts).
//
// Order selection: AIC(p) = T log σ̂²_p + 2p over p = 0..min(T − 1, ⌊10 log10 T⌋) (Bühlmann
// 1997 §3 uses AIC; the upper limit is R's ar() default order.max), σ̂²_p from the
// Levinson–Durbin recursion (Brockwell & Davis, "Time Series: Theory and Methods", 2nd ed.,
// §8.2), which on the biased (1/T) autocovariances always gives a causal (stationary) AR.
import type { Rng } from '../core/rng';

export interface ArFit {
  /** φ_1..φ_p of e_t = Σ φ_j e_{t−j} + u_t; empty for p = 0 (the i.i.d. bootstrap). */
  phi: Float64Array;
  /** Centred fitted innovations u_t, t = p..T−1, the pool the bootstrap draws from. */
  innovations: Float64Array;
}

/**
 * Largest AR order tried: R's ar() default, min(T − 1, ⌊10 log10 T⌋) — computed as the largest
 * k with 10^k ≤ T^10 by products, not Math.log10, whose last bit may differ between engines.
 */
export function maxArOrder(T: number): number {
  if (T < 1) return 0;
  const T2 = T * T;
  const T10 = T2 * T2 * T2 * T2 * T2;
  let k = 0;
  for (let p = 10; p <= T10; p *= 10) k++;
  return Math.max(0, Math.min(T - 1, k));
}

/** Mean-removed autocovariances of `e` at lags 0..P with divisor n (the biased estimate) into r; returns the mean. No allocation. */
export function autocovariances(e: ArrayLike<number>, r: Float64Array, P: number): number {
  const n = e.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += e[t];
  mean /= n;
  for (let k = 0; k <= P; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (e[t] - mean) * (e[t - k] - mean);
    r[k] = s / n;
  }
  return mean;
}

/**
 * Levinson–Durbin over the autocovariances r[0..P] of a series of length n, the order chosen by
 * AIC(k) = n log σ̂²_k + 2k: returns p and leaves φ_1..φ_p in best[1..p] (best[0] unused). a and
 * prev are scratch; all three of length ≥ P + 1. No allocation.
 */
export function levinsonAic(r: Float64Array, n: number, P: number, a: Float64Array, prev: Float64Array, best: Float64Array): number {
  a.fill(0);
  // v: the innovation variance of the order-k fit; a holds φ_{k,1..k}.
  let v = r[0];
  if (!(v > 0)) return 0;
  let bestAic = n * Math.log(v);
  let p = 0;
  for (let k = 1; k <= P; k++) {
    let num = r[k];
    for (let j = 1; j < k; j++) num -= a[j] * r[k - j];
    const kappa = num / v;
    prev.set(a);
    for (let j = 1; j < k; j++) a[j] = prev[j] - kappa * prev[k - j];
    a[k] = kappa;
    v *= 1 - kappa * kappa;
    if (!(v > 0)) break; // a perfectly predictable series: keep the last proper fit
    const aic = n * Math.log(v) + 2 * k;
    if (aic < bestAic) {
      bestAic = aic;
      p = k;
      best.set(a);
    }
  }
  return p;
}

/** Yule–Walker AR fit of the (centred) series `e` with the order chosen by AIC. */
export function fitArAic(e: ArrayLike<number>, maxOrder = maxArOrder(e.length)): ArFit {
  const n = e.length;
  const P = Math.max(0, Math.min(maxOrder, n - 1));
  const r = new Float64Array(P + 1);
  const mean = autocovariances(e, r, P);
  const coef = new Float64Array(P + 1);
  const p = levinsonAic(r, n, P, new Float64Array(P + 1), new Float64Array(P + 1), coef);
  const best = coef.slice(1, p + 1);
  const innovations = new Float64Array(n - p);
  let um = 0;
  for (let t = p; t < n; t++) {
    let u = e[t] - mean;
    for (let j = 1; j <= p; j++) u -= best[j - 1] * (e[t - j] - mean);
    innovations[t - p] = u;
    um += u;
  }
  um /= innovations.length;
  for (let i = 0; i < innovations.length; i++) innovations[i] -= um;
  return { phi: best, innovations };
}

/** Burn-in before the kept stretch: the AR recursion starts at zero (Bühlmann 1997 §2). */
export function sieveBurnIn(p: number): number {
  return p === 0 ? 0 : 100 + 10 * p;
}

/**
 * One sieve resample into `out` (length T): e*_t = Σ φ_j e*_{t−j} + u*_t with u* drawn i.i.d.
 * from the fitted innovations, started at zero and run `sieveBurnIn(p)` steps before t = 0.
 * `work` must hold at least burn-in + T values. No allocation.
 */
export function sieveResample(fit: ArFit, rng: Rng, out: Float64Array, work: Float64Array): void {
  const { phi, innovations } = fit;
  const p = phi.length;
  const m = innovations.length;
  const T = out.length;
  const burn = sieveBurnIn(p);
  const n = burn + T;
  for (let t = 0; t < n; t++) {
    let v = innovations[rng.int(m)];
    for (let j = 1; j <= p && j <= t; j++) v += phi[j - 1] * work[t - j];
    work[t] = v;
  }
  for (let t = 0; t < T; t++) out[t] = work[burn + t];
}

/**
 * Order-p Yule–Walker fit of `e` (Levinson–Durbin on the 1/T autocovariances), p = phi.length:
 * φ into phi, the autocovariances at lags 0..p into r (length ≥ p + 1); prev is scratch of
 * length ≥ p. No allocation.
 */
export function yuleWalker(e: ArrayLike<number>, phi: Float64Array, r: Float64Array, prev: Float64Array): void {
  const P = phi.length;
  autocovariances(e, r, P);
  phi.fill(0);
  let v = r[0];
  for (let k = 1; k <= P && v > 0; k++) {
    let num = r[k];
    for (let j = 1; j < k; j++) num -= phi[j - 1] * r[k - j];
    const kappa = num / v;
    prev.set(phi);
    for (let j = 1; j < k; j++) phi[j - 1] = prev[j - 1] - kappa * prev[k - j - 1];
    phi[k - 1] = kappa;
    v *= 1 - kappa * kappa;
  }
}

/**
 * For e_t = Σ φ_j e_{t−j} + u_t: Π_k (1 − κ_k²) over the partial autocorrelations κ_k of the
 * step-down (reverse Levinson) recursion, the ratio Var u / Var e (Brockwell & Davis §8.2); 0
 * when some |κ_k| ≥ 1, i.e. the AR is not causal (stationary).
 */
export function innovationShare(phi: ArrayLike<number>): number {
  let a = Float64Array.from(phi);
  let prod = 1;
  for (let k = a.length; k >= 1; k--) {
    const kappa = a[k - 1];
    if (!(Math.abs(kappa) < 1)) return 0;
    const d = 1 - kappa * kappa;
    prod *= d;
    const b = new Float64Array(k - 1);
    for (let j = 1; j < k; j++) b[j - 1] = (a[j - 1] + kappa * a[k - j - 1]) / d;
    a = b;
  }
  return prod;
}

/**
 * The sieve corrected for what fitting the regression does to its residuals. Residuals
 * e = (I − H)ε are smaller and less autocorrelated than the noise ε itself (the fit absorbs the
 * part of the noise that looks like the media and controls, more so when both are smooth),
 * and Yule–Walker is biased toward zero in short series; an AR fitted to e and resampled as is
 * gives too little variance. The correction asks the fitted sieve itself how large both effects
 * are (Kilian, "Small-sample confidence intervals for impulse response functions", Rev. Econ.
 * Stat. 80(2), 1998, §2: bootstrap bias correction of AR coefficients): B0 series e* drawn from
 * it go through `residuals` (the same regression, e* ↦ (I − H)e*), the same-order AR is refitted
 * to each, and φ̃ = φ̂ − (mean φ̂* − φ̂); if φ̃ is not causal the correction is shrunk by 1% steps
 * until it is (Kilian's rule). The innovations are those of φ̃ on e, scaled so that the
 * regenerated noise has variance Var(e) · Σ‖e*‖² / Σ‖(I − H)e*‖² — for i.i.d. noise and least
 * squares that ratio is T / (T − p), the usual degrees-of-freedom correction of residuals
 * (Davison & Hinkley, "Bootstrap Methods and their Application", 1997, §6.2.3).
 */
export function calibrateSieve(
  fit: ArFit,
  e: ArrayLike<number>,
  residuals: (eStar: Float64Array, out: Float64Array) => void,
  rng: Rng,
  B0: number,
): ArFit {
  const T = e.length;
  const p = fit.phi.length;
  const eStar = new Float64Array(T);
  const rStar = new Float64Array(T);
  const work = new Float64Array(sieveBurnIn(p) + T);
  const phiStar = new Float64Array(p);
  const phiSum = new Float64Array(p);
  const r = new Float64Array(p + 1);
  const prev = new Float64Array(p);
  let ssE = 0;
  let ssR = 0;
  for (let b = 0; b < B0; b++) {
    sieveResample(fit, rng, eStar, work);
    residuals(eStar, rStar);
    for (let t = 0; t < T; t++) {
      ssE += eStar[t] * eStar[t];
      ssR += rStar[t] * rStar[t];
    }
    if (p === 0) continue;
    yuleWalker(rStar, phiStar, r, prev);
    for (let j = 0; j < p; j++) phiSum[j] += phiStar[j];
  }
  const bias = Float64Array.from(phiSum, (s, j) => s / B0 - fit.phi[j]);
  const phi = Float64Array.from(fit.phi, (v, j) => v - bias[j]);
  for (let shrink = 0.99; innovationShare(phi) === 0 && shrink > 0; shrink -= 0.01) for (let j = 0; j < p; j++) phi[j] = fit.phi[j] - shrink * bias[j];
  if (innovationShare(phi) === 0) phi.set(fit.phi);
  let mean = 0;
  for (let t = 0; t < T; t++) mean += e[t];
  mean /= T;
  let varE = 0;
  for (let t = 0; t < T; t++) varE += (e[t] - mean) * (e[t] - mean);
  varE /= T;
  const innovations = new Float64Array(T - p);
  let um = 0;
  for (let t = p; t < T; t++) {
    let u = e[t] - mean;
    for (let j = 1; j <= p; j++) u -= phi[j - 1] * (e[t - j] - mean);
    innovations[t - p] = u;
    um += u;
  }
  um /= innovations.length;
  let varU = 0;
  for (let i = 0; i < innovations.length; i++) varU += (innovations[i] - um) * (innovations[i] - um);
  varU /= innovations.length;
  // Stationary variance of the AR(φ̃) driven by these innovations: Var u / innovationShare(φ̃).
  const target = ssR > 0 ? (varE * ssE) / ssR : varE;
  const scale = varU > 0 ? Math.sqrt((target * innovationShare(phi)) / varU) : 1;
  for (let i = 0; i < innovations.length; i++) innovations[i] = (innovations[i] - um) * scale;
  return { phi, innovations };
}
