// posteriordb arK, an AR(K) model (model.md in ../shared/data/posteriordb/arK-arK):
// y[t] ~ Normal(alpha + Σ_k beta[k] y[t-k], σ) for t = K+1..T, alpha, beta ~ Normal(0, 10),
// σ ~ half-Cauchy(0, 2.5). Unconstrained q = (alpha, beta[1..K], u), σ = exp(u):
//   log p = -alpha²/200 - Σ beta²/200 - log(1 + (σ/2.5)²) - (T-K) u - SSR / (2σ²) + u
// Block: [K, T, y (T)].
import { setTarget } from '../target';
import { count, ld, st } from './math';

let K: i32 = 0;
let T: i32 = 0;
let y: usize = 0;

function logDensity(q: usize, grad: usize): f64 {
  const alpha = ld(q, 0);
  const u = ld(q, K + 1);
  const s2 = Math.exp(2.0 * u);
  // grad[0..K] first collect Σ r_t · (1, y[t-1], ..., y[t-K]).
  for (let k = 0; k <= K; k++) st(grad, k, 0);
  let ssr: f64 = 0;
  for (let t = K; t < T; t++) {
    let m = alpha;
    for (let k = 1; k <= K; k++) m += ld(q, k) * ld(y, t - k);
    const r = ld(y, t) - m;
    ssr += r * r;
    st(grad, 0, ld(grad, 0) + r);
    for (let k = 1; k <= K; k++) st(grad, k, ld(grad, k) + r * ld(y, t - k));
  }
  let prior = alpha * alpha;
  st(grad, 0, ld(grad, 0) / s2 - alpha / 100.0);
  for (let k = 1; k <= K; k++) {
    const b = ld(q, k);
    prior += b * b;
    st(grad, k, ld(grad, k) / s2 - b / 100.0);
  }
  const c = s2 / 6.25;
  const n = <f64>(T - K);
  st(grad, K + 1, (-2.0 * c) / (1.0 + c) - n + ssr / s2 + 1.0);
  return -prior / 200.0 - Math.log1p(c) - n * u - ssr / (2.0 * s2) + u;
}

function constrain(q: usize, out: usize): void {
  memory.copy(out, q, <usize>(K + 1) << 3);
  st(out, K + 1, Math.exp(ld(q, K + 1)));
}

export function loadArK(ptr: usize, len: i32): i32 {
  const k = len >= 2 ? count(ld(ptr, 0), 0, 1000) : -1;
  const t = len >= 2 ? count(ld(ptr, 1), 0, 10000000) : -1;
  if (k < 0 || t < k || len != 2 + t) return -1;
  K = k;
  T = t;
  y = ptr + 16;
  setTarget(k + 2, k + 2, logDensity, constrain);
  return k + 2;
}
