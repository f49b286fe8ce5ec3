// One media channel's share of the log density, two time steps per f64x2:
//   forward   a_t = Σ_l w_l x_{t−l} (adstock), s_t = sat(a_t) and its partials, S̄ = mean s_t;
//             then mu_t += β s_t
//   backward  ∂/∂β = Σ e_t s_t, ∂/∂(sat p) = β Σ e_t ∂s_t/∂p, and the adstock parameters via
//             u_t = β e_t ∂s_t/∂a and R_l = Σ_t u_t x_{t−l} (./adstock.ts)
// The media series is stored with l_max leading zeros (zero history), so every lag is one
// unaligned two-lane load without a branch. Struct fields are copied to locals before each
// loop: they live in linear memory, which the loop's stores could alias for all the engine knows.
import { SATURATION_LOGISTIC, ld } from './block';
import { hillV, logisticV } from './saturation';
import { log } from './fmath';
import { hsum, off } from './vec';

/** The pointers of one channel's buffers. */
export class ChannelState {
  /** L leading zeros, then the Tp scaled media values. */
  xpad: usize = 0;
  a: usize = 0;
  s: usize = 0;
  sa: usize = 0;
  s1: usize = 0;
  s2: usize = 0;
  w: usize = 0;
  d1: usize = 0;
  d2: usize = 0;
  satKind: i32 = 0;
  /** β is sampled as log(β S̄) (./reparam.ts). */
  reparam: bool = false;
  /** S̄ = mean_t s_t at the current point. */
  sbar: f64 = 0;
  /** ROAS prior (./roas.ts): scope code, or -1 for none; its row's lo, hi and log K0. */
  roasScope: i32 = -1;
  roasLo: f64 = 0;
  roasHi: f64 = 0;
  roasLogK0: f64 = 0;
  /** At the current point: G = ∂lp/∂log β of the ROAS term, and ∂log K/∂(sat p1, p2) ('test'). */
  roasG: f64 = 0;
  roasD1: f64 = 0;
  roasD2: f64 = 0;
}

/**
 * a_t = Σ_l w_l x_{t−l}, lags summed in order l = 0..L−1 (as the baseline). Four pairs of
 * time steps per iteration: each pair's sum is a chain of dependent adds, and four independent
 * chains side by side keep the adder busy instead of waiting on one.
 */
function adstockSeries(xEnd: usize, w: usize, a: usize, Tp: i32, L: i32): void {
  let t = 0;
  for (; t + 8 <= Tp; t += 8) {
    const xt = xEnd + off(t);
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    for (let l = 0; l < L; l++) {
      const wl = v128.load64_splat(w + off(l));
      const x = xt - off(l);
      a0 = f64x2.add(a0, f64x2.mul(wl, v128.load(x)));
      a1 = f64x2.add(a1, f64x2.mul(wl, v128.load(x, 16)));
      a2 = f64x2.add(a2, f64x2.mul(wl, v128.load(x, 32)));
      a3 = f64x2.add(a3, f64x2.mul(wl, v128.load(x, 48)));
    }
    const o = a + off(t);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; t < Tp; t += 2) {
    const xt = xEnd + off(t);
    let acc = f64x2.splat(0);
    for (let l = 0; l < L; l++) acc = f64x2.add(acc, f64x2.mul(v128.load64_splat(w + off(l)), v128.load(xt - off(l))));
    v128.store(a + off(t), acc);
  }
}

/**
 * Forward pass without β: adstock a_t and s_t = sat(a_t) with its partials. Returns
 * S̄ = (1/T) Σ_{t<T} s_t (lane-wise partial sums, the odd tail in lane 0).
 */
