// Saturation curves (MODEL.md §2) with their derivatives, at one point (scalar) or at two
// time steps at once (f64x2, the same operations per lane).
//
// logistic  s = (1 − e)/(1 + e), e = exp(−λa)   (= tanh(λa/2))
//           ∂s/∂a = λ h, ∂s/∂λ = a h,  h = (1 − s²)/2 = 2e/(1 + e)²
//           with A = 1/(1 + e), B = e/(1 + e) (./fmath.ts expFrac, one division): s = A − B, h = 2AB
// hill      s = a^n/(a^n + κ^n) = logistic(z), z = n (log a − log κ), for a > 0; s = 0 at a = 0
//           ∂s/∂a = n s(1−s)/a, ∂s/∂κ = −n s(1−s)/κ, ∂s/∂n = s(1−s)(log a − log κ)
//           logistic(z) and 1 − logistic(z) are A and B of E = e^{−|z|} (expFrac), swapped for z < 0.
// At a = 0 (every spend in the adstock window is zero) a is 0 for all parameter values, so
// every parameter derivative of s(a) is 0 there; ∂s/∂a is set to 0, which is its product
// with ∂a/∂p = 0 whatever slope n is (for n < 1 the one-sided limit is infinite).
import { SATURATION_LOGISTIC } from './block';
import { expFrac, expFracV, fracA, fracAV, fracB, fracBV, log, logV } from './fmath';

/** One point's value and partials, returned through these globals (AssemblyScript has no tuples). */
export let satValue: f64 = 0;
export let satDa: f64 = 0;
export let satD1: f64 = 0;
export let satD2: f64 = 0;

export function saturationPoint(kind: i32, p1: f64, p2: f64, a: f64): void {
  if (kind == SATURATION_LOGISTIC) {
    expFrac(-p1 * a);
    const AB = fracA * fracB;
    const h = AB + AB;
    satValue = fracA - fracB;
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
  expFrac(-Math.abs(z));
  const s = z >= 0 ? fracA : fracB;
  const om = z >= 0 ? fracB : fracA;
  const q = s * om;
  satValue = s;
  satDa = (p2 * q) / a;
  satD1 = (-p2 * q) / p1;
  satD2 = q * r;
}

/** Two lanes of the logistic: stores s, ∂s/∂a, ∂s/∂λ at the three pointers; returns s. */
// @ts-ignore: decorator
@inline export function logisticV(lam: v128, a: v128, ps: usize, psa: usize, ps1: usize): v128 {
  expFracV(f64x2.neg(f64x2.mul(lam, a)));
  const A = fracAV;
  const B = fracBV;
  // 2AB as AB + AB: the same value bit for bit (doubling is exact), one multiplication fewer.
  const AB = f64x2.mul(A, B);
  const h = f64x2.add(AB, AB);
  const s = f64x2.sub(A, B);
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
  expFracV(f64x2.neg(f64x2.abs(z)));
  const A = fracAV;
  const B = fracBV;
  const up = f64x2.ge(z, f64x2.splat(0));
  const s = v128.bitselect(A, B, up);
  const om = v128.bitselect(B, A, up);
  const q = f64x2.mul(s, om);
  const zero = f64x2.splat(0);
  const sv = v128.bitselect(s, zero, pos);
  v128.store(ps, sv);
  v128.store(psa, v128.bitselect(f64x2.div(f64x2.mul(slope, q), a), zero, pos));
  v128.store(ps1, v128.bitselect(f64x2.div(f64x2.mul(f64x2.neg(slope), q), kappa), zero, pos));
  v128.store(ps2, v128.bitselect(f64x2.mul(q, r), zero, pos));
  return sv;
}
