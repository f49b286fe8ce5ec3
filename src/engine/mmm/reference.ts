// The plain-TypeScript baseline of the MMM log density and gradient: the same block, the
// same formulas in the same order as the WASM (assembly/engine/mmm/density.ts, reparam.ts),
// every buffer preallocated. It is the oracle the WASM is checked against and the honest
// denominator of the WASM speed-up in bench/mmm-gradient.ts.
import * as B from './block';
import { log } from './fmath';
import { back, channelBackward, channelSeries, newChannel, type RefChannel } from './reference-channel';
import { digamma, dotPairs, lgamma, priorTerm, priorTerms, sat, saturationPoint } from './reference-kernels';
import { readRoasRows, roasPriorTerm, roasShift, type RefRoas } from './reference-roas';

const LOG_SQRT_2PI = 0.91893853320467274178;
const LOG_TRANSFORMED: number[] = [B.DIST_CODE.half_normal, B.DIST_CODE.gamma, B.DIST_CODE.log_normal];

export class MmmReference {
  readonly T: number;
  readonly K: number;
  readonly J: number;
  readonly L: number;
  readonly dim: number;
  private readonly b: Float64Array;
  private readonly iI: number;
  private readonly iCols: number;
  private readonly iS: number;
  private readonly oP: number;
  private readonly oY: number;
  private readonly oZ: number;
  private readonly oLift: number;
  private readonly oMeans: number;
  private readonly nLift: number;
  private readonly level: boolean;
  private readonly priorOnly: boolean;
  private readonly roas: Array<RefRoas | undefined>;
  private readonly deferred: Uint8Array;
  private readonly invScale: Float64Array;
  private readonly logJacobian: number;
  private readonly uq: Float64Array;
  private readonly ch: RefChannel[];
  private readonly theta: Float64Array;
  private readonly jac: Float64Array;
  private readonly gth: Float64Array;
  private readonly scratch: Float64Array;
  private readonly mu: Float64Array;
  private readonly e: Float64Array;
  private readonly u: Float64Array;
  private readonly R: Float64Array;
  private readonly logTab: Float64Array;

  constructor(block: Float64Array) {
    if (block[B.H_MAGIC] !== B.BLOCK_MAGIC || block[B.H_LENGTH] !== block.length) throw new Error('MmmReference: not an MMM block');
    const b = (this.b = block);
    const T = (this.T = b[B.H_T]);
    this.K = b[B.H_K];
    this.J = b[B.H_J];
    const L = (this.L = b[B.H_LMAX]);
    this.dim = b[B.H_DIM];
    this.nLift = b[B.H_NLIFT];
    this.iI = b[B.H_IDX_INTERCEPT];
    this.iCols = this.K > 0 ? b[B.H_IDX_CONTROL] : Math.max(b[B.H_IDX_FOURIER], 0);
    this.iS = b[B.H_IDX_SIGMA];
    this.oP = b[B.H_OFF_PARAMS];
    this.oY = b[B.H_OFF_YS];
    this.oZ = b[B.H_OFF_Z];
    this.oLift = b[B.H_OFF_LIFT];
    this.oMeans = b[B.H_OFF_COLMEANS];
    const dist = (i: number) => b[this.oP + i * B.PARAM_STRIDE];
    const flags = b[B.H_FLAGS];
    this.deferred = new Uint8Array(this.dim);
    this.priorOnly = (flags & B.FLAG_SAMPLE_PRIOR) !== 0;
    this.roas = readRoasRows(b, b[B.H_C]);
    this.ch = Array.from({ length: b[B.H_C] }, (_, c) => {
      const o = b[B.H_OFF_CHANNELS] + c * B.CHANNEL_STRIDE;
      const ch: RefChannel = {
        ...newChannel(T, L),
        adstock: b[o + B.CH_ADSTOCK],
        saturation: b[o + B.CH_SATURATION],
        iA1: b[o + B.CH_IDX_A1],
        iA2: b[o + B.CH_IDX_A2],
        iS1: b[o + B.CH_IDX_S1],
        iS2: b[o + B.CH_IDX_S2],
        iB: b[o + B.CH_IDX_BETA],
        oX: b[B.H_OFF_XS] + c * T,
      };
      ch.reparam = (flags & B.FLAG_MEAN_CONTRIBUTION) !== 0 && LOG_TRANSFORMED.includes(dist(ch.iB));
      if (ch.reparam || this.roas[c]) this.deferred[ch.iB] = 1;
      return ch;
    });
    const isReal = (i: number) => dist(i) === B.DIST_CODE.normal || dist(i) === B.DIST_CODE.laplace;
    this.level = (flags & B.FLAG_LEVEL_INTERCEPT) !== 0 && isReal(this.iI);
    if (this.level) this.deferred[this.iI] = 1;
    this.invScale = new Float64Array(this.dim).fill(1);
    if (flags & B.FLAG_COLUMN_SCALE) {
      if (isReal(this.iI)) this.invScale[this.iI] = 1 / Math.sqrt(T);
      const nCols = this.K + this.J;
      for (let k = 0; k < nCols; k++) {
        const norm = b[this.oMeans + nCols + k];
        if (isReal(this.iCols + k) && norm > 0) this.invScale[this.iCols + k] = 1 / norm;
      }
    }
    let lj = 0;
    for (let i = 0; i < this.dim; i++) lj += log(this.invScale[i]);
    this.logJacobian = (flags & B.FLAG_COLUMN_SCALE) !== 0 ? lj : 0;
    this.uq = new Float64Array(this.dim);
    const f = (n: number) => new Float64Array(n);
    [this.theta, this.jac, this.gth, this.scratch] = [f(this.dim), f(this.dim), f(this.dim), f(this.dim)];
    [this.mu, this.e, this.u, this.R] = [f(T), f(T), f(T), f(L)];
    this.logTab = Float64Array.from({ length: L }, (_, l) => log(l + 1));
  }

