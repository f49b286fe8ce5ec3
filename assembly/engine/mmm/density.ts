// The MMM log density and its gradient on the unconstrained scale (MODEL.md §2–3, §6), in one
// pass and without allocation: all buffers are made once by mmmLoad (./exports.ts).
//
//   mu_t = intercept + Σ_c β_c sat_c(adstock_c(xs_c))_t + Σ_k γ_k z_tk + Σ_j φ_j F_tj
//   log p(q) = Σ_i [log prior_i(θ_i) + log |dθ_i/dq_i|] + Σ_t log N(ys_t | mu_t, σ) + lift terms
//
// Nothing is dropped: every prior, the Normal likelihood (−T log √(2π) included) and the
// lift-test Gammas are normalised, so lp is the exact log joint density of (q, data).
// Gradient: reverse mode by hand. With e_t = (ys_t − mu_t)/σ², ∂/∂intercept = Σ e_t,
// ∂/∂γ_k = Σ e_t z_tk, ∂/∂β_c = Σ e_t s_ct, ∂/∂(saturation p) = β_c Σ e_t ∂s_ct/∂p, and the
// adstock parameters through u_t = β_c e_t ∂s_ct/∂a (see ./adstock.ts).
import {
  CHANNEL_STRIDE,
  CH_ADSTOCK,
  CH_IDX_A1,
  CH_IDX_A2,
  CH_IDX_BETA,
  CH_IDX_S1,
  CH_IDX_S2,
  CH_SATURATION,
  ld,
  st,
} from './block';
import { adstockGradient, adstockWeights, convolve } from './adstock';
import { liftTerms } from './lift';
import { priorTerms } from './priors';
import { saturationSeries } from './saturation';
import { log } from './fmath';

const LOG_SQRT_2PI: f64 = 0.91893853320467274178;

/** The loaded model: sizes, pointers into the data block, and scratch (set by mmmLoad). */
export class MmmModel {
  T: i32 = 0;
  C: i32 = 0;
  K: i32 = 0;
  J: i32 = 0;
  L: i32 = 0;
  nLift: i32 = 0;
  dim: i32 = 0;
  iIntercept: i32 = 0;
  iControl: i32 = 0;
  iFourier: i32 = 0;
  iSigma: i32 = 0;
  // Data (inside the block).
  params: usize = 0;
  channels: usize = 0;
  ys: usize = 0;
  xs: usize = 0;
  z: usize = 0;
  fourier: usize = 0;
  lift: usize = 0;
  // Scratch.
  theta: usize = 0;
  jac: usize = 0;
  gth: usize = 0;
  mu: usize = 0;
  e: usize = 0;
  u: usize = 0;
  /** C × T each: adstocked media, saturation value and its partials. */
  a: usize = 0;
  s: usize = 0;
  sa: usize = 0;
  s1: usize = 0;
  s2: usize = 0;
  /** C × L each: kernel weights and centred log-weight partials. */
  w: usize = 0;
  d1: usize = 0;
  d2: usize = 0;
  /** log(l + 1), l = 0..L−1. */
  logTab: usize = 0;
  out2: usize = 0;
}

let model: MmmModel = new MmmModel();

export function setModel(m: MmmModel): void {
  model = m;
}

// @ts-ignore: decorator
@inline function row(p: usize, i: i32, n: i32): usize {
  return p + (<usize>(i * n) << 3);
}

/** mu_t = intercept + controls + Fourier terms. */
function baseMean(m: MmmModel): void {
  const T = m.T;
  const b0 = ld(m.theta, m.iIntercept);
  for (let t = 0; t < T; t++) st(m.mu, t, b0);
  for (let k = 0; k < m.K; k++) addColumn(m.mu, row(m.z, k, T), ld(m.theta, m.iControl + k), T);
  for (let j = 0; j < m.J; j++) addColumn(m.mu, row(m.fourier, j, T), ld(m.theta, m.iFourier + j), T);
}

function addColumn(mu: usize, col: usize, coef: f64, T: i32): void {
  for (let t = 0; t < T; t++) st(mu, t, ld(mu, t) + coef * ld(col, t));
}

function dot(a: usize, b: usize, T: i32): f64 {
  let s: f64 = 0;
  for (let t = 0; t < T; t++) s += ld(a, t) * ld(b, t);
  return s;
}

