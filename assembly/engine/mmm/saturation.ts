// Saturation curves (MODEL.md §2) with their derivatives, at one point (scalar) or at two
// time steps at once (f64x2, the same operations per lane).
//
// logistic  s = (1 − e)/(1 + e), e = exp(−λa)   (= tanh(λa/2))
//           ∂s/∂a = λ h, ∂s/∂λ = a h,  h = (1 − s²)/2 = 2e/(1 + e)²
// hill      s = a^n/(a^n + κ^n) = logistic(z), z = n (log a − log κ), for a > 0; s = 0 at a = 0
//           ∂s/∂a = n s(1−s)/a, ∂s/∂κ = −n s(1−s)/κ, ∂s/∂n = s(1−s)(log a − log κ)
//           logistic(z) and 1 − logistic(z) from E = e^{−|z|}, which never overflows.
// At a = 0 (every spend in the adstock window is zero) a is 0 for all parameter values, so
// every parameter derivative of s(a) is 0 there; ∂s/∂a is set to 0, which is its product
// with ∂a/∂p = 0 whatever slope n is (for n < 1 the one-sided limit is infinite).
import { SATURATION_LOGISTIC } from './block';
import { exp, expV, log, logV } from './fmath';

/** One point's value and partials, returned through these globals (AssemblyScript has no tuples). */
export let satValue: f64 = 0;
export let satDa: f64 = 0;
export let satD1: f64 = 0;
export let satD2: f64 = 0;

export function saturationPoint(kind: i32, p1: f64, p2: f64, a: f64): void {
  if (kind == SATURATION_LOGISTIC) {
    const e = exp(-p1 * a);
    const inv = 1 / (1 + e);
    const h = 2 * e * inv * inv;
    satValue = (1 - e) * inv;
    satDa = p1 * h;
    satD1 = a * h;
    satD2 = 0;
    return;
  }
  if (!(a > 0)) {
    satValue = 0;
    satDa = 0;
    satD1 = 0;
    satD2 = 0;
    return;
  }
  const r = log(a) - log(p1);
  const z = p2 * r;
  const E = exp(-Math.abs(z));
  const inv = 1 / (1 + E);
  const s = z >= 0 ? inv : E * inv;
  const om = z >= 0 ? E * inv : inv;
  const q = s * om;
  satValue = s;
  satDa = (p2 * q) / a;
  satD1 = (-p2 * q) / p1;
  satD2 = q * r;
}

/** Two lanes of the logistic: stores s, ∂s/∂a, ∂s/∂λ at the three pointers; returns s. */
// @ts-ignore: decorator
@inline export function logisticV(lam: v128, a: v128, ps: usize, psa: usize, ps1: usize): v128 {
  const e = expV(f64x2.neg(f64x2.mul(lam, a)));
  const inv = f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), e));
  const h = f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(2), e), inv), inv);
  const s = f64x2.mul(f64x2.sub(f64x2.splat(1), e), inv);
  v128.store(ps, s);
  v128.store(psa, f64x2.mul(lam, h));
  v128.store(ps1, f64x2.mul(a, h));
  return s;
}

/** Two lanes of the Hill curve (logKappa = log κ): stores s and its three partials; returns s. */
// @ts-ignore: decorator
@inline export function hillV(kappa: v128, slope: v128, logKappa: v128, a: v128, ps: usize, psa: usize, ps1: usize, ps2: usize): v128 {
  const pos = f64x2.gt(a, f64x2.splat(0));
  const r = f64x2.sub(logV(a), logKappa);
  const z = f64x2.mul(slope, r);
  const E = expV(f64x2.neg(f64x2.abs(z)));
  const inv = f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), E));
  const up = f64x2.ge(z, f64x2.splat(0));
  const Einv = f64x2.mul(E, inv);
  const s = v128.bitselect(inv, Einv, up);
  const om = v128.bitselect(Einv, inv, up);
  const q = f64x2.mul(s, om);
  const zero = f64x2.splat(0);
  const sv = v128.bitselect(s, zero, pos);
  v128.store(ps, sv);
  v128.store(psa, v128.bitselect(f64x2.div(f64x2.mul(slope, q), a), zero, pos));
  v128.store(ps1, v128.bitselect(f64x2.div(f64x2.mul(f64x2.neg(slope), q), kappa), zero, pos));
  v128.store(ps2, v128.bitselect(f64x2.mul(q, r), zero, pos));
  return sv;
}
