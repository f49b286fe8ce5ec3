// Two-lane (f64x2) loops along time. Series are stored with an even length Tp (one zero pad
// when T is odd), lane 0 holds even t and lane 1 odd t. A reduction keeps one partial sum per
// lane and adds them at the end: the TypeScript baseline (src/engine/mmm/reference-vec.ts)
// sums in exactly this order, so the two agree bit for bit.

// @ts-ignore: decorator
@inline export function off(t: i32): usize {
  return <usize>t << 3;
}

/** Σ_t a_t b_t over t < Tp, lane-wise partial sums (one of a, b is zero in the pad). */
export function dotPairs(a: usize, b: usize, Tp: i32): f64 {
  let acc = f64x2.splat(0);
  for (let t = 0; t < Tp; t += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(a + off(t)), v128.load(b + off(t))));
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** Copies n f64s from src into dst and zero-fills dst up to m. */
export function copyPadded(dst: usize, src: usize, n: i32, m: i32): void {
  memory.copy(dst, src, <usize>n << 3);
  if (m > n) memory.fill(dst + off(n), 0, <usize>(m - n) << 3);
}
