// One media channel's share of the log density, two time steps per f64x2:
//   forward   a_t = Σ_l w_l x_{t−l} (adstock), s_t = sat(a_t) and its partials, mu_t += β s_t
//   backward  ∂/∂β = Σ e_t s_t, ∂/∂(sat p) = β Σ e_t ∂s_t/∂p, and the adstock parameters via
//             u_t = β e_t ∂s_t/∂a and R_l = Σ_t u_t x_{t−l} (./adstock.ts)
// The media series is stored with l_max leading zeros (zero history), so every lag is one
// unaligned two-lane load without a branch.
import { SATURATION_LOGISTIC, ld, st } from './block';
import { hillV, logisticV } from './saturation';
import { log } from './fmath';
import { off } from './vec';

/** The pointers and parameters of one channel for one evaluation. */
export class ChannelState {
  /** L leading zeros, then the Tp scaled media values. */
  xpad: usize = 0;
  s: usize = 0;
  sa: usize = 0;
  s1: usize = 0;
  s2: usize = 0;
  w: usize = 0;
  d1: usize = 0;
  d2: usize = 0;
  satKind: i32 = 0;
}

/** Forward pass; adds β s_t to mu. */
export function channelForward(c: ChannelState, p1: f64, p2: f64, beta: f64, mu: usize, Tp: i32, L: i32): void {
  const hill = c.satKind != SATURATION_LOGISTIC;
  const v1 = f64x2.splat(p1);
  const v2 = f64x2.splat(p2);
  const logKappa = f64x2.splat(hill ? log(p1) : 0);
  const vb = f64x2.splat(beta);
  const xEnd = c.xpad + off(L);
  for (let t = 0; t < Tp; t += 2) {
    let a = f64x2.splat(0);
    const xt = xEnd + off(t);
    for (let l = 0; l < L; l++) a = f64x2.add(a, f64x2.mul(f64x2.splat(ld(c.w, l)), v128.load(xt - off(l))));
    const o = off(t);
    const s = hill ? hillV(v1, v2, logKappa, a, c.s + o, c.sa + o, c.s1 + o, c.s2 + o) : logisticV(v1, a, c.s + o, c.sa + o, c.s1 + o);
    v128.store(mu + o, f64x2.add(v128.load(mu + o), f64x2.mul(vb, s)));
  }
}

/** Gradient results of the backward pass: ∂/∂β, ∂/∂sat p1, p2, ∂/∂adstock p1, p2. */
export let gBeta: f64 = 0;
export let gS1: f64 = 0;
export let gS2: f64 = 0;
export let gA1: f64 = 0;
export let gA2: f64 = 0;

/** Backward pass given e_t = ∂ log p/∂mu_t (zero in the pad); u is Tp scratch. */
export function channelBackward(c: ChannelState, beta: f64, e: usize, u: usize, Tp: i32, L: i32): void {
  const hill = c.satKind != SATURATION_LOGISTIC;
  let es = f64x2.splat(0);
  let es1 = f64x2.splat(0);
  let es2 = f64x2.splat(0);
  const vb = f64x2.splat(beta);
  for (let t = 0; t < Tp; t += 2) {
    const o = off(t);
    const ev = v128.load(e + o);
    es = f64x2.add(es, f64x2.mul(ev, v128.load(c.s + o)));
    es1 = f64x2.add(es1, f64x2.mul(ev, v128.load(c.s1 + o)));
    if (hill) es2 = f64x2.add(es2, f64x2.mul(ev, v128.load(c.s2 + o)));
    v128.store(u + o, f64x2.mul(f64x2.mul(vb, ev), v128.load(c.sa + o)));
  }
  gBeta = f64x2.extract_lane(es, 0) + f64x2.extract_lane(es, 1);
  gS1 = beta * (f64x2.extract_lane(es1, 0) + f64x2.extract_lane(es1, 1));
  gS2 = beta * (f64x2.extract_lane(es2, 0) + f64x2.extract_lane(es2, 1));
  // Σ_l w_l d_l R_l, R_l = Σ_t u_t x_{t−l} (the pad of u is 0).
  let g1: f64 = 0;
  let g2: f64 = 0;
  const xEnd = c.xpad + off(L);
  for (let l = 0; l < L; l++) {
    let r = f64x2.splat(0);
    const xl = xEnd - off(l);
    for (let t = 0; t < Tp; t += 2) r = f64x2.add(r, f64x2.mul(v128.load(u + off(t)), v128.load(xl + off(t))));
    const R = f64x2.extract_lane(r, 0) + f64x2.extract_lane(r, 1);
    const wl = ld(c.w, l);
    g1 += wl * ld(c.d1, l) * R;
    g2 += wl * ld(c.d2, l) * R;
  }
  gA1 = g1;
  gA2 = g2;
}
