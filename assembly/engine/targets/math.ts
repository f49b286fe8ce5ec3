// Scalar helpers shared by the test targets: Stan's constraining transforms
// (Stan Reference Manual, "Constraint transforms") and their log-Jacobians.

/** logistic(x) = 1 / (1 + exp(-x)) (Stan's inv_logit), without overflow for large |x|. */
export function logistic(x: f64): f64 {
  if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1.0 + e);
}

/** log(logistic(x)) = -log(1 + exp(-x)), stable for both signs. */
export function logLogistic(x: f64): f64 {
  if (x > 0) return -Math.log1p(Math.exp(-x));
  return x - Math.log1p(Math.exp(x));
}

/** f64 at index i of an f64 array at p, and its store: one definition for the engine (nuts/vec.ts). */
export { ld, st } from '../nuts/vec';
/** Fresh zeroed f64 storage for data derived at load time (never in the sampling loop). */
export { allocVec as allocF64 } from '../nuts/vec';

/** A length field of a data block: a whole number in [lo, hi], else -1. */
export function count(v: f64, lo: i32, hi: i32): i32 {
  if (!(v >= <f64>lo && v <= <f64>hi) || v != Math.floor(v)) return -1;
  return <i32>v;
}
