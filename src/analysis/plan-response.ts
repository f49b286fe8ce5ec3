// The outcome of a budget plan per posterior draw, for plans that spend a constant amount
// s_c per period on channel c over a horizon of N periods (issue 5):
// adstock is seeded from the last l_max − 1 periods of history, spend after the horizon is
// zero, and the outcome is the media contribution summed over the N periods plus the
// l_max − 1 periods of carry-over after them.
//
// With a constant plan the adstocked media at horizon position t is
//   a_t = h_t + g_t · s_c / xmax_c,   h_t = Σ_{l > t} w_l xs_hist[T + t − l],
//   g_t = Σ_{l : 0 ≤ t − l ≤ N − 1} w_l,
// and for l_max − 1 ≤ t ≤ N − 1 (the interior) h_t = 0 and g_t = Σ_l w_l = 1: every interior
// period has the same value. So one channel's outcome in one draw is
//   R(s) = beta·max|y| · [ m·sat(s/xmax) + Σ_{edge t} sat(h_t + g_t·s/xmax) ]
// with m interior periods and at most 2(l_max − 1) edge periods. This is exact (tests
// compare it with the full forward pass) and independent of N in cost, and it makes the
// mean objective separable across channels.
import type { ModelSpec, SaturationKind } from '../core/types';
import { paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../model/forward';
import { adstockWeights, type AdstockParams, type SaturationParams } from '../model/kernels';

/**
 * Hill's derivative at a = 0 is infinite for slope < 1; gradients take it at a tiny positive
 * a instead, which is finite and still points away from zero spend.
 */
const TINY = 1e-12;

export class PlanResponse {
  readonly n: number;
  readonly C: number;
  readonly channels: string[];
  /** Spend per period of each channel over the last min(N, T) periods of history. */
  readonly current: Float64Array;
  readonly xMax: Float64Array;
  /** Interior periods and edge periods per channel-draw. */
  readonly interior: number;
  readonly edges: number;
  private readonly hill: Uint8Array;
  private readonly scale: Float64Array;
  private readonly p1: Float64Array;
  private readonly p2: Float64Array;
  private readonly gsum: Float64Array;
  private readonly h: Float64Array;
  private readonly g: Float64Array;
  /** Derivative of the last `channelValue` call (avoids allocating a pair). */
  lastDeriv = 0;

  constructor(
    fd: ForwardData,
    spec: ModelSpec,
    draws: DrawMatrix,
    readonly horizon: number,
  ) {
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a whole number of periods ≥ 1, got ${horizon}`);
    const { T, C, lMax: L } = fd;
    const N = horizon;
    this.n = draws.n;
    this.C = C;
    this.channels = spec.channels.map((c) => c.name);
    this.xMax = Float64Array.from(fd.channelMax);
    this.current = new Float64Array(C);
    const last = Math.min(N, T);
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let t = T - last; t < T; t++) s += fd.spend[c * T + t];
      this.current[c] = s / last;
    }
    const edgeT: number[] = [];
    for (let t = 0; t <= N + L - 2; t++) if (!(t >= L - 1 && t <= N - 1)) edgeT.push(t);
    this.interior = Math.max(0, N - (L - 1));
    this.edges = edgeT.length;
    const E = this.edges;
    const n = draws.n;
    this.hill = Uint8Array.from(spec.channels, (c) => (c.saturation === 'hill' ? 1 : 0));
    this.scale = new Float64Array(n * C);
    this.p1 = new Float64Array(n * C);
    this.p2 = new Float64Array(n * C);
    this.gsum = new Float64Array(n * C);
    this.h = new Float64Array(n * C * E);
    this.g = new Float64Array(n * C * E);
    const idx = paramIndex(spec);
    const w = new Float64Array(L);
    const ad: AdstockParams = {};
    const sp: SaturationParams = {};
    for (let d = 0; d < n; d++)
      for (let c = 0; c < C; c++) {
        const ci = idx.channels[c];
        const j = d * C + c;
        this.scale[j] = readChannelParams(ci, draws.values, d * draws.stride, ad, sp) * fd.targetMaxAbs;
        // Stored for the inner loops: lam/2 (logistic) or 1/kappa (hill).
        this.p1[j] = ci.saturation === 'hill' ? 1 / sp.kappa! : 0.5 * sp.lam!;
        this.p2[j] = ci.saturation === 'hill' ? sp.slope! : 0;
        adstockWeights(ci.adstock, ad, L, w);
        let ws = 0;
        for (let l = 0; l < L; l++) ws += w[l];
        this.gsum[j] = ws;
        for (let e = 0; e < E; e++) {
          const t = edgeT[e];
          let hv = 0;
          let gv = 0;
          for (let l = 0; l < L; l++) {
            const u = t - l;
            if (u < 0) {
              if (T + u >= 0) hv += w[l] * fd.xs[c * T + T + u];
            } else if (u <= N - 1) gv += w[l];
          }
          this.h[j * E + e] = hv;
          this.g[j * E + e] = gv;
        }
      }
  }

  /**
   * Channel c's outcome in draw d at s per period. Logistic: sat = tanh(k·a) with
   * k = lam/2 (MODEL.md §2's (1 − e^{−λa})/(1 + e^{−λa})); Hill: r/(1 + r), r = (a/kappa)^slope.
   */
  channelValue(c: number, d: number, s: number): number {
    const j = d * this.C + c;
    const x = s / this.xMax[c];
    const E = this.edges;
    const gs = this.gsum[j];
    const k = this.p1[j];
    let v = 0;
    if (this.hill[c] === 0) {
      if (this.interior > 0) v += this.interior * Math.tanh(k * x * gs);
      for (let e = j * E, end = e + E; e < end; e++) v += Math.tanh(k * (this.h[e] + this.g[e] * x));
    } else {
      const sl = this.p2[j];
      if (this.interior > 0 && x > 0) {
        const r = Math.pow(k * (x * gs), sl);
        v += (this.interior * r) / (1 + r);
      }
      for (let e = j * E, end = e + E; e < end; e++) {
        const a = this.h[e] + this.g[e] * x;
        if (a > 0) {
          const r = Math.pow(k * a, sl);
          v += r / (1 + r);
        }
      }
    }
    return this.scale[j] * v;
  }

  /** Like channelValue, and d(outcome)/ds into `lastDeriv`. */
  channelValueDeriv(c: number, d: number, s: number): number {
    const j = d * this.C + c;
    const x = s / this.xMax[c];
    const E = this.edges;
    const gs = this.gsum[j];
    const k = this.p1[j];
    let v = 0;
    let dv = 0;
    if (this.hill[c] === 0) {
      if (this.interior > 0) {
        const th = Math.tanh(k * x * gs);
        v += this.interior * th;
        dv += this.interior * k * (1 - th * th) * gs;
      }
      for (let e = j * E, end = e + E; e < end; e++) {
        const th = Math.tanh(k * (this.h[e] + this.g[e] * x));
        v += th;
        dv += k * (1 - th * th) * this.g[e];
      }
    } else {
      const sl = this.p2[j];
      this.dAcc = 0;
      if (this.interior > 0) v += this.hillTerm(k, sl, x * gs, gs, this.interior);
      for (let e = j * E, end = e + E; e < end; e++) v += this.hillTerm(k, sl, this.h[e] + this.g[e] * x, this.g[e], 1);
      dv = this.dAcc;
    }
    this.lastDeriv = (this.scale[j] * dv) / this.xMax[c];
    return this.scale[j] * v;
  }

  private dAcc = 0;

  /**
   * w·sat(a) for the Hill curve, and w·g·sat'(a) added to dAcc:
   * d/da r/(1+r) = slope·r / (a (1+r)^2) with r = (k a)^slope; at a = 0 taken at TINY.
   */
  private hillTerm(k: number, slope: number, a: number, g: number, w: number): number {
    const aa = a > 0 ? a : TINY;
    const r = Math.pow(k * aa, slope);
    this.dAcc += (w * g * slope * r) / (aa * (1 + r) * (1 + r));
    return a > 0 ? (w * r) / (1 + r) : 0;
  }

  /** Per-draw outcome of a plan (C spends per period) into `out` (n). */
  outcomes(plan: ArrayLike<number>, out: Float64Array = new Float64Array(this.n)): Float64Array {
    for (let d = 0; d < this.n; d++) {
      let y = 0;
      for (let c = 0; c < this.C; c++) y += this.channelValue(c, d, plan[c]);
      out[d] = y;
    }
    return out;
  }

  /** Posterior-mean outcome of channel c at s per period over draws first, first+stride, ... */
  channelMean(c: number, s: number, stride = 1): number {
    let v = 0;
    let m = 0;
    for (let d = 0; d < this.n; d += stride, m++) v += this.channelValue(c, d, s);
    return v / m;
  }

  /** Posterior-mean derivative d(outcome)/ds of channel c at s per period. */
  channelMeanDeriv(c: number, s: number): number {
    let dv = 0;
    for (let d = 0; d < this.n; d++) {
      this.channelValueDeriv(c, d, s);
      dv += this.lastDeriv;
    }
    return dv / this.n;
  }

  /**
   * d(outcome)/ds of channel c at s per period in every draw, into `out` (n): the per-draw
   * counterpart of channelMeanDeriv (whose value is this array's mean, summed in the same
   * order). No allocation when `out` is given.
   */
  channelDerivDraws(c: number, s: number, out: Float64Array = new Float64Array(this.n)): Float64Array {
    for (let d = 0; d < this.n; d++) {
      this.channelValueDeriv(c, d, s);
      out[d] = this.lastDeriv;
    }
    return out;
  }

  /** Σ_c channelMean(c, plan_c). */
  meanOutcome(plan: ArrayLike<number>): number {
    let v = 0;
    for (let c = 0; c < this.C; c++) v += this.channelMean(c, plan[c]);
    return v;
  }
}
