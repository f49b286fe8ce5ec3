// exp and log, scalar and two lanes at a time (f64x2), with exactly the same operations in
// every form, so the scalar code, the SIMD code and the TypeScript port (src/engine/mmm/fmath.ts)
// return bit-identical results (WASM and JS arithmetic are both IEEE 754 without contraction).
//
// exp: Cephes exp.c (S. L. Moshier, Cephes Math Library 2.3, 1995): x = n ln2 + r with
// n = floor(x log2 e + 1/2) and ln2 split as C1 + C2 (C1 has few bits, so n·C1 is exact);
// e^r = 1 + 2r P(r²)/(Q(r²) − r P(r²)), a degree 2/3 Padé form on |r| ≤ ln2/2; Cephes reports
// a peak relative error of 2.0e-16 (IEEE, ±708). The 2^n is applied as 2^(n>>1) · 2^(n−(n>>1)),
// two exact power-of-two factors, so gradual underflow and the top of the range need no branch.
//
// log: fdlibm e_log.c (Sun Microsystems, 1993): x = 2^k (1 + f) with 1 + f in [√2/2, √2),
// s = f/(2 + f), log(1 + f) = f − hfsq + s (hfsq + R(s²)), R the Remez polynomial Lg1..Lg7,
// ln2 split into ln2_hi + ln2_lo; fdlibm reports an error below 1 ulp. We always take the
// hfsq form (fdlibm switches to f − s (f − R) for small f); tests/engine/mmm-fmath.test.ts
// measures the error of both functions against Math.exp / Math.log.

const LOG2E: f64 = 1.4426950408889634073599;
const C1: f64 = 6.93145751953125e-1;
const C2: f64 = 1.42860682030941723212e-6;
const P0: f64 = 1.26177193074810590878e-4;
const P1: f64 = 3.02994407707441961300e-2;
const P2: f64 = 9.99999999999999999910e-1;
const Q0: f64 = 3.00198505138664455042e-6;
const Q1: f64 = 2.52448340349684104192e-3;
const Q2: f64 = 2.27265548208155028766e-1;
const Q3: f64 = 2.00000000000000000009e0;
/** Inputs are clamped to [EXP_LO, EXP_HI]: e^x underflows to 0 below and overflows above. */
const EXP_LO: f64 = -746;
const EXP_HI: f64 = 710;

const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LG1: f64 = 6.666666666666735130e-1;
const LG2: f64 = 3.999999999940941908e-1;
const LG3: f64 = 2.857142874366239149e-1;
const LG4: f64 = 2.222219843214978396e-1;
const LG5: f64 = 1.818357216161805012e-1;
const LG6: f64 = 1.531383769920937332e-1;
const LG7: f64 = 1.479819860511658591e-1;
const TWO54: f64 = 1.8014398509481984e16;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
/** 1.5 · 2^52: adding an integer n (|n| < 2^51) to its bit pattern and subtracting it as a double gives n. */
const MAGIC: f64 = 6755399441055744.0;
const MAGIC_BITS: i64 = 0x4338000000000000;

// @ts-ignore: decorator
@inline function pow2(n: i32): f64 {
  return reinterpret<f64>(<i64>(n + 1023) << 52);
}

export function exp(x: f64): f64 {
  if (x != x) return x;
  x = min(max(x, EXP_LO), EXP_HI);
  const px = Math.floor(LOG2E * x + 0.5);
  const n = <i32>px;
  let r = x - px * C1;
  r = r - px * C2;
  const xx = r * r;
  const pp = r * ((P0 * xx + P1) * xx + P2);
  const qq = ((Q0 * xx + Q1) * xx + Q2) * xx + Q3;
  const y = 1 + 2 * (pp / (qq - pp));
  const n1 = n >> 1;
  return y * pow2(n1) * pow2(n - n1);
}

// @ts-ignore: decorator
@inline export function expV(x: v128): v128 {
  // pmax/pmin are single instructions; a NaN lane passes through both, as in the scalar form.
  x = f64x2.pmin(f64x2.pmax(x, f64x2.splat(EXP_LO)), f64x2.splat(EXP_HI));
  const px = f64x2.floor(f64x2.add(f64x2.mul(f64x2.splat(LOG2E), x), f64x2.splat(0.5)));
  let r = f64x2.sub(x, f64x2.mul(px, f64x2.splat(C1)));
  r = f64x2.sub(r, f64x2.mul(px, f64x2.splat(C2)));
  const xx = f64x2.mul(r, r);
  const pp = f64x2.mul(r, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(P0), xx), f64x2.splat(P1)), xx), f64x2.splat(P2)));
  const qq = f64x2.add(
    f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(Q0), xx), f64x2.splat(Q1)), xx), f64x2.splat(Q2)), xx),
    f64x2.splat(Q3),
  );
  const y = f64x2.add(f64x2.splat(1), f64x2.mul(f64x2.splat(2), f64x2.div(pp, f64x2.sub(qq, pp))));
  // n1 = floor(n/2) = n >> 1, n2 = n − n1; 2^k from the bits of k + 1.5·2^52, whose low 12 bits
  // are k mod 2^12: shifted into the exponent field after adding the bias.
  const n1 = f64x2.floor(f64x2.mul(px, f64x2.splat(0.5)));
  const n2 = f64x2.sub(px, n1);
  const magic = f64x2.splat(MAGIC);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(f64x2.add(n1, magic), bias), 52);
  const s2 = i64x2.shl(i64x2.add(f64x2.add(n2, magic), bias), 52);
  return f64x2.mul(f64x2.mul(y, s1), s2);
}

