// One channel's forward and backward pass in the TypeScript baseline: the same formulas and
// summation order as assembly/engine/mmm/channel.ts (partial sums by the parity of t, which
// are the WASM's two lanes). Buffers belong to the caller; nothing is allocated.
import { adstockWeights, sat, saturationPoint } from './reference-kernels';

/** One channel's buffers (length T for series, L for the kernel) and its place in the block. */
export interface RefChannel {
  adstock: number;
  saturation: number;
  iA1: number;
  iA2: number;
  iS1: number;
  iS2: number;
  iB: number;
  /** Offset of the channel's scaled media in the block. */
  oX: number;
  a: Float64Array;
  s: Float64Array;
  sa: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  w: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  reparam: boolean;
  sbar: number;
}

export function newChannel(T: number, L: number): Omit<RefChannel, 'adstock' | 'saturation' | 'iA1' | 'iA2' | 'iS1' | 'iS2' | 'iB' | 'oX'> {
  const f = (n: number) => new Float64Array(n);
  return { a: f(T), s: f(T), sa: f(T), s1: f(T), s2: f(T), w: f(L), d1: f(L), d2: f(L), reparam: false, sbar: 0 };
}

/** Weights, adstock, saturation and partials; returns S̄ = mean_t s_t. */
export function channelSeries(ch: RefChannel, b: Float64Array, theta: Float64Array, logTab: Float64Array, T: number, L: number): number {
  const { a, s, w } = ch;
  adstockWeights(ch.adstock, theta[ch.iA1], ch.iA2 >= 0 ? theta[ch.iA2] : 0, L, logTab, w, ch.d1, ch.d2, 0);
  for (let t = 0; t < T; t++) {
    let acc = 0;
    const top = Math.min(L - 1, t);
    for (let l = 0; l <= top; l++) acc += w[l] * b[ch.oX + t - l];
    a[t] = acc;
  }
  const p1 = theta[ch.iS1];
  const p2 = ch.iS2 >= 0 ? theta[ch.iS2] : 0;
  let s0 = 0;
  let s1 = 0;
  for (let t = 0; t < T; t++) {
    saturationPoint(ch.saturation, p1, p2, a[t]);
    s[t] = sat.value;
    ch.sa[t] = sat.da;
    ch.s1[t] = sat.d1;
    ch.s2[t] = sat.d2;
    if ((t & 1) === 0) s0 += sat.value;
    else s1 += sat.value;
  }
  return (s0 + s1) / T;
}

/**
 * R_l = Σ_{t ≥ l} u_t x_{t−l} into R[l], partial sums by the parity of t. Results go to an
 * array, not a return value: a double returned from a call V8 does not inline is boxed.
 */
function lagSums(u: Float64Array, b: Float64Array, ox: number, T: number, L: number, R: Float64Array): void {
  for (let l = 0; l < L; l++) {
    let s0 = 0;
    let s1 = 0;
    let t = l;
    if (t & 1 && t < T) s1 += u[t] * b[ox + t++ - l];
    for (; t + 1 < T; t += 2) {
      s0 += u[t] * b[ox + t - l];
      s1 += u[t + 1] * b[ox + t + 1 - l];
    }
    if (t < T) s0 += u[t] * b[ox + t - l];
    R[l] = s0 + s1;
  }
}

/** Backward results (θ scale): ∂/∂ saturation p1, p2 and adstock p1, p2. */
export const back = { s1: 0, s2: 0, a1: 0, a2: 0 };

/** The backward pass with ẽ_t = e_t − shift (assembly/engine/mmm/channel.ts channelBackward); u is T scratch, R is L scratch. */
export function channelBackward(ch: RefChannel, b: Float64Array, beta: number, e: Float64Array, shift: number, u: Float64Array, R: Float64Array, T: number, L: number): void {
  let p1 = 0;
  let q1 = 0;
  let p2 = 0;
  let q2 = 0;
  for (let t = 0; t < T; t++) {
    const ev = e[t] - shift * 1;
    if ((t & 1) === 0) {
      p1 += ev * ch.s1[t];
      p2 += ev * ch.s2[t];
    } else {
      q1 += ev * ch.s1[t];
      q2 += ev * ch.s2[t];
    }
    u[t] = beta * ev * ch.sa[t];
  }
  back.s1 = beta * (p1 + q1);
  back.s2 = beta * (p2 + q2);
  let g1 = 0;
  let g2 = 0;
  lagSums(u, b, ch.oX, T, L, R);
  for (let l = 0; l < L; l++) {
    g1 += ch.w[l] * ch.d1[l] * R[l];
    g2 += ch.w[l] * ch.d2[l] * R[l];
  }
  back.a1 = g1;
  back.a2 = g2;
}
