// posteriordb blr on the sblrc data (model.md in ../shared/data/posteriordb/sblrc-blr):
// y ~ Normal(X β, σ), β_d ~ Normal(0, 10), σ ~ half-Normal(0, 10). Unconstrained
// q = (β[1..D], u), σ = exp(u):
//   log p = -Σ β²/200 - σ²/200 - N u - SSR / (2σ²) + u
// Block: [N, D, y (N), X (N × D, row-major)].
import { setTarget } from '../target';
import { residuals } from './regression';
import { allocF64, count, ld, st } from './math';

let N: i32 = 0;
let D: i32 = 0;
let X: usize = 0;
let y: usize = 0;
let xtr: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const u = ld(q, D);
  const sigma = Math.exp(u);
  const s2 = sigma * sigma;
  const ssr = residuals(X, y, N, D, q, xtr);
  let prior: f64 = 0;
  for (let j = 0; j < D; j++) {
    const b = ld(q, j);
    prior += b * b;
    st(grad, j, ld(xtr, j) / s2 - b / 100.0);
  }
  st(grad, D, -s2 / 100.0 - <f64>N + ssr / s2 + 1.0);
  return -prior / 200.0 - s2 / 200.0 - <f64>N * u - ssr / (2.0 * s2) + u;
}

function constrain(q: usize, out: usize): void {
  memory.copy(out, q, <usize>D << 3);
  st(out, D, Math.exp(ld(q, D)));
}

export function loadBlr(ptr: usize, len: i32): i32 {
  const n = len >= 2 ? count(ld(ptr, 0), 1, 10000000) : -1;
  const k = len >= 2 ? count(ld(ptr, 1), 1, 10000) : -1;
  if (n < 0 || k < 0 || len != 2 + n + n * k) return -1;
  N = n;
  D = k;
  y = ptr + 16;
  X = ptr + (<usize>(2 + n) << 3);
  xtr = allocF64(k);
  setTarget(k + 1, k + 1, logDensity, constrain);
  return k + 1;
}
