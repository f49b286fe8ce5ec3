// Intervals for the chosen ridge model: a fixed-design residual bootstrap, by moving blocks.
//
// Why this scheme for a weekly MMM: the design (adstocked, saturated media, controls,
// seasonality) is fixed by the calendar and the hyperparameters, so resampling rows (pairs
// bootstrap) would tear adstock carry-over apart; resampling residuals keeps X fixed and
// y* = ŷ + e*. Residuals of weekly models are autocorrelated, which i.i.d. resampling would
// ignore and so give too narrow intervals; the moving-block bootstrap (Künsch 1989, "The
// jackknife and the bootstrap for general stationary observations", Ann. Stat. 17(3)) keeps
// dependence within blocks of length L. L = round(T^(1/3)), the rate of the optimal block
// length for variance and distribution estimation (Hall, Horowitz & Jing 1995, Biometrika
// 82(3)). Each replicate refits the coefficients at the chosen hyperparameters, so the
// intervals reflect noise given the model, not uncertainty in the hyperparameters.
import type { Rng } from '../calibration/random';

export function defaultBlockLength(T: number): number {
  return Math.max(1, Math.round(Math.cbrt(T)));
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
