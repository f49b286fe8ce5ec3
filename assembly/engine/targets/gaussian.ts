// Correlated Gaussian N(mean, Σ) on R^d, given by its precision P = Σ⁻¹ (computed in
// src/engine/test-targets.ts from Σ by Cholesky): log p = -½ (q-m)ᵀ P (q-m),
// ∇ log p = -P (q-m). Block: [d, mean (d), P (d × d, row-major)].
import { setTarget } from '../target';
import { allocF64, count, ld, st } from './math';

let d: i32 = 0;
let mean: usize = 0;
let prec: usize = 0;
let diff: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  for (let i = 0; i < d; i++) st(diff, i, ld(q, i) - ld(mean, i));
  let quad: f64 = 0;
  for (let i = 0; i < d; i++) {
    const row = prec + (<usize>(i * d) << 3);
    let s: f64 = 0;
    for (let j = 0; j < d; j++) s += ld(row, j) * ld(diff, j);
    st(grad, i, -s);
    quad += ld(diff, i) * s;
  }
  return -0.5 * quad;
}

function constrain(q: usize, out: usize): void {
  memory.copy(out, q, <usize>d << 3);
}

export function loadGaussian(ptr: usize, len: i32): i32 {
  const n = len >= 1 ? count(ld(ptr, 0), 1, 10000) : -1;
  if (n < 0 || len != 1 + n + n * n) return -1;
  d = n;
  mean = ptr + 8;
  prec = ptr + (<usize>(1 + n) << 3);
  diff = allocF64(n);
  setTarget(n, n, logDensity, constrain);
  return n;
}