  /** θ (constrained, layout order) at the sampler's coordinates u. */
  constrain(u: ArrayLike<number>, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    this.thetaFromU(u, this.scratch);
    out.set(this.theta);
    return out;
  }

  /**
   * The sampler's coordinates u of a constrained point θ (layout order), the inverse of
   * constrain(): for explicit initial points (ChainJob.init) given as model variables.
   */
  unconstrain(thetaIn: ArrayLike<number>, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    const { b, theta } = this;
    theta.set(thetaIn);
    for (let i = 0; i < this.dim; i++) {
      const d = b[this.oP + i * B.PARAM_STRIDE];
      const th = theta[i];
      out[i] = d === B.DIST_CODE.beta ? Math.log(th / (1 - th)) : LOG_TRANSFORMED.includes(d) ? Math.log(th) : th;
    }
    for (const ch of this.ch) {
      ch.sbar = channelSeries(ch, b, theta, this.logTab, this.T, this.L);
      if (ch.reparam) out[ch.iB] += Math.log(ch.sbar);
    }
    if (this.level) {
      let level = theta[this.iI];
      for (const ch of this.ch) level += theta[ch.iB] * ch.sbar;
      for (let k = 0; k < this.K + this.J; k++) level += theta[this.iCols + k] * b[this.oMeans + k];
      out[this.iI] = level;
    }
    for (let i = 0; i < this.dim; i++) out[i] /= this.invScale[i];
    return out;
  }

  /** θ from u with the channels' forward series (assembly/engine/mmm/reparam.ts thetaFromU). */
  private thetaFromU(uIn: ArrayLike<number>, grad: Float64Array): number {
    const { b, theta, jac } = this;
    const u = this.uq;
    for (let i = 0; i < this.dim; i++) u[i] = uIn[i] * this.invScale[i];
    let lp = this.logJacobian + priorTerms(b, this.oP, this.dim, u, theta, jac, grad, this.deferred);
    const C = this.ch.length;
    for (let c = 0; c < C; c++) {
      const ch = this.ch[c];
      ch.sbar = channelSeries(ch, b, theta, this.logTab, this.T, this.L);
      const r = this.roas[c];
      if (r) {
        const qB = ch.reparam ? u[ch.iB] - log(ch.sbar) : u[ch.iB];
        lp += roasPriorTerm(r, ch, b, this.oP, qB, theta[ch.iS1], ch.iS2 >= 0 ? theta[ch.iS2] : 0, theta, jac, grad);
      } else if (ch.reparam) lp += priorTerm(b, this.oP, ch.iB, u[ch.iB] - log(ch.sbar), theta, jac, grad);
    }
    if (this.level) {
      let b0 = u[this.iI];
      for (let c = 0; c < C; c++) b0 -= theta[this.ch[c].iB] * this.ch[c].sbar;
      for (let k = 0; k < this.K + this.J; k++) b0 -= theta[this.iCols + k] * b[this.oMeans + k];
      lp += priorTerm(b, this.oP, this.iI, b0, theta, jac, grad);
    }
    return lp;
  }

