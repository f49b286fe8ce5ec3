// The unconstrained coordinates the sampler moves in, and their map to the model variables.
//
// Plain (flags 0): q_i = log θ_i, logit θ_i or θ_i by the prior's support (./priors.ts).
// Two optional changes of variables (block flags, src/engine/mmm/block.ts) straighten the
// posterior without changing the model; each is a shear with a unit-diagonal triangular
// Jacobian, so log p(u) = log p(q(u)) with no extra term:
//
//  MEAN_CONTRIBUTION  for a channel whose saturation_beta has a log transform, the coordinate
//     is u_β = log(β S̄) with S̄ = (1/T) Σ_t sat(adstock(x))_t, the mean saturation over the
//     data window: β S̄ is the channel's mean contribution, which the data pin down, while β
//     alone slides along a curved ridge against the saturation parameters (for a small λa the
//     logistic is ≈ λa/2 and only βλ is identified). q_β = u_β − log S̄(adstock, saturation).
//  LEVEL_INTERCEPT    when the intercept's prior is on R, the coordinate is the mean level
//     u_0 = intercept + Σ_c β_c S̄_c + Σ_k γ_k z̄_k + Σ_j φ_j F̄_j (= mean_t mu_t), which the
//     data pin down, instead of the intercept, which trades off against every other term.
//  COLUMN_SCALE       a coefficient with a prior on R (controls, Fourier terms, the intercept
//     or level) is sampled times the Euclidean norm of its column (√T for the intercept):
//     u_k = ‖z_k‖ q_k. Posterior sds then sit near the noise level in every such coordinate
//     instead of spanning 5e-5 (a raw trend column) to 0.03 (an event dummy). This one is a
//     constant scaling: log p(u) = log p(q(u)) − Σ log ‖z_k‖, its Jacobian.
//
// Gradient: with g = ∂ log p/∂q (the plain gradient) and G_0 = g_intercept,
//   ∂/∂u_β = g_β − G_0 S̄ dβ/dq_β,  ∂/∂u_k = g_k − G_0 z̄_k dθ_k/dq_k (controls, Fourier),
// and for the channel's adstock and saturation parameters the dependence of q_β (or of the
// intercept) on S̄ enters as a shift of the residual weights e_t in the backward pass:
//   e_t − g_β/(β T S̄) (MEAN_CONTRIBUTION), e_t − G_0/T (LEVEL_INTERCEPT only).
// A channel with a ROAS prior (./roas.ts) has its β deferred too: the prior's term needs the
// channel's curve, so it is evaluated here, after the channel's forward series; g_β then
// includes it, so the shears above carry its dependence on S̄ like the likelihood's.
import { CHANNEL_STRIDE, CH_ADSTOCK, CH_IDX_A1, CH_IDX_A2, CH_IDX_BETA, CH_IDX_S1, CH_IDX_S2, ld, st } from './block';
import { adstockWeights } from './adstock';
import { ChannelState, channelSeries } from './channel';
import { log } from './fmath';
import { priorTerm, priorTerms } from './priors';
import { roasPriorTerm } from './roas';
import { off } from './vec';

/** What the density needs to know about the model to map u to θ. */
export class ReparamModel {
  T: i32 = 0;
  Tp: i32 = 0;
  C: i32 = 0;
  L: i32 = 0;
  dim: i32 = 0;
  nCols: i32 = 0;
  iIntercept: i32 = 0;
  iCols: i32 = 0;
  params: usize = 0;
  channels: usize = 0;
  /** Means over t < T of the scaled control and Fourier columns (in the block). */
  colMeans: usize = 0;
  /** Per parameter: q_i = u_i · invScale_i (COLUMN_SCALE; 1 elsewhere), and Σ log invScale_i. */
  invScale: usize = 0;
  logJacobian: f64 = 0;
  /** dim scratch: u scaled back to q's units. */
  uq: usize = 0;
  /** One byte per parameter: set later than the others (a reparameterised β, the level intercept). */
  deferred: usize = 0;
  level: bool = false;
  logTab: usize = 0;
  theta: usize = 0;
  jac: usize = 0;
  ch: StaticArray<ChannelState> = new StaticArray<ChannelState>(0);
}

