// posteriordb kidscore_momiq (Gelman & Hill 2007; model.md in
// ../shared/data/posteriordb/kidiq-kidscore_momiq): kid_score ~ Normal(b1 + b2·mom_iq, σ),
// flat prior on β, σ ~ half-Cauchy(0, 2.5). Unconstrained q = (b1, b2, u), σ = exp(u):
//   log p = -log(1 + (σ/2.5)²) - N u - SSR / (2σ²) + u
// Block: [N, kid_score (N), mom_iq (N)].
import { setTarget } from '../target';
import { residuals } from './regression';
import { allocF64, count, ld, st } from './math';

let N: i32 = 0;
let X: usize = 0;
let y: usize = 0;
let xtr: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const u = ld(q, 2);
  const sigma = Math.exp(u);
  const s2 = sigma * sigma;
  const ssr = residuals(X, y, N, 2, q, xtr);
  st(grad, 0, ld(xtr, 0) / s2);
  st(grad, 1, ld(xtr, 1) / s2);
  const c = s2 / 6.25;
  st(grad, 2, (-2.0 * c) / (1.0 + c) - <f64>N + ssr / s2 + 1.0);
  return -Math.log1p(c) - <f64>N * u - ssr / (2.0 * s2) + u;
}

function constrain(q: usize, out: usize): void {
  st(out, 0, ld(q, 0));
  st(out, 1, ld(q, 1));
  st(out, 2, Math.exp(ld(q, 2)));
}

export function loadKidiq(ptr: usize, len: i32): i32 {
  const n = len >= 1 ? count(ld(ptr, 0), 1, 10000000) : -1;
  if (n < 0 || len != 1 + 2 * n) return -1;
  N = n;
  y = ptr + 8;
  // Design matrix [1, mom_iq], built once.
  X = allocF64(2 * n);
  for (let i = 0; i < n; i++) {
    st(X, 2 * i, 1.0);
    st(X, 2 * i + 1, ld(ptr, 1 + n + i));
  }
  xtr = allocF64(2);
  setTarget(3, 3, logDensity, constrain);
  return 3;
}
