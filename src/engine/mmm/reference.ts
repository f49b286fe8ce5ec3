// The plain-TypeScript baseline of the MMM log density and gradient: the same block, the
// same formulas in the same order as the WASM (assembly/engine/mmm/density.ts), every buffer
// preallocated. It is the oracle the WASM is checked against (to 1e-12) and the honest
// denominator of the WASM speed-up in bench/mmm-gradient.ts.
import * as B from './block';
import { log } from './fmath';
import { adstockWeights, digamma, dotPairs, lgamma, priorTerms, sat, saturationPoint } from './reference-kernels';

const LOG_SQRT_2PI = 0.91893853320467274178;

export class MmmReference {
  readonly T: number;
  readonly C: number;
  readonly K: number;
  readonly J: number;
  readonly L: number;
  readonly nLift: number;
  readonly dim: number;
  private readonly b: Float64Array;
  private readonly iI: number;
  private readonly iC: number;
  private readonly iF: number;
  private readonly iS: number;
  private readonly oP: number;
  private readonly oCh: number;
  private readonly oY: number;
  private readonly oX: number;
  private readonly oZ: number;
  private readonly oF: number;
  private readonly oLift: number;
  private readonly theta: Float64Array;
  private readonly jac: Float64Array;
  private readonly gth: Float64Array;
  private readonly mu: Float64Array;
  private readonly e: Float64Array;
  private readonly u: Float64Array;
  private readonly s: Float64Array;
  private readonly sa: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly a: Float64Array;
  private readonly w: Float64Array;
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;
  private readonly logTab: Float64Array;

  constructor(block: Float64Array) {
    if (block[B.H_MAGIC] !== B.BLOCK_MAGIC || block[B.H_LENGTH] !== block.length) throw new Error('MmmReference: not an MMM block');
    this.b = block;
    this.T = block[B.H_T];
    this.C = block[B.H_C];
    this.K = block[B.H_K];
    this.J = block[B.H_J];
    this.L = block[B.H_LMAX];
    this.nLift = block[B.H_NLIFT];
    this.dim = block[B.H_DIM];
    this.iI = block[B.H_IDX_INTERCEPT];
    this.iC = block[B.H_IDX_CONTROL];
    this.iF = block[B.H_IDX_FOURIER];
    this.iS = block[B.H_IDX_SIGMA];
    this.oP = block[B.H_OFF_PARAMS];
    this.oCh = block[B.H_OFF_CHANNELS];
    this.oY = block[B.H_OFF_YS];
    this.oX = block[B.H_OFF_XS];
    this.oZ = block[B.H_OFF_Z];
    this.oF = block[B.H_OFF_FOURIER];
    this.oLift = block[B.H_OFF_LIFT];
    const CT = this.C * this.T;
    const CL = this.C * this.L;
    this.theta = new Float64Array(this.dim);
    this.jac = new Float64Array(this.dim);
    this.gth = new Float64Array(this.dim);
    this.mu = new Float64Array(this.T);
    this.e = new Float64Array(this.T);
    this.u = new Float64Array(this.T);
    this.a = new Float64Array(CT);
    this.s = new Float64Array(CT);
    this.sa = new Float64Array(CT);
    this.s1 = new Float64Array(CT);
    this.s2 = new Float64Array(CT);
    this.w = new Float64Array(CL);
    this.d1 = new Float64Array(CL);
    this.d2 = new Float64Array(CL);
    this.logTab = new Float64Array(this.L);
    for (let l = 0; l < this.L; l++) this.logTab[l] = log(l + 1);
  }

  /** θ (constrained, layout order) at q. */
  constrain(q: ArrayLike<number>, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    priorTerms(this.b, this.oP, this.dim, q, out, this.jac, this.gth);
    return out;
  }