/** Forward pass of channel c: weights, adstock, saturation; adds β s to mu. */
function channelForward(m: MmmModel, c: i32): void {
  const T = m.T;
  const L = m.L;
  const ch = row(m.channels, c, CHANNEL_STRIDE);
  const iA2 = <i32>ld(ch, CH_IDX_A2);
  const iS2 = <i32>ld(ch, CH_IDX_S2);
  const w = row(m.w, c, L);
  adstockWeights(<i32>ld(ch, CH_ADSTOCK), ld(m.theta, <i32>ld(ch, CH_IDX_A1)), iA2 >= 0 ? ld(m.theta, iA2) : 0, L, m.logTab, w, row(m.d1, c, L), row(m.d2, c, L));
  const a = row(m.a, c, T);
  convolve(row(m.xs, c, T), w, a, T, L);
  const s = row(m.s, c, T);
  saturationSeries(<i32>ld(ch, CH_SATURATION), ld(m.theta, <i32>ld(ch, CH_IDX_S1)), iS2 >= 0 ? ld(m.theta, iS2) : 0, a, T, s, row(m.sa, c, T), row(m.s1, c, T), row(m.s2, c, T));
  addColumn(m.mu, s, ld(m.theta, <i32>ld(ch, CH_IDX_BETA)), T);
}

/** Backward pass of channel c given e_t: accumulates into gth. */
function channelBackward(m: MmmModel, c: i32): void {
  const T = m.T;
  const L = m.L;
  const ch = row(m.channels, c, CHANNEL_STRIDE);
  const iB = <i32>ld(ch, CH_IDX_BETA);
  const iS1 = <i32>ld(ch, CH_IDX_S1);
  const iS2 = <i32>ld(ch, CH_IDX_S2);
  const iA1 = <i32>ld(ch, CH_IDX_A1);
  const iA2 = <i32>ld(ch, CH_IDX_A2);
  const beta = ld(m.theta, iB);
  const e = m.e;
  st(m.gth, iB, ld(m.gth, iB) + dot(e, row(m.s, c, T), T));
  st(m.gth, iS1, ld(m.gth, iS1) + beta * dot(e, row(m.s1, c, T), T));
  if (iS2 >= 0) st(m.gth, iS2, ld(m.gth, iS2) + beta * dot(e, row(m.s2, c, T), T));
  const sa = row(m.sa, c, T);
  for (let t = 0; t < T; t++) st(m.u, t, beta * ld(e, t) * ld(sa, t));
  adstockGradient(row(m.xs, c, T), m.u, row(m.w, c, L), row(m.d1, c, L), row(m.d2, c, L), T, L, m.out2);
  st(m.gth, iA1, ld(m.gth, iA1) + ld(m.out2, 0));
  if (iA2 >= 0) st(m.gth, iA2, ld(m.gth, iA2) + ld(m.out2, 1));
}

/** log p(q) with d log p/dq written into grad (the engine's LogDensityFn). */
export function mmmLogDensity(q: usize, grad: usize): f64 {
  const m = model;
  const T = m.T;
  let lp = priorTerms(m.params, m.dim, q, m.theta, m.jac, grad);
  memory.fill(m.gth, 0, <usize>m.dim << 3);
  baseMean(m);
  for (let c = 0; c < m.C; c++) channelForward(m, c);

  const sigma = ld(m.theta, m.iSigma);
  const prec = 1 / (sigma * sigma);
  let ssq: f64 = 0;
  let se: f64 = 0;
  for (let t = 0; t < T; t++) {
    const r = ld(m.ys, t) - ld(m.mu, t);
    ssq += r * r;
    const et = r * prec;
    se += et;
    st(m.e, t, et);
  }
  lp += -<f64>T * (log(sigma) + LOG_SQRT_2PI) - 0.5 * ssq * prec;
  st(m.gth, m.iSigma, -<f64>T / sigma + ssq * prec / sigma);
  st(m.gth, m.iIntercept, se);
  for (let k = 0; k < m.K; k++) st(m.gth, m.iControl + k, dot(m.e, row(m.z, k, T), T));
  for (let j = 0; j < m.J; j++) st(m.gth, m.iFourier + j, dot(m.e, row(m.fourier, j, T), T));
  for (let c = 0; c < m.C; c++) channelBackward(m, c);
  lp += liftTerms(m.lift, m.nLift, m.channels, m.theta, m.gth);

  for (let i = 0; i < m.dim; i++) st(grad, i, ld(grad, i) + ld(m.gth, i) * ld(m.jac, i));
  return lp;
}

/** θ on the constrained scale, in layout order (outDim = dim). */
export function mmmConstrain(q: usize, out: usize): void {
  const m = model;
  // priorTerms also computes θ; gth serves as the throwaway gradient buffer.
  priorTerms(m.params, m.dim, q, out, m.jac, m.gth);
}
