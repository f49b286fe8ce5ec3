// Two-lane (f64x2) loops along time. Series are stored with an even length Tp (one zero pad
// when T is odd), lane 0 holds even t and lane 1 odd t. A reduction keeps one partial sum per
// lane and adds them at the end: the TypeScript baseline (src/engine/mmm/reference.ts) sums
// in exactly this order, so the two agree bit for bit. Reductions over several series share
// one pass with independent accumulators (the adds are latency-bound otherwise), which does
// not change any single sum's order.

// @ts-ignore: decorator
@inline export function off(t: i32): usize {
  return <usize>t << 3;
}

// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * out[j] = Σ_t a_t b_{j,t} for the n series b_j = b + j·stride (f64s), t < Tp; one of a, b_j
 * is zero in the pad. Four series per pass; a last pass of one to three series repeats its
 * last series in the spare accumulators (cheaper than passes of one, which wait on their adds).
 */
export function dotMany(a: usize, b: usize, stride: i32, n: i32, Tp: i32, out: usize): void {
  for (let j = 0; j < n; j += 4) {
    const last = n - 1;
    const b0 = b + off(j * stride);
    const b1 = b + off(min(j + 1, last) * stride);
    const b2 = b + off(min(j + 2, last) * stride);
    const b3 = b + off(min(j + 3, last) * stride);
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    for (let t = 0; t < Tp; t += 2) {
      const o = off(t);
      const av = v128.load(a + o);
      s0 = f64x2.add(s0, f64x2.mul(av, v128.load(b0 + o)));
      s1 = f64x2.add(s1, f64x2.mul(av, v128.load(b1 + o)));
      s2 = f64x2.add(s2, f64x2.mul(av, v128.load(b2 + o)));
      s3 = f64x2.add(s3, f64x2.mul(av, v128.load(b3 + o)));
    }
    store<f64>(out + off(j), hsum(s0));
    if (j + 1 < n) store<f64>(out + off(j + 1), hsum(s1));
    if (j + 2 < n) store<f64>(out + off(j + 2), hsum(s2));
    if (j + 3 < n) store<f64>(out + off(j + 3), hsum(s3));
  }
}

/** Copies n f64s from src into dst and zero-fills dst up to m. */
export function copyPadded(dst: usize, src: usize, n: i32, m: i32): void {
  memory.copy(dst, src, <usize>n << 3);
  if (m > n) memory.fill(dst + off(n), 0, <usize>(m - n) << 3);
}