  /** log p(q), with d log p/dq written into grad. */
  logDensityGradient(q: ArrayLike<number>, grad: Float64Array): number {
    const { T, b, theta, gth, mu, e } = this;
    let lp = priorTerms(b, this.oP, this.dim, q, theta, this.jac, grad);
    gth.fill(0);
    const b0 = theta[this.iI];
    for (let t = 0; t < T; t++) mu[t] = b0;
    for (let k = 0; k < this.K; k++) this.addColumn(this.oZ + k * T, theta[this.iC + k]);
    for (let j = 0; j < this.J; j++) this.addColumn(this.oF + j * T, theta[this.iF + j]);
    for (let c = 0; c < this.C; c++) this.channelForward(c);

    const sigma = theta[this.iS];
    const prec = 1 / (sigma * sigma);
    // Partial sums over even and odd t, as the WASM's two lanes.
    let ssq0 = 0;
    let ssq1 = 0;
    let se0 = 0;
    let se1 = 0;
    for (let t = 0; t < T; t++) {
      const r = b[this.oY + t] - mu[t];
      const et = r * prec;
      e[t] = et;
      if ((t & 1) === 0) {
        ssq0 += r * r;
        se0 += et;
      } else {
        ssq1 += r * r;
        se1 += et;
      }
    }
    const ssq = ssq0 + ssq1;
    const se = se0 + se1;
    lp += -T * (log(sigma) + LOG_SQRT_2PI) - 0.5 * ssq * prec;
    gth[this.iS] = -T / sigma + (ssq * prec) / sigma;
    gth[this.iI] = se;
    for (let k = 0; k < this.K; k++) gth[this.iC + k] = this.dotE(this.oZ + k * T);
    for (let j = 0; j < this.J; j++) gth[this.iF + j] = this.dotE(this.oF + j * T);
    for (let c = 0; c < this.C; c++) this.channelBackward(c);
    lp += this.liftTerms();
    for (let i = 0; i < this.dim; i++) grad[i] += gth[i] * this.jac[i];
    return lp;
  }

  private addColumn(off: number, coef: number): void {
    const { T, b, mu } = this;
    for (let t = 0; t < T; t++) mu[t] += coef * b[off + t];
  }

  /** Σ_t e_t · block[off + t]. */
  private dotE(off: number): number {
    return dotPairs(this.e, 0, this.b, off, this.T);
  }

  private dotArr(arr: Float64Array, o: number): number {
    return dotPairs(this.e, 0, arr, o, this.T);
  }

  /** R_l = Σ_{t ≥ l} u_t x_{t−l}, partial sums by the parity of t (the WASM's lanes). */
  private lagDot(ox: number, l: number): number {
    const { T, u, b } = this;
    let s0 = 0;
    let s1 = 0;
    let t = l;
    if (t & 1 && t < T) s1 += u[t] * b[ox + t++ - l];
    for (; t + 1 < T; t += 2) {
      s0 += u[t] * b[ox + t - l];
      s1 += u[t + 1] * b[ox + t + 1 - l];
    }
    if (t < T) s0 += u[t] * b[ox + t - l];
    return s0 + s1;
  }

  private ch(c: number, slot: number): number {
    return this.b[this.oCh + c * B.CHANNEL_STRIDE + slot];
  }

  private channelForward(c: number): void {
    const { T, L, b, theta, a, w } = this;
    const iA2 = this.ch(c, B.CH_IDX_A2);
    const iS2 = this.ch(c, B.CH_IDX_S2);
    const oW = c * L;
    adstockWeights(this.ch(c, B.CH_ADSTOCK), theta[this.ch(c, B.CH_IDX_A1)], iA2 >= 0 ? theta[iA2] : 0, L, this.logTab, w, this.d1, this.d2, oW);
    const oX = this.oX + c * T;
    const oT = c * T;
    for (let t = 0; t < T; t++) {
      const top = Math.min(L - 1, t);
      let s = 0;
      for (let l = 0; l <= top; l++) s += w[oW + l] * b[oX + t - l];
      a[oT + t] = s;
    }
    const kind = this.ch(c, B.CH_SATURATION);
    const p1 = theta[this.ch(c, B.CH_IDX_S1)];
    const p2 = iS2 >= 0 ? theta[iS2] : 0;
    const beta = theta[this.ch(c, B.CH_IDX_BETA)];
    for (let t = 0; t < T; t++) {
      saturationPoint(kind, p1, p2, a[oT + t]);
      this.s[oT + t] = sat.value;
      this.sa[oT + t] = sat.da;
      this.s1[oT + t] = sat.d1;
      this.s2[oT + t] = sat.d2;
    }
    for (let t = 0; t < T; t++) this.mu[t] += beta * this.s[oT + t];
  }