/**
 * For y ≤ 0: A = 1/(1 + e^y) and B = e^y/(1 + e^y) with one division. The Cephes form gives
 * e^y = 2^n (Q + P)/(Q − P) (P = r P(r²), Q = Q(r²)), so with D = Q − P and N = 2^n (Q + P):
 * A = D/(D + N), B = N/(D + N). Results in fracA, fracB (scalar) and fracAV, fracBV (lanes).
 */
export let fracA: f64 = 0;
export let fracB: f64 = 0;
export let fracAV: v128 = f64x2.splat(0);
export let fracBV: v128 = f64x2.splat(0);

export function expFrac(y: f64): void {
  y = max(y, EXP_LO);
  const px = Math.floor(LOG2E * y + 0.5);
  const n = <i32>px;
  let r = y - px * C1;
  r = r - px * C2;
  const xx = r * r;
  const pp = r * ((P0 * xx + P1) * xx + P2);
  const qq = ((Q0 * xx + Q1) * xx + Q2) * xx + Q3;
  const n1 = n >> 1;
  const D = qq - pp;
  const N = (qq + pp) * pow2(n1) * pow2(n - n1);
  const rho = 1 / (D + N);
  fracA = D * rho;
  fracB = N * rho;
}

// @ts-ignore: decorator
@inline export function expFracV(y: v128): void {
  y = f64x2.pmax(y, f64x2.splat(EXP_LO));
  const px = f64x2.floor(f64x2.add(f64x2.mul(f64x2.splat(LOG2E), y), f64x2.splat(0.5)));
  let r = f64x2.sub(y, f64x2.mul(px, f64x2.splat(C1)));
  r = f64x2.sub(r, f64x2.mul(px, f64x2.splat(C2)));
  const xx = f64x2.mul(r, r);
  const pp = f64x2.mul(r, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(P0), xx), f64x2.splat(P1)), xx), f64x2.splat(P2)));
  const qq = f64x2.add(
    f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.splat(Q0), xx), f64x2.splat(Q1)), xx), f64x2.splat(Q2)), xx),
    f64x2.splat(Q3),
  );
  const n1 = f64x2.floor(f64x2.mul(px, f64x2.splat(0.5)));
  const n2 = f64x2.sub(px, n1);
  const magic = f64x2.splat(MAGIC);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(f64x2.add(n1, magic), bias), 52);
  const s2 = i64x2.shl(i64x2.add(f64x2.add(n2, magic), bias), 52);
  const D = f64x2.sub(qq, pp);
  const N = f64x2.mul(f64x2.mul(f64x2.add(qq, pp), s1), s2);
  const rho = f64x2.div(f64x2.splat(1), f64x2.add(D, N));
  fracAV = f64x2.mul(D, rho);
  fracBV = f64x2.mul(N, rho);
}

/** log(1 + f) − k·0 for the reduced argument: the fdlibm kernel shared by both forms. */
// @ts-ignore: decorator
@inline function logKernel(f: f64, dk: f64): f64 {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
}

export function log(x: f64): f64 {
  if (!(x > 0) || x == Infinity) return x == 0 ? -Infinity : x > 0 ? x : NaN;
  let k: i64 = 0;
  if (x < MIN_NORMAL) {
    x *= TWO54;
    k = -54;
  }
  const bits = reinterpret<i64>(x);
  k += (bits >>> 52) - 1023;
  const m = bits & 0x000fffffffffffff;
  const i = (m + 0x00095f6400000000) & 0x0010000000000000;
  k += i >>> 52;
  const f = reinterpret<f64>(m | (i ^ 0x3ff0000000000000)) - 1;
  const dk = reinterpret<f64>(MAGIC_BITS + k) - MAGIC;
  return logKernel(f, dk);
}

// @ts-ignore: decorator
@inline export function logV(x: v128): v128 {
  const tiny = f64x2.lt(x, f64x2.splat(MIN_NORMAL));
  const xs = v128.bitselect(f64x2.mul(x, f64x2.splat(TWO54)), x, tiny);
  const k0 = v128.and(tiny, i64x2.splat(-54));
  const bits = xs;
  const m = v128.and(bits, i64x2.splat(0x000fffffffffffff));
  const i = v128.and(i64x2.add(m, i64x2.splat(0x00095f6400000000)), i64x2.splat(0x0010000000000000));
  const k = i64x2.add(i64x2.add(k0, i64x2.sub(i64x2.shr_u(bits, 52), i64x2.splat(1023))), i64x2.shr_u(i, 52));
  const f = f64x2.sub(v128.or(m, v128.xor(i, i64x2.splat(0x3ff0000000000000))), f64x2.splat(1));
  const dk = f64x2.sub(i64x2.add(k, i64x2.splat(MAGIC_BITS)), f64x2.splat(MAGIC));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))));
  const t2 = f64x2.mul(
    z,
    f64x2.add(f64x2.splat(LG1), f64x2.mul(w, f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))))),
  );
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const inner = f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(dk, f64x2.splat(LN2_LO)))), f);
  const y = f64x2.sub(f64x2.mul(dk, f64x2.splat(LN2_HI)), inner);
  // Zero → −∞, negative or NaN → NaN, +∞ → +∞ (as the scalar form).
  const ok = v128.and(f64x2.gt(x, f64x2.splat(0)), f64x2.lt(x, f64x2.splat(Infinity)));
  const special = v128.bitselect(f64x2.splat(-Infinity), v128.bitselect(x, f64x2.splat(NaN), f64x2.gt(x, f64x2.splat(0))), f64x2.eq(x, f64x2.splat(0)));
  return v128.bitselect(y, special, ok);
}

/** log(1 + x) via Goldberg's trick (What Every Computer Scientist Should Know…, 1991, Thm 4). */
export function log1p(x: f64): f64 {
  const u = 1 + x;
  if (u == 1) return x;
  return log(u) * (x / (u - 1));
}
