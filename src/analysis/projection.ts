// Exact Euclidean projection onto the budget set {x : Σ x_i = b, lo_i ≤ x_i ≤ hi_i}.
// The KKT conditions give x_i(τ) = clamp(y_i − τ, lo_i, hi_i) for one multiplier τ, and
// φ(τ) = Σ x_i(τ) is non-increasing and piecewise linear with breakpoints y_i − hi_i and
// y_i − lo_i; we find the segment holding φ(τ) = b and solve it (the breakpoint search of
// Helgason, Kennington & Lall 1980, "A polynomially bounded algorithm for a singly
// constrained quadratic program"; see Kiwiel 2008, J. Optim. Theory Appl. 136, for a survey).
// A final pass moves the rounding residual onto a coordinate with room, so Σ x = b holds to
// the last bit that floating point allows and no bound is ever crossed.

function phi(y: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, tau: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.min(hi[i], Math.max(lo[i], y[i] - tau));
  return s;
}

/** Precondition: lo ≤ hi and Σ lo ≤ b ≤ Σ hi (checked by the caller, see constraints.ts). */
export function projectOntoBudget(y: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, b: number, out: Float64Array = new Float64Array(y.length)): Float64Array {
  const n = y.length;
  const bps: number[] = [];
  for (let i = 0; i < n; i++) bps.push(y[i] - hi[i], y[i] - lo[i]);
  bps.sort((a, c) => a - c);
  // φ is non-increasing: find consecutive breakpoints with φ(t0) ≥ b ≥ φ(t1).
  let tau = bps[0];
  if (phi(y, lo, hi, bps[0]) <= b) tau = bps[0];
  else if (phi(y, lo, hi, bps[bps.length - 1]) >= b) tau = bps[bps.length - 1];
  else {
    let k0 = 0;
    let k1 = bps.length - 1;
    while (k1 - k0 > 1) {
      const mid = (k0 + k1) >> 1;
      if (phi(y, lo, hi, bps[mid]) >= b) k0 = mid;
      else k1 = mid;
    }
    const t0 = bps[k0];
    const t1 = bps[k1];
    const f0 = phi(y, lo, hi, t0);
    const f1 = phi(y, lo, hi, t1);
    tau = f0 === f1 ? t0 : t0 + ((f0 - b) * (t1 - t0)) / (f0 - f1);
  }
  for (let i = 0; i < n; i++) out[i] = Math.min(hi[i], Math.max(lo[i], y[i] - tau));
  settleResidual(out, lo, hi, b);
  return out;
}

/** Moves b − Σx onto coordinates with room (largest room first), never crossing a bound. */
export function settleResidual(x: Float64Array, lo: ArrayLike<number>, hi: ArrayLike<number>, b: number): void {
  for (let pass = 0; pass < 3; pass++) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    let r = b - s;
    if (r === 0) return;
    const order = Array.from(x.keys()).sort((i, j) => (r > 0 ? hi[j] - x[j] - (hi[i] - x[i]) : x[j] - lo[j] - (x[i] - lo[i])));
    for (const i of order) {
      const room = r > 0 ? hi[i] - x[i] : lo[i] - x[i];
      const step = r > 0 ? Math.min(r, room) : Math.max(r, room);
      x[i] += step;
      r -= step;
      if (r === 0) break;
    }
  }
}
