// The moving-block residual bootstrap for the chosen ridge model — an option since the sieve
// bootstrap (sieve.ts) became the default: with T ≈ 150 weeks its 90% intervals held the
// truth only ~76–82% of the time (tests/ridge/coverage.test.ts keeps that comparison).
//
// Why this scheme for a weekly MMM: the design (adstocked, saturated media, controls,
// seasonality) is fixed by the calendar and the hyperparameters, so resampling rows (pairs
// bootstrap) would tear adstock carry-over apart; resampling residuals keeps X fixed and
// y* = ŷ + e*. Residuals of weekly models are autocorrelated, which i.i.d. resampling would
// ignore and so give too narrow intervals; the moving-block bootstrap (Künsch 1989, "The
// jackknife and the bootstrap for general stationary observations", Ann. Stat. 17(3)) keeps
// dependence within blocks of length L. L is chosen from the residuals by Politis & White
// ("Automatic block-length selection for the dependent bootstrap", Econometric Reviews 23(1),
// 2004, with the correction of Patton, Politis & White, 2009): the flat-top lag-window
// estimate of b_opt = (2 G² / D)^(1/3) · T^(1/3), D = (4/3) g(0)² for the moving-block (and
// circular) bootstrap — the T^(1/3) rate of Hall, Horowitz & Jing (1995, Biometrika 82(3)).
// Each replicate refits the coefficients at the chosen hyperparameters, so the intervals
// reflect noise given the model, not uncertainty in the hyperparameters.
import type { Rng } from '../core/rng';

/** Politis–White automatic block length for the moving-block bootstrap of series `e`. */
export function automaticBlockLength(e: ArrayLike<number>): number {
  const n = e.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += e[t];
  mean /= n;
  const maxLag = Math.min(n - 1, Math.ceil(Math.sqrt(n)) + 5);
  const R = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (e[t] - mean) * (e[t - k] - mean);
    R[k] = s / n;
  }
  if (!(R[0] > 0)) return 1;
  // m̂: the first lag after which K_n consecutive autocorrelations are insignificant,
  // |ρ(k)| < c · sqrt(log10(n) / n) with c = 2, K_n = max(5, sqrt(log10 n)) (PW 2004 §3).
  const Kn = Math.max(5, Math.ceil(Math.sqrt(Math.log(n) / Math.LN10)));
  const bound = 2 * Math.sqrt(Math.log(n) / Math.LN10 / n);
  let m = maxLag - Kn;
  for (let k = 0; k + Kn <= maxLag; k++) {
    let quiet = true;
    for (let j = 1; j <= Kn; j++) if (Math.abs(R[k + j] / R[0]) >= bound) quiet = false;
    if (quiet) {
      m = k;
      break;
    }
  }
  const M = Math.min(2 * m, maxLag);
  if (M === 0) return 1; // no autocorrelation to keep: the i.i.d. residual bootstrap
  // Flat-top (trapezoid) lag window of Politis & Romano (1995).
  const lambda = (x: number) => (Math.abs(x) <= 0.5 ? 1 : Math.abs(x) <= 1 ? 2 * (1 - Math.abs(x)) : 0);
  let G = 0;
  let g0 = R[0];
  for (let k = 1; k <= M; k++) {
    const w = lambda(k / M);
    G += 2 * w * k * R[k];
    g0 += 2 * w * R[k];
  }
  const D = (4 / 3) * g0 * g0;
  if (!(D > 0)) return 1;
  const b = Math.cbrt((2 * G * G) / D) * Math.cbrt(n);
  return Math.max(1, Math.min(Math.round(b), Math.floor(n / 4)));
}

/** Centres residuals in place (so the resampled noise has mean 0) and returns their mean. */
export function centre(e: Float64Array): number {
  let m = 0;
  for (let t = 0; t < e.length; t++) m += e[t];
  m /= e.length;
  for (let t = 0; t < e.length; t++) e[t] -= m;
  return m;
}

/**
 * One moving-block resample of `e` into `out` (same length): blocks e[s .. s+L) with s uniform
 * on 0..T−L, laid end to end and cut at T. L = 1 is the ordinary i.i.d. residual bootstrap.
 */
export function movingBlockResample(e: Float64Array, L: number, rng: Rng, out: Float64Array): void {
  const T = e.length;
  const len = Math.min(L, T);
  let t = 0;
  while (t < T) {
    const s = rng.int(T - len + 1);
    for (let l = 0; l < len && t < T; l++, t++) out[t] = e[s + l];
  }
}