  /** log p(u), with d log p/du written into grad. */
  logDensityGradient(u: ArrayLike<number>, grad: Float64Array): number {
    const { gth } = this;
    const nCols = this.K + this.J;
    let lp = this.thetaFromU(u, grad);
    gth.fill(0);
    if (this.priorOnly) this.e.fill(0);
    else lp = this.likelihood(lp);
    const gI = grad[this.iI] + gth[this.iI] * this.jac[this.iI];
    this.channelsBackward(grad, gI);
    for (let i = 0; i < this.dim; i++) grad[i] += gth[i] * this.jac[i];
    if (this.level) {
      for (let c = 0; c < this.ch.length; c++) {
        const ch = this.ch[c];
        grad[ch.iB] -= gI * ch.sbar * this.jac[ch.iB];
      }
      for (let k = 0; k < nCols; k++) grad[this.iCols + k] -= gI * this.b[this.oMeans + k] * this.jac[this.iCols + k];
    }
    for (let i = 0; i < this.dim; i++) grad[i] *= this.invScale[i];
    return lp;
  }

  /** The Normal likelihood and the lift terms added to lp0 (density.ts likelihood), gradients into gth, e_t set. */
  private likelihood(lp0: number): number {
    const { T, b, theta, gth, mu, e } = this;
    const nCols = this.K + this.J;
    const b0 = theta[this.iI];
    for (let t = 0; t < T; t++) mu[t] = b0;
    for (let k = 0; k < nCols; k++) {
      const coef = theta[this.iCols + k];
      for (let t = 0; t < T; t++) mu[t] += coef * b[this.oZ + k * T + t];
    }
    for (let c = 0; c < this.ch.length; c++) {
      const s = this.ch[c].s;
      const beta = theta[this.ch[c].iB];
      for (let t = 0; t < T; t++) mu[t] += beta * s[t];
    }
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
    let lp = lp0 + (-T * (log(sigma) + LOG_SQRT_2PI) - 0.5 * ssq * prec);
    gth[this.iS] = -T / sigma + (ssq * prec) / sigma;
    gth[this.iI] = se0 + se1;
    for (let k = 0; k < nCols; k++) gth[this.iCols + k] = dotPairs(e, 0, b, this.oZ + k * T, T);
    lp += this.liftTerms();
    return lp;
  }

  private channelsBackward(grad: Float64Array, gI: number): void {
    const { T, b, theta, gth } = this;
    for (let c = 0; c < this.ch.length; c++) {
      const ch = this.ch[c];
      const beta = theta[ch.iB];
      gth[ch.iB] += dotPairs(this.e, 0, ch.s, 0, T);
      const gB = grad[ch.iB] + gth[ch.iB] * this.jac[ch.iB];
      const r = this.roas[c];
      const shift = (ch.reparam ? gB / (beta * T * ch.sbar) : this.level ? gI / T : 0) + roasShift(r, ch, beta, T);
      channelBackward(ch, b, beta, this.e, shift, this.u, this.R, T, this.L);
      gth[ch.iS1] += back.s1;
      if (ch.iS2 >= 0) gth[ch.iS2] += back.s2;
      if (r && r.scope === B.ROAS_TEST) {
        gth[ch.iS1] += r.g * r.d1;
        if (ch.iS2 >= 0) gth[ch.iS2] += r.g * r.d2;
      }
      gth[ch.iA1] += back.a1;
      if (ch.iA2 >= 0) gth[ch.iA2] += back.a2;
    }
  }

  /** Lift-test Gamma terms (assembly/engine/mmm/lift.ts). */
  private liftTerms(): number {
    const { b, theta, gth } = this;
    let lp = 0;
    for (let i = 0; i < this.nLift; i++) {
      const o = this.oLift + i * B.LIFT_STRIDE;
      const ch = this.ch[b[o]];
      const xs = b[o + 1];
      const dxs = b[o + 2];
      const y = Math.abs(b[o + 3]);
      const sd = b[o + 4];
      const p1 = theta[ch.iS1];
      const p2 = ch.iS2 >= 0 ? theta[ch.iS2] : 0;
      const beta = theta[ch.iB];
      saturationPoint(ch.saturation, p1, p2, xs + dxs);
      const f1 = sat.value;
      const f1d1 = sat.d1;
      const f1d2 = sat.d2;
      saturationPoint(ch.saturation, p1, p2, xs);
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
      gth[ch.iB] += dl * diff;
      gth[ch.iS1] += dl * beta * (f1d1 - sat.d1);
      if (ch.iS2 >= 0) gth[ch.iS2] += dl * beta * (f1d2 - sat.d2);
    }
    return lp;
  }
}