export function channelSeries(c: ChannelState, p1: f64, p2: f64, Tp: i32, T: i32, L: i32): f64 {
  const a = c.a;
  const s = c.s;
  const sa = c.sa;
  const s1 = c.s1;
  const s2 = c.s2;
  adstockSeries(c.xpad + off(L), c.w, a, Tp, L);
  const v1 = f64x2.splat(p1);
  let acc = f64x2.splat(0);
  const pairs = T & ~1;
  if (c.satKind == SATURATION_LOGISTIC) {
    for (let t = 0; t < Tp; t += 2) {
      const o = off(t);
      const sv = logisticV(v1, v128.load(a + o), s + o, sa + o, s1 + o);
      if (t < pairs) acc = f64x2.add(acc, sv);
    }
  } else {
    const v2 = f64x2.splat(p2);
    const logKappa = f64x2.splat(log(p1));
    for (let t = 0; t < Tp; t += 2) {
      const o = off(t);
      const sv = hillV(v1, v2, logKappa, v128.load(a + o), s + o, sa + o, s1 + o, s2 + o);
      if (t < pairs) acc = f64x2.add(acc, sv);
    }
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (pairs < T) s0 += ld(s, pairs);
  return (s0 + f64x2.extract_lane(acc, 1)) / <f64>T;
}

/** mu_t += β s_t. */
export function addScaled(mu: usize, s: usize, beta: f64, Tp: i32): void {
  const vb = f64x2.splat(beta);
  for (let t = 0; t < Tp; t += 2) {
    const o = off(t);
    v128.store(mu + o, f64x2.add(v128.load(mu + o), f64x2.mul(vb, v128.load(s + o))));
  }
}

/** Gradient results of the backward pass: ∂/∂sat p1, p2, ∂/∂adstock p1, p2 (θ scale). */
export let gS1: f64 = 0;
export let gS2: f64 = 0;
export let gA1: f64 = 0;
export let gA2: f64 = 0;

/** R_l = Σ_t u_t x_{t−l} into R[l], four lags per pass over t (u is zero in the pad). */
function lagSums(u: usize, xEnd: usize, R: usize, Tp: i32, L: i32): void {
  let l = 0;
  for (; l + 4 <= L; l += 4) {
    const x0 = xEnd - off(l);
    let r0 = f64x2.splat(0);
    let r1 = f64x2.splat(0);
    let r2 = f64x2.splat(0);
    let r3 = f64x2.splat(0);
    for (let t = 0; t < Tp; t += 2) {
      const o = off(t);
      const uv = v128.load(u + o);
      const xt = x0 + o;
      r0 = f64x2.add(r0, f64x2.mul(uv, v128.load(xt)));
      r1 = f64x2.add(r1, f64x2.mul(uv, v128.load(xt - 8)));
      r2 = f64x2.add(r2, f64x2.mul(uv, v128.load(xt - 16)));
      r3 = f64x2.add(r3, f64x2.mul(uv, v128.load(xt - 24)));
    }
    store<f64>(R + off(l), hsum(r0));
    store<f64>(R + off(l + 1), hsum(r1));
    store<f64>(R + off(l + 2), hsum(r2));
    store<f64>(R + off(l + 3), hsum(r3));
  }
  for (; l < L; l++) {
    const xl = xEnd - off(l);
    let r = f64x2.splat(0);
    for (let t = 0; t < Tp; t += 2) r = f64x2.add(r, f64x2.mul(v128.load(u + off(t)), v128.load(xl + off(t))));
    store<f64>(R + off(l), hsum(r));
  }
}

/** Σ_t e_t s_t (e is zero in the pad). */
export function channelEs(c: ChannelState, e: usize, Tp: i32): f64 {
  const s = c.s;
  let es = f64x2.splat(0);
  for (let t = 0; t < Tp; t += 2) es = f64x2.add(es, f64x2.mul(v128.load(e + off(t)), v128.load(s + off(t))));
  return hsum(es);
}

/**
 * Backward pass for the saturation and adstock parameters given ẽ_t = e_t − shift for t < T
 * (0 in the pad; `valid` is 1 for t < T, 0 in the pad): ∂/∂(sat p) = β Σ ẽ_t ∂s_t/∂p and the
 * adstock parameters via u_t = β ẽ_t ∂s_t/∂a. The shift carries a reparameterisation's
 * dependence of β or the intercept on this channel's S̄ (./reparam.ts); it is 0 without one.
 * u is Tp scratch, R is L scratch.
 */
export function channelBackward(c: ChannelState, beta: f64, e: usize, shift: f64, valid: usize, u: usize, R: usize, Tp: i32, L: i32): void {
  const sa = c.sa;
  const s1 = c.s1;
  const s2 = c.s2;
  const hill = c.satKind != SATURATION_LOGISTIC;
  let es1 = f64x2.splat(0);
  let es2 = f64x2.splat(0);
  const vb = f64x2.splat(beta);
  const vs = f64x2.splat(shift);
  for (let t = 0; t < Tp; t += 2) {
    const o = off(t);
    const ev = f64x2.sub(v128.load(e + o), f64x2.mul(vs, v128.load(valid + o)));
    es1 = f64x2.add(es1, f64x2.mul(ev, v128.load(s1 + o)));
    if (hill) es2 = f64x2.add(es2, f64x2.mul(ev, v128.load(s2 + o)));
    v128.store(u + o, f64x2.mul(f64x2.mul(vb, ev), v128.load(sa + o)));
  }
  gS1 = beta * hsum(es1);
  gS2 = beta * hsum(es2);
  lagSums(u, c.xpad + off(L), R, Tp, L);
  // Σ_l w_l d_l R_l (./adstock.ts: ∂w_l/∂p = w_l d_l).
  const w = c.w;
  const d1 = c.d1;
  const d2 = c.d2;
  let g1: f64 = 0;
  let g2: f64 = 0;
  for (let l = 0; l < L; l++) {
    const wl = ld(w, l);
    const Rl = ld(R, l);
    g1 += wl * ld(d1, l) * Rl;
    g2 += wl * ld(d2, l) * Rl;
  }
  gA1 = g1;
  gA2 = g2;
}
