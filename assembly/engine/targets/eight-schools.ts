// posteriordb eight_schools_noncentered (Rubin 1981; model.md in
// ../shared/data/posteriordb/eight_schools-eight_schools_noncentered). Unconstrained
// q = (theta_trans[1..J], mu, u) with tau = exp(u):
//   log p = -Σ tt²/2 - mu²/50 - log(1 + (tau/5)²) + u - Σ (y - mu - tau·tt)² / (2σ²)
// Outputs theta[1..J] = tt·tau + mu, mu, tau. Block: [J, y (J), sigma (J)].
import { setTarget } from '../target';
import { count, ld, st } from './math';

let J: i32 = 0;
let y: usize = 0;
let sigma: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const mu = ld(q, J);
  const u = ld(q, J + 1);
  const tau = Math.exp(u);
  let lp = (-mu * mu) / 50.0 - Math.log1p((tau * tau) / 25.0) + u;
  let dMu = -mu / 25.0;
  let dTau = (-2.0 * tau) / 25.0 / (1.0 + (tau * tau) / 25.0);
  for (let j = 0; j < J; j++) {
    const tt = ld(q, j);
    const s = ld(sigma, j);
    const r = (ld(y, j) - mu - tau * tt) / (s * s);
    lp += -0.5 * tt * tt - 0.5 * r * (ld(y, j) - mu - tau * tt);
    st(grad, j, -tt + tau * r);
    dMu += r;
    dTau += r * tt;
  }
  st(grad, J, dMu);
  st(grad, J + 1, tau * dTau + 1.0);
  return lp;
}

function constrain(q: usize, out: usize): void {
  const mu = ld(q, J);
  const tau = Math.exp(ld(q, J + 1));
  for (let j = 0; j < J; j++) st(out, j, ld(q, j) * tau + mu);
  st(out, J, mu);
  st(out, J + 1, tau);
}

export function loadEightSchools(ptr: usize, len: i32): i32 {
  const n = len >= 1 ? count(ld(ptr, 0), 1, 100000) : -1;
  if (n < 0 || len != 1 + 2 * n) return -1;
  for (let j = 0; j < n; j++) if (!(ld(ptr, 1 + n + j) > 0)) return -2;
  J = n;
  y = ptr + 8;
  sigma = ptr + (<usize>(1 + n) << 3);
  setTarget(n + 2, n + 2, logDensity, constrain);
  return n + 2;
}
