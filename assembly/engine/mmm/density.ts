// The MMM log density and its gradient on the unconstrained scale (MODEL.md §2–3, §6), in one
// pass and without allocation: all buffers are made once by mmmLoad (./exports.ts).
//
//   mu_t = intercept + Σ_k γ_k z_tk + Σ_j φ_j F_tj + Σ_c β_c sat_c(adstock_c(xs_c))_t
//   log p(q) = Σ_i [log prior_i(θ_i) + log |dθ_i/dq_i|] + Σ_t log N(ys_t | mu_t, σ) + lift terms
// (a channel's ROAS prior, ./roas.ts, stands in for its β prior; FLAG_SAMPLE_PRIOR drops the
// likelihood and lift terms, leaving the prior)
//
// Nothing is dropped: every prior, the Normal likelihood (−T log √(2π) included) and the
// lift-test Gammas are normalised, so lp is the exact log joint density of (q, data).
// Gradient: reverse mode by hand. With e_t = (ys_t − mu_t)/σ², ∂/∂intercept = Σ e_t,
// ∂/∂γ_k = Σ e_t z_tk, ∂/∂β_c = Σ e_t s_ct, ∂/∂(saturation p) = β_c Σ e_t ∂s_ct/∂p, and the
// adstock parameters through u_t = β_c e_t ∂s_ct/∂a (./channel.ts, ./adstock.ts). The sampler's
// coordinates may be a reparameterisation of q (./reparam.ts); lp is the same density.
// Time runs two steps per f64x2 (./vec.ts); src/engine/mmm/reference.ts mirrors the order.
import { CHANNEL_STRIDE, ROAS_TEST, CH_IDX_A1, CH_IDX_A2, CH_IDX_BETA, CH_IDX_S1, CH_IDX_S2, ld, st } from './block';
import { addScaled, channelBackward, channelEs, gA1, gA2, gS1, gS2 } from './channel';
import { log } from './fmath';
import { liftTerms } from './lift';
import { roasShift } from './roas';
import { ReparamModel, gradientToU, residualShift, thetaFromU } from './reparam';
import { dotMany, off } from './vec';

const LOG_SQRT_2PI: f64 = 0.91893853320467274178;

/** The loaded model: sizes, data (padded copies of the block's series), and scratch. */
export class MmmModel extends ReparamModel {
  K: i32 = 0;
  J: i32 = 0;
  nLift: i32 = 0;
  iControl: i32 = 0;
  iFourier: i32 = 0;
  iSigma: i32 = 0;
  lift: usize = 0;
  /** Padded copies (Tp each): ys; K + J columns of controls then Fourier features. */
  ys: usize = 0;
  cols: usize = 0;
  /** Tp: 1 for t < T, 0 in the pad. */
  valid: usize = 0;
  gth: usize = 0;
  mu: usize = 0;
  e: usize = 0;
  u: usize = 0;
  /** L scratch for the adstock lag sums. */
  R: usize = 0;
  /** FLAG_SAMPLE_PRIOR: the likelihood is left out. */
  priorOnly: bool = false;
}

let model: MmmModel = new MmmModel();

export function setModel(m: MmmModel): void {
  model = m;
}

// @ts-ignore: decorator
@inline function rec(m: MmmModel, c: i32, slot: i32): i32 {
  return <i32>ld(m.channels + off(c * CHANNEL_STRIDE), slot);
}

/**
 * mu_t = intercept + Σ_k γ_k z_tk + Σ_j φ_j F_tj, adding the columns in that order; four
 * columns per pass over t with their coefficients held in registers.
 */
function baseMean(m: MmmModel): void {
  const mu = m.mu;
  const cols = m.cols;
  const coefs = m.theta + off(m.iCols);
  const nCols = m.nCols;
  const Tp = m.Tp;
  const b0 = v128.load64_splat(m.theta + off(m.iIntercept));
  for (let t = 0; t < Tp; t += 2) v128.store(mu + off(t), b0);
  let k = 0;
  for (; k + 4 <= nCols; k += 4) {
    const c0 = v128.load64_splat(coefs + off(k));
    const c1 = v128.load64_splat(coefs + off(k + 1));
    const c2 = v128.load64_splat(coefs + off(k + 2));
    const c3 = v128.load64_splat(coefs + off(k + 3));
    const z0 = cols + off(k * Tp);
    const z1 = z0 + off(Tp);
    const z2 = z1 + off(Tp);
    const z3 = z2 + off(Tp);
    for (let t = 0; t < Tp; t += 2) {
      const o = off(t);
      let v = v128.load(mu + o);
      v = f64x2.add(v, f64x2.mul(c0, v128.load(z0 + o)));
      v = f64x2.add(v, f64x2.mul(c1, v128.load(z1 + o)));
      v = f64x2.add(v, f64x2.mul(c2, v128.load(z2 + o)));
      v = f64x2.add(v, f64x2.mul(c3, v128.load(z3 + o)));
      v128.store(mu + o, v);
    }
  }
  for (; k < nCols; k++) {
    const c0 = v128.load64_splat(coefs + off(k));
    const z0 = cols + off(k * Tp);
    for (let t = 0; t < Tp; t += 2) v128.store(mu + off(t), f64x2.add(v128.load(mu + off(t)), f64x2.mul(c0, v128.load(z0 + off(t)))));
  }
}

