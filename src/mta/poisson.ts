// Poisson random variates for the Poisson bootstrap (bootstrap.ts). Small means by sequential
// inversion (Devroye 1986, §X.3.3); means of 10 and more by Hörmann's transformed rejection
// with squeeze, PTRS (W. Hörmann 1993, "The transformed rejection method for generating
// Poisson random variables", Insurance: Mathematics and Economics 12, 39–45), whose expected
// cost does not grow with the mean: PathData rows carry up to thousands of journeys.
import type { Rng } from '../core/rng';
import { lgamma } from '../diagnostics/special';

/** Below this mean inversion is cheaper than PTRS (Hörmann recommends PTRS from 10). */
const PTRS_FROM = 10;

/** One Poisson(mean) draw; mean 0 (or less) gives 0. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  return mean < PTRS_FROM ? inversion(rng, mean) : ptrs(rng, mean);
}

/** Walks the CDF from 0: P(0) = e^-mean, P(k) = P(k-1) mean / k. */
function inversion(rng: Rng, mean: number): number {
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.uniform();
  let k = 0;
  // The cap only guards against rounding leaving cdf just below u; P(k > 200) at mean < 10 is < 1e-150.
  while (u > cdf && k < 200) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** PTRS, Hörmann (1993) Table 1 constants and steps 1–3. */
function ptrs(rng: Rng, mean: number): number {
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1)) return k;
  }
}
