// Saturation curves (MODEL.md §2) with their derivatives, along a series or at one point.
//
// logistic  s = (1 − e)/(1 + e), e = exp(−λa)   (= tanh(λa/2))
//           ∂s/∂a = λ h, ∂s/∂λ = a h,  h = (1 − s²)/2 = 2e/(1 + e)²
// hill      s = a^n/(a^n + κ^n) = logistic(z), z = n (log a − log κ), for a > 0; s = 0 at a = 0
//           ∂s/∂a = n s(1−s)/a, ∂s/∂κ = −n s(1−s)/κ, ∂s/∂n = s(1−s)(log a − log κ)
// At a = 0 (every spend in the adstock window is zero) a is 0 for all parameter values, so
// every parameter derivative of s(a) is 0 there; ∂s/∂a is set to 0, which is its product
// with ∂a/∂p = 0 whatever slope n is (for n < 1 the one-sided limit is infinite).
import { SATURATION_LOGISTIC, ld, st } from './block';
import { exp, log } from './fmath';

/** One point's value and partials, returned through these globals (AssemblyScript has no tuples). */
export let satValue: f64 = 0;
export let satDa: f64 = 0;
export let satD1: f64 = 0;
export let satD2: f64 = 0;

export function saturationPoint(kind: i32, p1: f64, p2: f64, a: f64): void {
  if (kind == SATURATION_LOGISTIC) {
    const e = exp(-p1 * a);
    const den = 1 + e;
    const h = (2 * e) / (den * den);
    satValue = (1 - e) / den;
    satDa = p1 * h;
    satD1 = a * h;
    satD2 = 0;
    return;
  }
  if (a <= 0) {
    satValue = 0;
    satDa = 0;
    satD1 = 0;
    satD2 = 0;
    return;
  }
  const r = log(a) - log(p1);
  const z = p2 * r;
  // logistic(z) and 1 − logistic(z) without overflow of e^{±z}.
  let s: f64, om: f64;
  if (z >= 0) {
    const e = exp(-z);
    s = 1 / (1 + e);
    om = e / (1 + e);
  } else {
    const e = exp(z);
    s = e / (1 + e);
    om = 1 / (1 + e);
  }
  const q = s * om;
  satValue = s;
  satDa = (p2 * q) / a;
  satD1 = (-p2 * q) / p1;
  satD2 = q * r;
}

/**
 * Along a series a[0..T): s, ∂s/∂a, ∂s/∂p1 and (hill) ∂s/∂p2 into the four output arrays.
 */
export function saturationSeries(kind: i32, p1: f64, p2: f64, a: usize, T: i32, s: usize, sa: usize, s1: usize, s2: usize): void {
  for (let t = 0; t < T; t++) {
    saturationPoint(kind, p1, p2, ld(a, t));
    st(s, t, satValue);
    st(sa, t, satDa);
    st(s1, t, satD1);
    st(s2, t, satD2);
  }
}
