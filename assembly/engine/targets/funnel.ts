// Neal's funnel (Neal 2003, "Slice sampling", section 8): v ~ Normal(0, 3),
// x_i | v ~ Normal(0, exp(v/2)), i = 1..d-1, sampled as is (centred). The neck at small v
// has curvature far beyond what one step size can follow, so NUTS reports divergences
// there (Betancourt & Girolami 2015). Block: [d].
//   log p = -v²/18 - (d-1) v/2 - ½ e^{-v} Σ x_i²
import { setTarget } from '../target';
import { count, ld, st } from './math';

let d: i32 = 0;

function logDensity(q: usize, grad: usize): f64 {
  const v = ld(q, 0);
  const ev = Math.exp(-v);
  let ss: f64 = 0;
  for (let i = 1; i < d; i++) {
    const x = ld(q, i);
    ss += x * x;
    st(grad, i, -x * ev);
  }
  const k = <f64>(d - 1);
  st(grad, 0, -v / 9.0 - 0.5 * k + 0.5 * ev * ss);
  return (-v * v) / 18.0 - 0.5 * k * v - 0.5 * ev * ss;
}

function constrain(q: usize, out: usize): void {
  memory.copy(out, q, <usize>d << 3);
}

export function loadFunnel(ptr: usize, len: i32): i32 {
  const n = len == 1 ? count(ld(ptr, 0), 2, 10000) : -1;
  if (n < 0) return -1;
  d = n;
  setTarget(n, n, logDensity, constrain);
  return n;
}
