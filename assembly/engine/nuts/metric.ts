// The Euclidean Hamiltonian with a diagonal metric (Stan's diag_e_metric; Betancourt 2017,
// "A Conceptual Introduction to Hamiltonian Monte Carlo", sections 4.2 and 5.1):
//   H(q, p) = -log p(q) + ½ pᵀ M⁻¹ p,  with M⁻¹ = diag(invMetric), p ~ Normal(0, M).
import { Rng } from '../rng';
import { Point } from './point';
import { ld, st } from './vec';

/** Kinetic energy ½ pᵀ M⁻¹ p. */
export function kinetic(p: usize, invMetric: usize, dim: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < dim; i++) {
    const pi = ld(p, i);
    s += pi * ld(invMetric, i) * pi;
  }
  return 0.5 * s;
}

/** H = V + T with V = -lp. NaN (from a NaN lp or momentum) is left for the caller to treat as +inf. */
export function hamiltonian(z: Point, invMetric: usize, dim: i32): f64 {
  return -z.lp + kinetic(z.p, invMetric, dim);
}

/** The "sharp" momentum p♯ = dτ/dp = M⁻¹ p used by the generalized U-turn criterion. */
export function sharpMomentum(out: usize, p: usize, invMetric: usize, dim: i32): void {
  for (let i = 0; i < dim; i++) st(out, i, ld(invMetric, i) * ld(p, i));
}

/** Draws p ~ Normal(0, M): p_i = z_i / sqrt(M⁻¹_ii) (Stan's diag_e_metric::sample_p). */
export function sampleMomentum(p: usize, invMetric: usize, dim: i32, rng: Rng): void {
  for (let i = 0; i < dim; i++) st(p, i, rng.normal() / Math.sqrt(ld(invMetric, i)));
}