// @ts-ignore: decorator
@inline function rec(m: ReparamModel, c: i32, slot: i32): i32 {
  return <i32>ld(m.channels + off(c * CHANNEL_STRIDE), slot);
}

// @ts-ignore: decorator
@inline function thetaOr0(m: ReparamModel, i: i32): f64 {
  return i >= 0 ? ld(m.theta, i) : 0;
}

/**
 * θ, dθ/dq and the prior gradients (into grad) from the sampler's coordinates u, running every
 * channel's forward series on the way (kept for the likelihood). Returns the summed prior
 * and log-Jacobian terms.
 */
export function thetaFromU(m: ReparamModel, uIn: usize, grad: usize): f64 {
  const u = m.uq;
  for (let i = 0; i < m.dim; i++) st(u, i, ld(uIn, i) * ld(m.invScale, i));
  let lp = m.logJacobian + priorTerms(m.params, m.dim, u, m.theta, m.jac, grad, m.deferred);
  for (let c = 0; c < m.C; c++) {
    const s = unchecked(m.ch[c]);
    adstockWeights(rec(m, c, CH_ADSTOCK), ld(m.theta, rec(m, c, CH_IDX_A1)), thetaOr0(m, rec(m, c, CH_IDX_A2)), m.L, m.logTab, s.w, s.d1, s.d2);
    const p1 = ld(m.theta, rec(m, c, CH_IDX_S1));
    const p2 = thetaOr0(m, rec(m, c, CH_IDX_S2));
    s.sbar = channelSeries(s, p1, p2, m.Tp, m.T, m.L);
    const iB = rec(m, c, CH_IDX_BETA);
    if (s.roasScope >= 0) {
      // A ROAS prior replaces β's prior (./roas.ts); its q is log β in either coordinate system.
      const qB = s.reparam ? ld(u, iB) - log(s.sbar) : ld(u, iB);
      lp += roasPriorTerm(s, m.params, iB, qB, p1, p2, m.theta, m.jac, grad);
    } else if (s.reparam) {
      lp += priorTerm(m.params, iB, ld(u, iB) - log(s.sbar), m.theta, m.jac, grad);
    }
  }
  if (m.level) {
    let b0 = ld(u, m.iIntercept);
    for (let c = 0; c < m.C; c++) b0 -= ld(m.theta, rec(m, c, CH_IDX_BETA)) * unchecked(m.ch[c]).sbar;
    for (let k = 0; k < m.nCols; k++) b0 -= ld(m.theta, m.iCols + k) * ld(m.colMeans, k);
    lp += priorTerm(m.params, m.iIntercept, b0, m.theta, m.jac, grad);
  }
  return lp;
}

/** The shift of e_t for channel c's backward pass (see the header); g is the plain q-gradient so far. */
export function residualShift(m: ReparamModel, c: i32, gBeta: f64, gIntercept: f64): f64 {
  const s = unchecked(m.ch[c]);
  if (s.reparam) return gBeta / (ld(m.theta, rec(m, c, CH_IDX_BETA)) * <f64>m.T * s.sbar);
  if (m.level) return gIntercept / <f64>m.T;
  return 0;
}

/**
 * From the plain q-gradient in grad to the gradient in u: the level intercept's shear on the
 * β, control and Fourier gradients, then the column scales.
 */
export function gradientToU(m: ReparamModel, grad: usize, gIntercept: f64): void {
  levelCorrection(m, grad, gIntercept);
  for (let i = 0; i < m.dim; i++) st(grad, i, ld(grad, i) * ld(m.invScale, i));
}

function levelCorrection(m: ReparamModel, grad: usize, gIntercept: f64): void {
  if (!m.level) return;
  for (let c = 0; c < m.C; c++) {
    const iB = rec(m, c, CH_IDX_BETA);
    st(grad, iB, ld(grad, iB) - gIntercept * unchecked(m.ch[c]).sbar * ld(m.jac, iB));
  }
  for (let k = 0; k < m.nCols; k++) {
    const i = m.iCols + k;
    st(grad, i, ld(grad, i) - gIntercept * ld(m.colMeans, k) * ld(m.jac, i));
  }
}
