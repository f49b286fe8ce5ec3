// One ridge fit for given hyperparameters, glmnet-style as Robyn calls it (R/R/model.R,
// model_refit: glmnet(family = "gaussian", alpha = 0, lambda, lower.limits = 0 for media)).
//
// Columns X = [media m_c = sat_c(adstock_c(xs_c)) for every channel, then the fixed columns].
// Like glmnet with standardize = TRUE and an intercept, both X and y are centred and scaled by
// their 1/n standard deviations, and the solved problem is
//     minimise (1/2T) ||ỹ − Z b||² + (λ/2) ||b||²   subject to b_media ≥ 0
// i.e. the QP with H = ZᵀZ/T + λI, c = Zᵀỹ/T (box-qp.ts). Back on the original scale
// coef_j = b_j · sd(y) / sd(x_j) and intercept = mean(y) − Σ coef_j mean(x_j).
// Robyn's intercept_sign = "non_negative": a negative intercept is dropped and the model
// refitted through the origin, with columns scaled by their root mean square (glmnet's
// standardisation when intercept = FALSE).
// Curves come from ./curves.ts (exp/log only, so Node and the browser agree bit for bit).
// Buffers are allocated once per fitter; transform/prepare/fit allocate nothing.
import { applyAdstock, type AdstockParams, type SaturationParams } from '../model/kernels';
import { adstockWeightsDet, saturationDerivativeDet, saturationDet } from './curves';
import { BoxQpWorkspace, solveBoxQp } from './box-qp';
import type { RidgeProblem } from './problem';
import { channelParams, type SearchSpace } from './space';

export class RidgeFitter {
  readonly T: number;
  readonly C: number;
  readonly p: number;
  /** Design columns, p×T column-major: media first (filled by transform), then fixed. */
  readonly X: Float64Array;
  /** Adstocked scaled media, C×T (marginal ROAS needs it). */
  readonly adstocked: Float64Array<ArrayBuffer>;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly rms: Float64Array;
  readonly active: Uint8Array;
  private readonly Hc: Float64Array;
  private readonly Hu: Float64Array;
  private readonly H: Float64Array;
  private readonly c: Float64Array;
  private readonly b: Float64Array;
  private readonly bounded: Uint8Array;
  private readonly ws: BoxQpWorkspace;
  private readonly weights: Float64Array<ArrayBuffer>;
  private readonly ad: AdstockParams = {};
  private readonly sat: SaturationParams = {};
  /** Result of the last fit. */
  readonly coef: Float64Array;
  readonly yhat: Float64Array;
  intercept = 0;
  interceptDropped = false;
  converged = true;

  constructor(
    readonly problem: RidgeProblem,
    readonly space: SearchSpace,
  ) {
    const { T, C, fixed } = problem;
    this.T = T;
    this.C = C;
    const p = (this.p = C + fixed.length);
    this.X = new Float64Array(p * T);
    fixed.forEach((f, k) => this.X.set(f.values, (C + k) * T));
    this.adstocked = new Float64Array(C * T);
    this.mean = new Float64Array(p);
    this.sd = new Float64Array(p);
    this.rms = new Float64Array(p);
    this.active = new Uint8Array(p);
    this.Hc = new Float64Array(p * p);
    this.Hu = new Float64Array(p * p);
    this.H = new Float64Array(p * p);
    this.c = new Float64Array(p);
    this.b = new Float64Array(p);
    this.bounded = Uint8Array.from({ length: p }, (_, j) => (j < C ? 1 : 0));
    this.ws = new BoxQpWorkspace(p);
    this.weights = new Float64Array(space.lMax);
    this.coef = new Float64Array(p);
    this.yhat = new Float64Array(T);
    // The fixed columns' moments and their Gram block, once; transform() then refreshes only
    // the media rows (zero until the first transform, so inactive).
    this.prepare(p);
  }

  /** Media columns for decoded hyperparameter values, then the design's moments and Gram matrices. */
  transform(values: ArrayLike<number>): void {
    const { T, C, problem, space } = this;
    for (let c = 0; c < C; c++) {
      const ch = space.channels[c];
      channelParams(space, values, c, this.ad, this.sat);
      adstockWeightsDet(ch.adstock, this.ad, space.lMax, this.weights);
      const a = this.adstocked.subarray(c * T, (c + 1) * T);
      applyAdstock(problem.xs.subarray(c * T, (c + 1) * T), this.weights, a);
      for (let t = 0; t < T; t++) this.X[c * T + t] = saturationDet(ch.saturation, this.sat, a[t]);
    }
    this.prepare(C);
  }

