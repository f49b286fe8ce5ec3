// posteriordb logmesquite (Gelman & Hill 2007; model.md in
// ../shared/data/posteriordb/mesquite-logmesquite): log(weight) ~ Normal(X β, σ) with
// X = [1, log diam1, log diam2, log canopy_height, log total_height, log density, group],
// flat priors on β and σ. Unconstrained q = (β[1..7], u), σ = exp(u):
//   log p = -(N - 1) u - SSR / (2σ²)
// Block: [N, weight, diam1, diam2, canopy_height, total_height, density, group (N each)];
// the logarithms are taken here, once, so every host derives the same data bits.
import { setTarget } from '../target';
import { residuals } from './regression';
import { allocF64, count, ld, st } from './math';

const K: i32 = 7;
let N: i32 = 0;
let X: usize = 0;
let y: usize = 0;
let xtr: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const u = ld(q, K);
  const s2 = Math.exp(2.0 * u);
  const ssr = residuals(X, y, N, K, q, xtr);
  for (let j = 0; j < K; j++) st(grad, j, ld(xtr, j) / s2);
  st(grad, K, -<f64>(N - 1) + ssr / s2);
  return -<f64>(N - 1) * u - ssr / (2.0 * s2);
}

function constrain(q: usize, out: usize): void {
  memory.copy(out, q, <usize>K << 3);
  st(out, K, Math.exp(ld(q, K)));
}

export function loadMesquite(ptr: usize, len: i32): i32 {
  const n = len >= 1 ? count(ld(ptr, 0), 1, 10000000) : -1;
  if (n < 0 || len != 1 + 7 * n) return -1;
  for (let i = 0; i < n; i++) for (let c = 0; c < 6; c++) if (!(col(ptr, n, c, i) > 0)) return -2;
  N = n;
  y = allocF64(n);
  X = allocF64(K * n);
  for (let i = 0; i < n; i++) {
    st(y, i, Math.log(col(ptr, n, 0, i)));
    st(X, K * i, 1.0);
    for (let c = 1; c < 6; c++) st(X, K * i + c, Math.log(col(ptr, n, c, i)));
    st(X, K * i + 6, col(ptr, n, 6, i));
  }
  xtr = allocF64(K);
  setTarget(K + 1, K + 1, logDensity, constrain);
  return K + 1;
}

/** Column c (0 = weight, ..., 6 = group), row i of the raw block. */
function col(ptr: usize, n: i32, c: i32, i: i32): f64 {
  return ld(ptr, 1 + c * n + i);
}
