// The ROAS prior (Meridian's ROI prior; the derivation is in src/calibration/roas-prior.ts):
// a channel's ROAS is linear in β, ROAS = β · K(φ), with K its ROAS per unit β, which depends
// only on the channel's adstock/saturation parameters φ. A LogNormal(mu, sigma) on ROAS is, by
// the change of variables ROAS = β K (|dROAS/dβ| = K), the conditional prior
//   β | φ ~ LogNormal(mu − log K(φ), sigma),
// and it replaces β's own prior. On the sampler's scale q = log β (log-Jacobian + q):
//   lp = c − r²/(2σ²),   r = q + log K − mu,   c = −log σ − ½ log 2π,
//   ∂lp/∂q = −r/σ² = G,   ∂lp/∂φ |_q = G · ∂log K/∂φ.
// log K per scope (src/engine/mmm/block.ts, the row's K0 computed by the pack):
//   window  log K = log K0 + log S̄,  S̄ = mean_t sat(adstock(xs))_t: ∂log K/∂φ = (1/(T S̄)) Σ_t ∂s_t/∂φ,
//           which the channel's backward pass supplies as a shift of its residual weights e_t
//           (see roasShift); the adstock parameters enter there too.
//   test    log K = log K0 + log(sat(hi) − sat(lo)): ∂log K/∂p = (∂sat(hi)/∂p − ∂sat(lo)/∂p) / (sat(hi) − sat(lo))
//           for the saturation parameters p (steady state, no adstock: MODEL.md §6).
// Where K is 0 (a curve flat to machine precision between lo and hi) the prior has no mass: −∞.
import { PARAM_STRIDE, ROAS_WINDOW } from './block';
import { ChannelState } from './channel';
import { exp, log } from './fmath';
import { satD1, satD2, satValue, saturationPoint } from './saturation';

/** log K of channel s at saturation parameters (p1, p2); sets roasD1, roasD2 for a 'test' prior. */
function logK(s: ChannelState, p1: f64, p2: f64): f64 {
  if (s.roasScope == ROAS_WINDOW) return s.roasLogK0 + log(s.sbar);
  saturationPoint(s.satKind, p1, p2, s.roasHi);
  const vHi = satValue;
  const d1Hi = satD1;
  const d2Hi = satD2;
  saturationPoint(s.satKind, p1, p2, s.roasLo);
  const diff = vHi - satValue;
  s.roasD1 = (d1Hi - satD1) / diff;
  s.roasD2 = (d2Hi - satD2) / diff;
  return s.roasLogK0 + log(diff);
}

/**
 * The ROAS prior's term for β = e^{qB} (row iB holds log_normal(mu, sigma) and c): writes θ,
 * dθ/dq and ∂lp/∂q for iB like priors.ts priorTerm, keeps G = ∂lp/∂q in s.roasG for the
 * backward pass, and returns lp. Call after channelSeries (S̄ must be current).
 */
export function roasPriorTerm(s: ChannelState, params: usize, iB: i32, qB: f64, p1: f64, p2: f64, theta: usize, jac: usize, grad: usize): f64 {
  const row = params + (<usize>(iB * PARAM_STRIDE) << 3);
  const mu = load<f64>(row, 8);
  const sigma = load<f64>(row, 16);
  const c = load<f64>(row, 24);
  const lk = logK(s, p1, p2);
  const th = exp(qB);
  store<f64>(theta + (<usize>iB << 3), th);
  store<f64>(jac + (<usize>iB << 3), th);
  if (!(lk > -Infinity)) {
    // K = 0 (or not a number): no β gives this ROAS. Finite zeros keep the gradient clean.
    s.roasG = 0;
    s.roasD1 = 0;
    s.roasD2 = 0;
    store<f64>(grad + (<usize>iB << 3), 0);
    return -Infinity;
  }
  const z = (qB + lk - mu) / sigma;
  const g = -z / sigma;
  s.roasG = g;
  store<f64>(grad + (<usize>iB << 3), g);
  return c - 0.5 * z * z;
}

/**
 * The extra shift of e_t in channel s's backward pass that carries a 'window' prior's
 * ∂lp/∂φ = G/(T S̄) Σ_t ∂s_t/∂φ: the pass computes β Σ_t (e_t − shift) ∂s_t/∂φ, so the shift
 * is −G/(β T S̄). 0 for a 'test' prior or none, and where G = 0 (also the K = 0 case).
 */
export function roasShift(s: ChannelState, beta: f64, T: i32): f64 {
  if (s.roasScope != ROAS_WINDOW || s.roasG == 0) return 0;
  return -s.roasG / (beta * <f64>T * s.sbar);
}
