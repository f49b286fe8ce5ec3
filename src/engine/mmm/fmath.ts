// exp, log and log1p as in assembly/engine/mmm/fmath.ts (Cephes exp.c; fdlibm e_log.c; see
// the comments there), operation for operation, so the TypeScript baseline and the WASM
// return bit-identical results. The 64-bit integer steps of log are done on the two 32-bit
// halves of the double, as fdlibm itself writes them.

const LOG2E = 1.4426950408889634073599;
const C1 = 6.93145751953125e-1;
const C2 = 1.42860682030941723212e-6;
const P0 = 1.26177193074810590878e-4;
const P1 = 3.029944077074419613e-2;
const P2 = 9.9999999999999999991e-1;
const Q0 = 3.00198505138664455042e-6;
const Q1 = 2.52448340349684104192e-3;
const Q2 = 2.27265548208155028766e-1;
const Q3 = 2.00000000000000000009;
const EXP_LO = -746;
const EXP_HI = 710;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const TWO54 = 1.8014398509481984e16;
const MIN_NORMAL = 2.2250738585072014e-308;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second
const LO = 1 - HI;

/** 2^n for n in [POW2_MIN, POW2_MIN + POW2.length), built from bits (exact). */
const POW2_MIN = -545;
const POW2 = (() => {
  const t = new Float64Array(1100);
  for (let i = 0; i < t.length; i++) {
    u32[LO] = 0;
    u32[HI] = (i + POW2_MIN + 1023) << 20;
    t[i] = f64[0];
  }
  return t;
})();

/**
 * Cephes exp.c's argument reduction and Padé form, shared by exp and expFrac: x = px·ln2 + r
 * (ln2 = C1 + C2 split for exactness), e^r = (qq + pp)/(qq - pp). Written into `pade`, so the
 * hot loops allocate nothing.
 */
const pade = { px: 0, pp: 0, qq: 0 };

function reduce(x: number): void {
  const px = Math.floor(LOG2E * x + 0.5);
  let r = x - px * C1;
  r = r - px * C2;
  const xx = r * r;
  pade.px = px;
  pade.pp = r * ((P0 * xx + P1) * xx + P2);
  pade.qq = ((Q0 * xx + Q1) * xx + Q2) * xx + Q3;
}

/** v·2^px as two exact powers of two (each half stays normal where 2^px alone would not), multiplied in that order as the WASM does. */
function scale2(v: number, px: number): number {
  const n1 = px >> 1;
  return v * POW2[n1 - POW2_MIN] * POW2[px - n1 - POW2_MIN];
}

export function exp(x: number): number {
  if (x !== x) return x;
  reduce(Math.min(Math.max(x, EXP_LO), EXP_HI));
  return scale2(1 + 2 * (pade.pp / (pade.qq - pade.pp)), pade.px);
}

/** A = 1/(1 + e^y), B = e^y/(1 + e^y) for y ≤ 0 with one division (assembly/engine/mmm/fmath.ts expFrac). */
export const frac = { a: 0, b: 0 };

export function expFrac(y: number): void {
  reduce(Math.max(y, EXP_LO));
  const D = pade.qq - pade.pp;
  const N = scale2(pade.qq + pade.pp, pade.px);
  const rho = 1 / (D + N);
  frac.a = D * rho;
  frac.b = N * rho;
}

export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x > 0 ? x : NaN;
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO54;
    k = -54;
  }
  f64[0] = x;
  const hx = u32[HI];
  k += (hx >>> 20) - 1023;
  const mh = hx & 0x000fffff;
  const i = (mh + 0x95f64) & 0x100000;
  u32[HI] = mh | (i ^ 0x3ff00000);
  k += i >>> 20;
  const f = f64[0] - 1;
  const dk = k;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
}

/** log(1 + x) via Goldberg's trick (What Every Computer Scientist Should Know…, 1991, Thm 4). */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  return log(u) * (x / (u - 1));
}