  private channelBackward(c: number): void {
    const { T, L, b, theta, gth, e, u, w, d1, d2 } = this;
    const iB = this.ch(c, B.CH_IDX_BETA);
    const iS1 = this.ch(c, B.CH_IDX_S1);
    const iS2 = this.ch(c, B.CH_IDX_S2);
    const iA1 = this.ch(c, B.CH_IDX_A1);
    const iA2 = this.ch(c, B.CH_IDX_A2);
    const beta = theta[iB];
    const oT = c * T;
    gth[iB] += this.dotArr(this.s, oT);
    gth[iS1] += beta * this.dotArr(this.s1, oT);
    if (iS2 >= 0) gth[iS2] += beta * this.dotArr(this.s2, oT);
    for (let t = 0; t < T; t++) u[t] = beta * e[t] * this.sa[oT + t];
    const oX = this.oX + c * T;
    const oW = c * L;
    let g1 = 0;
    let g2 = 0;
    for (let l = 0; l < L; l++) {
      const r = this.lagDot(oX, l);
      const wl = w[oW + l];
      g1 += wl * d1[oW + l] * r;
      g2 += wl * d2[oW + l] * r;
    }
    gth[iA1] += g1;
    if (iA2 >= 0) gth[iA2] += g2;
  }

  /** Lift-test Gamma terms (assembly/engine/mmm/lift.ts). */
  private liftTerms(): number {
    const { b, theta, gth } = this;
    let lp = 0;
    for (let i = 0; i < this.nLift; i++) {
      const o = this.oLift + i * B.LIFT_STRIDE;
      const c = b[o];
      const xs = b[o + 1];
      const dxs = b[o + 2];
      const y = Math.abs(b[o + 3]);
      const sd = b[o + 4];
      const kind = this.ch(c, B.CH_SATURATION);
      const iS1 = this.ch(c, B.CH_IDX_S1);
      const iS2 = this.ch(c, B.CH_IDX_S2);
      const iB = this.ch(c, B.CH_IDX_BETA);
      const p1 = theta[iS1];
      const p2 = iS2 >= 0 ? theta[iS2] : 0;
      const beta = theta[iB];
      saturationPoint(kind, p1, p2, xs + dxs);
      const f1 = sat.value;
      const f1d1 = sat.d1;
      const f1d2 = sat.d2;
      saturationPoint(kind, p1, p2, xs);
      const diff = f1 - sat.value;
      const liftV = beta * diff;
      const m = Math.abs(liftV);
      if (m === 0) return -Infinity;
      const v = sd * sd;
      const a = (m * m) / v;
      const bb = m / v;
      const lb = log(bb);
      const ly = log(y);
      lp += a * lb - lgamma(a) + (a - 1) * ly - bb * y;
      const dm = ((2 * m) / v) * (lb + ly - digamma(a)) + (m - y) / v;
      const dl = liftV > 0 ? dm : -dm;
      gth[iB] += dl * diff;
      gth[iS1] += dl * beta * (f1d1 - sat.d1);
      if (iS2 >= 0) gth[iS2] += dl * beta * (f1d2 - sat.d2);
    }
    return lp;
  }
}
