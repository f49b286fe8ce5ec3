// Special functions for the lift-test Gamma likelihood, whose shape depends on parameters.

const LOG_SQRT_2PI: f64 = 0.91893853320467274178;
import { log } from './fmath';

/**
 * log Γ(x) for x > 0: Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed. §6.1),
 * the same coefficients as logGamma in src/model/priors.ts; below 0.5 the recurrence
 * log Γ(x) = log Γ(x + 1) − log x (no sin, so the TypeScript port matches bit for bit).
 */
export function lgamma(x: f64): f64 {
  if (x < 0.5) return lgamma(x + 1) - log(x);
  x -= 1;
  let a: f64 = 0.99999999999980993;
  const t = x + 7.5;
  a += 676.5203681218851 / (x + 1);
  a += -1259.1392167224028 / (x + 2);
  a += 771.32342877765313 / (x + 3);
  a += -176.61502916214059 / (x + 4);
  a += 12.507343278686905 / (x + 5);
  a += -0.13857109526572012 / (x + 6);
  a += 9.9843695780195716e-6 / (x + 7);
  a += 1.5056327351493116e-7 / (x + 8);
  return LOG_SQRT_2PI + (x + 0.5) * log(t) - t + log(a);
}

/**
 * ψ(x) = d log Γ(x) / dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then
 * the asymptotic series ψ(x) ~ ln x − 1/(2x) − Σ B_2n / (2n x^2n) (Abramowitz & Stegun 6.3.18)
 * through B_14; the first omitted term is below 1e-16 relative at x = 10.
 */
export function digamma(x: f64): f64 {
  let acc: f64 = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const r = 1 / (x * x);
  const series =
    r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760 - r * (1.0 / 12)))))));
  return acc + log(x) - 0.5 / x - series;
}
