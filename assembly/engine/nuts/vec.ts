// Small vector kernels over raw f64 pointers (the sampler keeps every vector in memory it
// allocated once). No allocation, no bounds checks: callers pass the length.

@inline
export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline
export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** A fresh zeroed f64 vector; only for setup (samplerInit), never in the sampling loop. */
export function allocVec(n: i32): usize {
  const bytes = <usize>max(n, 1) << 3;
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

export function vcopy(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 3);
}

export function vfill(dst: usize, v: f64, n: i32): void {
  for (let i = 0; i < n; i++) st(dst, i, v);
}

/** dst = a + b (dst may alias a or b). */
export function vadd(dst: usize, a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(dst, i, ld(a, i) + ld(b, i));
}

/** a · b */
export function dot(a: usize, b: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += ld(a, i) * ld(b, i);
  return s;
}

/** a · (b + c), without a temporary for b + c. */
export function dotSum(a: usize, b: usize, c: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += ld(a, i) * (ld(b, i) + ld(c, i));
  return s;
}

/** True when every entry is finite (not NaN, not ±inf). */
export function allFinite(a: usize, n: i32): bool {
  for (let i = 0; i < n; i++) if (!isFinite<f64>(ld(a, i))) return false;
  return true;
}

/**
 * log(exp(a) + exp(b)) without overflow, with Stan's edge cases (stan/math log_sum_exp):
 * -inf is the identity, and +inf + +inf is +inf rather than NaN.
 */
export function logSumExp(a: f64, b: f64): f64 {
  if (a == -Infinity) return b;
  if (a == Infinity && b == Infinity) return Infinity;
  if (a > b) return a + log1pExp(b - a);
  return b + log1pExp(a - b);
}

/** log(1 + exp(x)), stable for both signs (stan/math log1p_exp). */
export function log1pExp(x: f64): f64 {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}