/** e_t = (ys_t − mu_t)/σ² (0 in the pad); returns Σ r_t², and Σ e_t through `sumE`. */
let sumE: f64 = 0;
function residuals(m: MmmModel, prec: f64): f64 {
  const vp = f64x2.splat(prec);
  let ssq = f64x2.splat(0);
  let se = f64x2.splat(0);
  const pairs = m.T & ~1;
  const ys = m.ys;
  const mu = m.mu;
  const e = m.e;
  for (let t = 0; t < pairs; t += 2) {
    const r = f64x2.sub(v128.load(ys + off(t)), v128.load(mu + off(t)));
    ssq = f64x2.add(ssq, f64x2.mul(r, r));
    const ev = f64x2.mul(r, vp);
    se = f64x2.add(se, ev);
    v128.store(e + off(t), ev);
  }
  let ssq0 = f64x2.extract_lane(ssq, 0);
  let se0 = f64x2.extract_lane(se, 0);
  if (pairs < m.T) {
    // Odd T: the last step belongs to lane 0; the pad's e is 0.
    const r = ld(m.ys, pairs) - ld(m.mu, pairs);
    ssq0 += r * r;
    const et = r * prec;
    se0 += et;
    st(m.e, pairs, et);
    st(m.e, pairs + 1, 0);
  }
  sumE = se0 + f64x2.extract_lane(se, 1);
  return ssq0 + f64x2.extract_lane(ssq, 1);
}

function add(p: usize, i: i32, v: f64): void {
  st(p, i, ld(p, i) + v);
}

/** Channel backward passes into gth (θ scale); grad holds the prior q-gradients. */
function channelsBackward(m: MmmModel, grad: usize, gIntercept: f64): void {
  for (let c = 0; c < m.C; c++) {
    const s = unchecked(m.ch[c]);
    const iB = rec(m, c, CH_IDX_BETA);
    add(m.gth, iB, channelEs(s, m.e, m.Tp));
    const gBeta = ld(grad, iB) + ld(m.gth, iB) * ld(m.jac, iB);
    const beta = ld(m.theta, iB);
    const shift = residualShift(m, c, gBeta, gIntercept) + roasShift(s, beta, m.T);
    channelBackward(s, beta, m.e, shift, m.valid, m.u, m.R, m.Tp, m.L);
    const iS1 = rec(m, c, CH_IDX_S1);
    const iS2 = rec(m, c, CH_IDX_S2);
    add(m.gth, iS1, gS1);
    if (iS2 >= 0) add(m.gth, iS2, gS2);
    if (s.roasScope == ROAS_TEST) {
      add(m.gth, iS1, s.roasG * s.roasD1);
      if (iS2 >= 0) add(m.gth, iS2, s.roasG * s.roasD2);
    }
    add(m.gth, rec(m, c, CH_IDX_A1), gA1);
    const iA2 = rec(m, c, CH_IDX_A2);
    if (iA2 >= 0) add(m.gth, iA2, gA2);
  }
}

/**
 * The data's terms: the Normal likelihood of ys and the lift tests' Gammas, with their
 * θ-gradients into gth and e_t for the channels' backward passes. Added to lp0 term by term
 * (the order the sums have always had, so the draws of a model without these flags are unchanged).
 */
function likelihood(m: MmmModel, lp0: f64): f64 {
  baseMean(m);
  for (let c = 0; c < m.C; c++) addScaled(m.mu, unchecked(m.ch[c]).s, ld(m.theta, rec(m, c, CH_IDX_BETA)), m.Tp);
  const sigma = ld(m.theta, m.iSigma);
  const prec = 1 / (sigma * sigma);
  const ssq = residuals(m, prec);
  const T = <f64>m.T;
  let lp = lp0 + (-T * (log(sigma) + LOG_SQRT_2PI) - 0.5 * ssq * prec);
  st(m.gth, m.iSigma, -T / sigma + (ssq * prec) / sigma);
  st(m.gth, m.iIntercept, sumE);
  dotMany(m.e, m.cols, m.Tp, m.nCols, m.Tp, m.gth + off(m.iCols));
  // The lift terms before the backward passes: a reparameterised channel's needs the whole ∂/∂β.
  lp += liftTerms(m.lift, m.nLift, m.channels, m.theta, m.gth);
  return lp;
}

/** log p(u) with d log p/du written into grad (the engine's LogDensityFn). */
export function mmmLogDensity(u: usize, grad: usize): f64 {
  const m = model;
  let lp = thetaFromU(m, u, grad);
  memory.fill(m.gth, 0, <usize>m.dim << 3);
  // Prior only (FLAG_SAMPLE_PRIOR): e stays 0 (set at load), so the backward passes carry
  // only the priors' dependence on the curves (reparameterisation shifts, ROAS priors).
  if (!m.priorOnly) lp = likelihood(m, lp);
  const gIntercept = ld(grad, m.iIntercept) + ld(m.gth, m.iIntercept) * ld(m.jac, m.iIntercept);
  channelsBackward(m, grad, gIntercept);

  for (let i = 0; i < m.dim; i++) st(grad, i, ld(grad, i) + ld(m.gth, i) * ld(m.jac, i));
  gradientToU(m, grad, gIntercept);
  return lp;
}

/** θ on the constrained scale, in layout order (outDim = dim). */
export function mmmConstrain(u: usize, out: usize): void {
  const m = model;
  // gth serves as the throwaway prior-gradient buffer.
  thetaFromU(m, u, m.gth);
  memory.copy(out, m.theta, <usize>m.dim << 3);
}