  /** Moments of columns 0..upTo−1 and every Gram entry involving them (the fixed block is done once). */
  private prepare(upTo: number): void {
    const { T, p, X } = this;
    for (let j = 0; j < upTo; j++) {
      let m = 0;
      let sq = 0;
      for (let t = 0; t < T; t++) {
        m += X[j * T + t];
        sq += X[j * T + t] * X[j * T + t];
      }
      m /= T;
      let v = 0;
      for (let t = 0; t < T; t++) v += (X[j * T + t] - m) * (X[j * T + t] - m);
      this.mean[j] = m;
      this.sd[j] = Math.sqrt(v / T);
      this.rms[j] = Math.sqrt(sq / T);
      // A column constant to rounding (e.g. a curve saturated flat) carries no information.
      this.active[j] = this.sd[j] > 1e-12 * Math.max(1, Math.abs(m)) ? 1 : 0;
    }
    for (let j = 0; j < upTo; j++) {
      for (let k = j; k < p; k++) {
        let gc = 0;
        let gu = 0;
        if (this.active[j] && this.active[k]) {
          const mj = this.mean[j];
          const mk = this.mean[k];
          for (let t = 0; t < T; t++) {
            gc += (X[j * T + t] - mj) * (X[k * T + t] - mk);
            gu += X[j * T + t] * X[k * T + t];
          }
          gc /= T * this.sd[j] * this.sd[k];
          gu /= T * this.rms[j] * this.rms[k];
        }
        this.Hc[j * p + k] = this.Hc[k * p + j] = gc;
        this.Hu[j * p + k] = this.Hu[k * p + j] = gu;
      }
    }
  }

  /**
   * Ridge fit of y on the current design with penalty λ (standardised problem). Results in
   * coef (original scale), intercept, interceptDropped, yhat.
   */
  fit(y: ArrayLike<number>, lambda: number, interceptNonNegative: boolean): void {
    const { T, p } = this;
    let ym = 0;
    let ysq = 0;
    for (let t = 0; t < T; t++) {
      ym += y[t];
      ysq += y[t] * y[t];
    }
    ym /= T;
    let yv = 0;
    for (let t = 0; t < T; t++) yv += (y[t] - ym) * (y[t] - ym);
    const ysd = Math.sqrt(yv / T);
    this.solve(y, lambda, true, ym, ysd);
    this.interceptDropped = false;
    if (interceptNonNegative && this.intercept < 0) {
      this.solve(y, lambda, false, 0, Math.sqrt(ysq / T));
      this.interceptDropped = true;
    }
    for (let t = 0; t < T; t++) {
      let v = this.intercept;
      for (let j = 0; j < p; j++) v += this.coef[j] * this.X[j * T + t];
      this.yhat[t] = v;
    }
  }

  private solve(y: ArrayLike<number>, lambda: number, centred: boolean, ym: number, yScale: number): void {
    const { T, p, X, H, c, b } = this;
    const G = centred ? this.Hc : this.Hu;
    const scale = centred ? this.sd : this.rms;
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) H[j * p + k] = G[j * p + k];
      if (!this.active[j]) {
        // Pin an inactive column's coefficient at 0: unit diagonal, no coupling, c = 0, bounded.
        for (let k = 0; k < p; k++) H[j * p + k] = H[k * p + j] = 0;
        H[j * p + j] = 1;
        c[j] = 0;
        continue;
      }
      H[j * p + j] += lambda;
      const m = centred ? this.mean[j] : 0;
      let dot = 0;
      for (let t = 0; t < T; t++) dot += (X[j * T + t] - m) * (y[t] - ym);
      c[j] = dot / (T * scale[j] * yScale);
    }
    const bounded = this.bounded;
    for (let j = 0; j < p; j++) if (!this.active[j]) bounded[j] = 1;
    this.converged = solveBoxQp(H, c, bounded, b, this.ws) >= 0;
    for (let j = 0; j < p; j++) bounded[j] = j < this.C ? 1 : 0;
    let intercept = ym;
    for (let j = 0; j < p; j++) {
      this.coef[j] = this.active[j] ? (b[j] * yScale) / scale[j] : 0;
      if (centred) intercept -= this.coef[j] * this.mean[j];
    }
    this.intercept = centred ? intercept : 0;
  }

  /** Robyn's penalty for its lambda hyperparameter h in [0, 1], on the standardised problem. */
  lambdaFor(h: number): number {
    const max = this.problem.lambdaMax;
    const min = max * 1e-4;
    return min + (max - min) * h;
  }

  /** Σ_t coef_c · m_{c,t}: channel c's total contribution in the last fit. */
  channelTotal(c: number): number {
    const { T, X } = this;
    let s = 0;
    for (let t = 0; t < T; t++) s += X[c * T + t];
    return this.coef[c] * s;
  }

  /**
   * d/dε of channel c's total contribution with its spend × (1 + ε) in every period, for the
   * decoded values the design was built with: coef · Σ_t sat'(a_t) · a_t (adstock is linear,
   * so da_t/dε = a_t; the same derivation as the analysis module's marginal ROAS, MODEL.md §5).
   */
  marginalTotal(c: number, values: ArrayLike<number>): number {
    const { T } = this;
    channelParams(this.space, values, c, this.ad, this.sat);
    const kind = this.space.channels[c].saturation;
    let s = 0;
    for (let t = 0; t < T; t++) {
      const a = this.adstocked[c * T + t];
      if (a > 0) s += saturationDerivativeDet(kind, this.sat, a) * a;
    }
    return this.coef[c] * s;
  }

  /** Model lift per period of a steady-state spend change (MODEL.md §6) for channel c. */
  lift(c: number, values: ArrayLike<number>, x0s: number, x1s: number): number {
    channelParams(this.space, values, c, this.ad, this.sat);
    const kind = this.space.channels[c].saturation;
    return this.coef[c] * (saturationDet(kind, this.sat, x1s) - saturationDet(kind, this.sat, x0s));
  }
}
