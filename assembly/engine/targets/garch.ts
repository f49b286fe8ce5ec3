// posteriordb garch11, GARCH(1,1) with constant mean (Bollerslev 1986; model.md in
// ../shared/data/posteriordb/garch-garch11):
//   v[1] = sigma1², v[t] = alpha0 + alpha1 (y[t-1] - mu)² + beta1 v[t-1],
//   y[t] ~ Normal(mu, sqrt(v[t])), flat on {alpha0 > 0, 0 < alpha1 < 1, 0 < beta1 < 1 - alpha1}.
// Unconstrained q = (mu, u0, u1, ub): alpha0 = e^u0, alpha1 = logistic(u1),
// beta1 = (1 - alpha1) logistic(ub); log|J| = u0 + ll(u1) + ll(-u1) + log(1 - alpha1)
// + ll(ub) + ll(-ub) with ll = log∘logistic, and log(1 - alpha1) = ll(-u1).
// The gradient carries dv[t]/d(mu, alpha0, alpha1, beta1) forward through the recursion.
// Block: [T, sigma1, y (T)].
import { setTarget } from '../target';
import { count, ld, logistic, logLogistic, st } from './math';

let T: i32 = 0;
let sigma1: f64 = 0;
let y: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const mu = ld(q, 0);
  const u0 = ld(q, 1);
  const u1 = ld(q, 2);
  const ub = ld(q, 3);
  const a0 = Math.exp(u0);
  const a1 = logistic(u1);
  const lb = logistic(ub);
  const b1 = (1.0 - a1) * lb;

  let v = sigma1 * sigma1;
  // dv/dmu, dv/dalpha0, dv/dalpha1, dv/dbeta1 of the current v (all 0 at t = 1).
  let vMu: f64 = 0, vA0: f64 = 0, vA1: f64 = 0, vB1: f64 = 0;
  let lp: f64 = 0;
  let gMu: f64 = 0, gA0: f64 = 0, gA1: f64 = 0, gB1: f64 = 0;
  for (let t = 0; t < T; t++) {
    if (t > 0) {
      const e = ld(y, t - 1) - mu;
      const vPrev = v;
      v = a0 + a1 * e * e + b1 * vPrev;
      vMu = -2.0 * a1 * e + b1 * vMu;
      vA0 = 1.0 + b1 * vA0;
      vA1 = e * e + b1 * vA1;
      vB1 = vPrev + b1 * vB1;
    }
    const e = ld(y, t) - mu;
    // term = -½ log v - e² / (2v)
    lp += -0.5 * Math.log(v) - (e * e) / (2.0 * v);
    const dv = -0.5 / v + (e * e) / (2.0 * v * v);
    gMu += e / v + dv * vMu;
    gA0 += dv * vA0;
    gA1 += dv * vA1;
    gB1 += dv * vB1;
  }
  const jac = u0 + logLogistic(u1) + 2.0 * logLogistic(-u1) + logLogistic(ub) + logLogistic(-ub);
  const dA1du1 = a1 * (1.0 - a1);
  st(grad, 0, gMu);
  st(grad, 1, gA0 * a0 + 1.0);
  // beta1 depends on u1 through (1 - alpha1).
  st(grad, 2, gA1 * dA1du1 - gB1 * lb * dA1du1 + (1.0 - a1) - 2.0 * a1);
  st(grad, 3, gB1 * (1.0 - a1) * lb * (1.0 - lb) + 1.0 - 2.0 * lb);
  return lp + jac;
}

function constrain(q: usize, out: usize): void {
  const a1 = logistic(ld(q, 2));
  st(out, 0, ld(q, 0));
  st(out, 1, Math.exp(ld(q, 1)));
  st(out, 2, a1);
  st(out, 3, (1.0 - a1) * logistic(ld(q, 3)));
}

export function loadGarch(ptr: usize, len: i32): i32 {
  const t = len >= 2 ? count(ld(ptr, 0), 1, 10000000) : -1;
  if (t < 0 || len != 2 + t || !(ld(ptr, 1) > 0)) return -1;
  T = t;
  sigma1 = ld(ptr, 1);
  y = ptr + 16;
  setTarget(4, 4, logDensity, constrain);
  return 4;
}
