// The model's forward pass (MODEL.md §2, §5) in plain TypeScript: for one constrained
// parameter vector (layout of ./layout.ts), mu_t and its components per period in
// original units. Used by the analysis (contributions, ROAS, response curves, optimizer,
// forecasts). Its inputs are built and scaled in ./forward-data.ts and the parameters are
// located by ./param-index.ts; both are re-exported here, the one import path callers use.
import type { ModelSpec } from '../core/types';
import type { ForwardData } from './forward-data';
import { adstockWeights, applyAdstock, saturation, type AdstockParams, type SaturationParams } from './kernels';
import { parameterCount } from './layout';
import { paramIndex, readChannelParams, type ParamIndex } from './param-index';

export { extendForwardData, forwardData, forwardDataFromDataset, withSpend, type ForwardData, type ForwardInputs } from './forward-data';
export { paramIndex, readChannelParams, type ChannelParamIndex, type ParamIndex } from './param-index';

/** Output buffers of one forward pass, allocated once and reused across draws. */
export class ForwardResult {
  /** mu_t × max|y|. */
  readonly mu: Float64Array;
  /** Intercept contribution per period (constant). */
  intercept = 0;
  /** Channel contributions, C×T channel-major. */
  readonly channels: Float64Array;
  /** Control contributions, K×T control-major. */
  readonly controls: Float64Array;
  readonly seasonality: Float64Array;
  /** Adstocked scaled media a_{c,t}, C×T (what saturation sees; marginal ROAS needs it). */
  readonly adstocked: Float64Array<ArrayBuffer>;
  /** Scratch: kernel weights and the parameter objects the kernels read. */
  readonly weights: Float64Array<ArrayBuffer>;
  readonly adstockParams: AdstockParams = {};
  readonly saturationParams: SaturationParams = {};

  constructor(
    readonly T: number,
    readonly C: number,
    readonly K: number,
    lMax: number,
  ) {
    this.mu = new Float64Array(T);
    this.channels = new Float64Array(C * T);
    this.controls = new Float64Array(K * T);
    this.seasonality = new Float64Array(T);
    this.adstocked = new Float64Array(C * T);
    this.weights = new Float64Array(lMax);
  }

  static for(fd: ForwardData): ForwardResult {
    return new ForwardResult(fd.T, fd.C, fd.K, fd.lMax);
  }
}

/**
 * One forward pass: `theta` holds constrained parameters in layout order from `offset`.
 * Writes every component in original units into `out`; allocates nothing.
 */
export function forwardPass(fd: ForwardData, idx: ParamIndex, theta: ArrayLike<number>, offset: number, out: ForwardResult): ForwardResult {
  const { T, C, K, J } = fd;
  const y = fd.targetMaxAbs;
  const b0 = theta[offset + idx.intercept] * y;
  out.intercept = b0;
  out.mu.fill(b0);
  for (let c = 0; c < C; c++) {
    const ci = idx.channels[c];
    const beta = readChannelParams(ci, theta, offset, out.adstockParams, out.saturationParams) * y;
    adstockWeights(ci.adstock, out.adstockParams, fd.lMax, out.weights);
    const a = out.adstocked.subarray(c * T, (c + 1) * T);
    applyAdstock(fd.xs.subarray(c * T, (c + 1) * T), out.weights, a);
    for (let t = 0; t < T; t++) {
      const v = beta * saturation(ci.saturation, out.saturationParams, a[t]);
      out.channels[c * T + t] = v;
      out.mu[t] += v;
    }
  }
  for (let k = 0; k < K; k++) {
    const g = theta[offset + idx.controlOffset + k] * y;
    for (let t = 0; t < T; t++) {
      const v = g * fd.zs[k * T + t];
      out.controls[k * T + t] = v;
      out.mu[t] += v;
    }
  }
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < J; j++) s += theta[offset + idx.fourierOffset + j] * fd.fourier[t * J + j];
    s *= y;
    out.seasonality[t] = s;
    out.mu[t] += s;
  }
  return out;
}

/** A block of posterior draws: n rows of `stride` constrained values in layout order. */
export interface DrawMatrix {
  n: number;
  stride: number;
  values: Float64Array;
}

/** Draw matrix with the spec's parameter count as stride; validates the length. */
export function drawMatrix(spec: ModelSpec, values: Float64Array, stride = parameterCount(spec)): DrawMatrix {
  if (stride < parameterCount(spec)) throw new RangeError(`draw stride ${stride} is below the model's ${parameterCount(spec)} parameters`);
  if (values.length % stride !== 0) throw new RangeError(`draw matrix length ${values.length} is not a multiple of ${stride}`);
  return { n: values.length / stride, stride, values };
}

/** Runs the forward pass for every draw, reusing one result; `visit` must copy what it keeps. */
export function forwardEach(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, visit: (d: number, r: ForwardResult) => void): void {
  const idx = paramIndex(spec);
  const r = ForwardResult.for(fd);
  for (let d = 0; d < draws.n; d++) visit(d, forwardPass(fd, idx, draws.values, d * draws.stride, r));
}

/** mu × max|y| for every draw: n×T row-major. */
export function forwardMu(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix): Float64Array {
  const out = new Float64Array(draws.n * fd.T);
  forwardEach(fd, spec, draws, (d, r) => out.set(r.mu, d * fd.T));
  return out;
}
