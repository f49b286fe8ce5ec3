// Priors plus unconstrained transforms, evaluated on the unconstrained scale q.
//
// The prior's support fixes the transform (MODEL.md §3): R → identity, (0, ∞) → θ = e^q,
// (0, 1) → θ = logistic(q). For each prior the log density of θ plus the log-Jacobian is
// written directly in q, which is exact and stays finite where the product form would not:
//   normal      θ = q      lp = c − z²/2,                  z = (q − μ)/σ
//   laplace     θ = q      lp = c − |q − μ|/b
//   half_normal θ = e^q    lp = c − θ²/(2σ²) + q           (Jacobian: + q)
//   gamma       θ = e^q    lp = c + α q − β θ             ((α−1) log θ + q)
//   log_normal  θ = e^q    lp = c − z²/2,                  z = (q − μ)/σ (the 1/θ and the Jacobian cancel)
//   beta        θ = σ(q)   lp = c + α log θ + β log(1 − θ) (Jacobian θ(1 − θ))
// c is the log normalising constant computed by the pack (priorLogConstant in
// src/engine/mmm/pack.ts), so lp is the full normalised log density of q.
import { DIST_BETA, DIST_GAMMA, DIST_HALF_NORMAL, DIST_LAPLACE, DIST_LOG_NORMAL, DIST_NORMAL, PARAM_STRIDE, ld, st } from './block';
import { exp, log1p } from './fmath';

/** log(1 + e^x) without overflow. */
// @ts-ignore: decorator
@inline export function softplus(x: f64): f64 {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/**
 * One parameter's prior + log-Jacobian at qi: returns it, writes θ_i and dθ_i/dq_i, and sets
 * grad[i] to its derivative with respect to q_i.
 */
export function priorTerm(params: usize, i: i32, qi: f64, theta: usize, jac: usize, grad: usize): f64 {
  const row = params + (<usize>(i * PARAM_STRIDE) << 3);
  const code = <i32>load<f64>(row);
  const p1 = load<f64>(row, 8);
  const p2 = load<f64>(row, 16);
  const c = load<f64>(row, 24);
  let lp: f64 = 0;
  let th: f64 = qi;
  let dth: f64 = 1;
  let g: f64 = 0;
  if (code == DIST_NORMAL) {
    const z = (qi - p1) / p2;
    lp = c - 0.5 * z * z;
    g = -z / p2;
  } else if (code == DIST_LAPLACE) {
    const d = qi - p1;
    lp = c - Math.abs(d) / p2;
    g = d > 0 ? -1 / p2 : d < 0 ? 1 / p2 : 0;
  } else if (code == DIST_BETA) {
    // θ = 1/(1 + e^-q); log θ = −softplus(−q), log(1 − θ) = −softplus(q).
    th = 1 / (1 + exp(-qi));
    const om = 1 / (1 + exp(qi));
    dth = th * om;
    lp = c - p1 * softplus(-qi) - p2 * softplus(qi);
    g = p1 * om - p2 * th;
  } else {
    th = exp(qi);
    dth = th;
    if (code == DIST_HALF_NORMAL) {
      const z = th / p1;
      lp = c - 0.5 * z * z + qi;
      g = 1 - z * z;
    } else if (code == DIST_GAMMA) {
      lp = c + p1 * qi - p2 * th;
      g = p1 - p2 * th;
    } else {
      // DIST_LOG_NORMAL
      const z = (qi - p1) / p2;
      lp = c - 0.5 * z * z;
      g = -z / p2;
    }
  }
  st(theta, i, th);
  st(jac, i, dth);
  st(grad, i, g);
  return lp;
}

/**
 * Every parameter's term (priorTerm) summed in index order, except those whose byte in
 * `deferred` is non-zero (set later from other parameters: ./reparam.ts).
 */
export function priorTerms(params: usize, dim: i32, q: usize, theta: usize, jac: usize, grad: usize, deferred: usize): f64 {
  let lp: f64 = 0;
  for (let i = 0; i < dim; i++) {
    if (load<u8>(deferred + <usize>i) != 0) continue;
    lp += priorTerm(params, i, ld(q, i), theta, jac, grad);
  }
  return lp;
}
