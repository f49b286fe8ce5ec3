// The model's forward pass (MODEL.md §2, §5) in plain TypeScript: for one constrained
// parameter vector (layout of ./layout.ts), mu_t and its components per period in
// original units. Used by the analysis (contributions, ROAS, response curves, optimizer,
// forecasts). Scaling is MODEL.md §1, but the maxima are inputs: alternative or future
// spend is always scaled by the maxima of the data the model was fitted on.
import type { AdstockKind, Dataset, ModelSpec, SaturationKind, UserError } from '../core/types';
import { fourierFeatures } from './features';
import { adstockWeights, applyAdstock, saturation, type AdstockParams, type SaturationParams } from './kernels';
import { parameterCount, variableLayout } from './layout';

/** Where one channel's parameters sit in the constrained vector (-1 when its kinds do not use one). */
export interface ChannelParamIndex {
  adstock: AdstockKind;
  saturation: SaturationKind;
  alpha: number;
  theta: number;
  adstockLam: number;
  adstockK: number;
  saturationLam: number;
  kappa: number;
  slope: number;
  beta: number;
}

export interface ParamIndex {
  intercept: number;
  ySigma: number;
  channels: ChannelParamIndex[];
  controlOffset: number;
  fourierOffset: number;
}

/** Resolves the layout (./layout.ts) into flat indices once, so loops over draws only index. */
export function paramIndex(spec: ModelSpec): ParamIndex {
  const vars = new Map(variableLayout(spec).map((v) => [v.name, v]));
  const at = (name: string, channel: string): number => {
    const v = vars.get(name);
    const i = v ? v.coords.indexOf(channel) : -1;
    return v && i >= 0 ? v.offset + i : -1;
  };
  return {
    intercept: vars.get('intercept')!.offset,
    ySigma: vars.get('y_sigma')!.offset,
    channels: spec.channels.map((c) => ({
      adstock: c.adstock,
      saturation: c.saturation,
      alpha: at('adstock_alpha', c.name),
      theta: at('adstock_theta', c.name),
      adstockLam: at('adstock_lam', c.name),
      adstockK: at('adstock_k', c.name),
      saturationLam: at('saturation_lam', c.name),
      kappa: at('saturation_kappa', c.name),
      slope: at('saturation_slope', c.name),
      beta: at('saturation_beta', c.name),
    })),
    controlOffset: vars.get('gamma_control')?.offset ?? -1,
    fourierOffset: vars.get('gamma_fourier')?.offset ?? -1,
  };
}

/**
 * Fills the kernel parameter objects of one channel from a draw (no allocation) and
 * returns its saturation_beta (model units).
 */
export function readChannelParams(ci: ChannelParamIndex, theta: ArrayLike<number>, offset: number, ad: AdstockParams, sat: SaturationParams): number {
  if (ci.alpha >= 0) ad.alpha = theta[offset + ci.alpha];
  if (ci.theta >= 0) ad.theta = theta[offset + ci.theta];
  if (ci.adstockLam >= 0) ad.lam = theta[offset + ci.adstockLam];
  if (ci.adstockK >= 0) ad.k = theta[offset + ci.adstockK];
  if (ci.saturationLam >= 0) sat.lam = theta[offset + ci.saturationLam];
  if (ci.kappa >= 0) sat.kappa = theta[offset + ci.kappa];
  if (ci.slope >= 0) sat.slope = theta[offset + ci.slope];
  return theta[offset + ci.beta];
}

/** Everything the forward pass reads, already scaled. Arrays are channel- or control-major. */
export interface ForwardData {
  T: number;
  C: number;
  K: number;
  /** Number of Fourier columns, 2 × fourier_order. */
  J: number;
  lMax: number;
  dates: string[];
  /** Spend in original units, C×T channel-major. */
  spend: Float64Array;
  /** xs = x / channelMax, C×T channel-major. */
  xs: Float64Array;
  /** Controls divided by spec.control_scale, K×T control-major. */
  zs: Float64Array;
  /** Fourier features, T×J row-major (./features.ts). */
  fourier: Float64Array;
  channelMax: Float64Array;
  targetMaxAbs: number;
}

/** Raw inputs in original units, in spec order (channels as spec.channels, controls as spec.controls). */
export interface ForwardInputs {
  dates: string[];
  spend: ArrayLike<number>[];
  /** Controls as given (before control_scale). */
  controls: ArrayLike<number>[];
  channelMax: ArrayLike<number>;
  targetMaxAbs: number;
}

function inputError(message: string, extra: Partial<UserError> = {}): UserError {
  return { message, severity: 'error', ...extra };
}

/** Checks shapes and finiteness; every problem names its channel or column. */
function validateInputs(spec: ModelSpec, inp: ForwardInputs): UserError[] {
  const T = inp.dates.length;
  const errors: UserError[] = [];
  if (inp.spend.length !== spec.channels.length) errors.push(inputError(`expected ${spec.channels.length} spend series, got ${inp.spend.length}`));
  if (inp.controls.length !== spec.controls.length) errors.push(inputError(`expected ${spec.controls.length} control series, got ${inp.controls.length}`));
  if (!(inp.targetMaxAbs > 0) || !Number.isFinite(inp.targetMaxAbs)) errors.push(inputError(`the target's max |y| is ${inp.targetMaxAbs}; it must be a positive number`, { hint: 'check the target column' }));
  spec.channels.forEach((ch, c) => {
    const m = inp.channelMax[c];
    if (!(m > 0) || !Number.isFinite(m)) errors.push(inputError(`channel "${ch.name}" has max spend ${m}; the model scales by it, so it must be positive`, { channel: ch.name, hint: 'drop the channel or check its column' }));
    const s = inp.spend[c];
    if (s && s.length !== T) errors.push(inputError(`channel "${ch.name}" has ${s.length} periods, expected ${T}`, { channel: ch.name }));
    else if (s) for (let t = 0; t < T; t++) if (!Number.isFinite(s[t]) || s[t] < 0) {
      errors.push(inputError(`channel "${ch.name}" has spend ${s[t]} in period ${t + 1} (${inp.dates[t]}); spend must be a finite number ≥ 0`, { channel: ch.name, column: ch.name }));
      break;
    }
  });
  spec.controls.forEach((name, k) => {
    const z = inp.controls[k];
    if (z && z.length !== T) errors.push(inputError(`control "${name}" has ${z.length} periods, expected ${T}`, { column: name }));
    else if (z) for (let t = 0; t < T; t++) if (!Number.isFinite(z[t])) {
      errors.push(inputError(`control "${name}" is ${z[t]} in period ${t + 1} (${inp.dates[t]})`, { column: name, hint: 'give a finite value for every period' }));
      break;
    }
  });
  return errors;
}

/** Scales raw inputs as MODEL.md §1 with the given maxima. */
export function forwardData(spec: ModelSpec, inp: ForwardInputs): ForwardData | { errors: UserError[] } {
  const errors = validateInputs(spec, inp);
  if (errors.length > 0) return { errors };
  const T = inp.dates.length;
  const C = spec.channels.length;
  const K = spec.controls.length;
  const spend = new Float64Array(C * T);
  const xs = new Float64Array(C * T);
  for (let c = 0; c < C; c++) {
    const m = inp.channelMax[c];
    for (let t = 0; t < T; t++) {
      spend[c * T + t] = inp.spend[c][t];
      xs[c * T + t] = inp.spend[c][t] / m;
    }
  }
  const zs = new Float64Array(K * T);
  for (let k = 0; k < K; k++) {
    const scale = spec.control_scale[k] ?? 1;
    for (let t = 0; t < T; t++) zs[k * T + t] = inp.controls[k][t] / scale;
  }
  return {
    T,
    C,
    K,
    J: 2 * spec.fourier_order,
    lMax: spec.l_max,
    dates: [...inp.dates],
    spend,
    xs,
    zs,
    fourier: fourierFeatures(inp.dates, spec.fourier_order),
    channelMax: Float64Array.from(inp.channelMax),
    targetMaxAbs: inp.targetMaxAbs,
  };
}

/** The model inputs of a Dataset with its own maxima (the fit's scaling). */
export function forwardDataFromDataset(data: Dataset, spec: ModelSpec): ForwardData | { errors: UserError[] } {
  const errors: UserError[] = [];
  const spend = spec.channels.map((ch) => {
    const found = data.channels.find((d) => d.name === ch.name);
    if (!found) errors.push(inputError(`the model's channel "${ch.name}" is not in ${data.name}`, { channel: ch.name, hint: 'refit the model on this dataset' }));
    return found?.spend ?? new Float64Array(data.dates.length);
  });
  const controls = spec.controls.map((name) => {
    const found = data.controls.find((d) => d.name === name);
    if (!found) errors.push(inputError(`the model's control "${name}" is not in ${data.name}`, { column: name, hint: 'refit the model on this dataset' }));
    return found?.values ?? new Float64Array(data.dates.length);
  });
  if (errors.length > 0) return { errors };
  let yMax = 0;
  for (const v of data.target.values) yMax = Math.max(yMax, Math.abs(v));
  const channelMax = spend.map((s) => s.reduce((m, v) => Math.max(m, v), 0));
  return forwardData(spec, { dates: data.dates, spend, controls, channelMax, targetMaxAbs: yMax });
}

/**
 * The same model inputs with other spend (C×T channel-major, original units), scaled by
 * the fitted maxima. Dates, controls and seasonality are shared with `base`.
 */
export function withSpend(base: ForwardData, spend: Float64Array): ForwardData {
  if (spend.length !== base.C * base.T) throw new RangeError(`withSpend: expected ${base.C * base.T} values, got ${spend.length}`);
  const xs = new Float64Array(spend.length);
  for (let c = 0; c < base.C; c++) for (let t = 0; t < base.T; t++) xs[c * base.T + t] = spend[c * base.T + t] / base.channelMax[c];
  return { ...base, spend: Float64Array.from(spend), xs };
}

/**
 * History followed by future periods (spend and controls in original units, spec order),
 * scaled by the history's maxima, so adstock in the future is seeded from the last l_max
 * periods of history. Future rows start at index `history.T`.
 */
export function extendForwardData(
  history: ForwardData,
  spec: ModelSpec,
  future: { dates: string[]; spend: ArrayLike<number>[]; controls: ArrayLike<number>[] },
): ForwardData | { errors: UserError[] } {
  const T0 = history.T;
  const join = (past: Float64Array, row: number, next: ArrayLike<number> | undefined, scale: number) => {
    const out = new Float64Array(T0 + future.dates.length);
    for (let t = 0; t < T0; t++) out[t] = past[row * T0 + t] * scale;
    if (next) for (let t = 0; t < future.dates.length; t++) out[T0 + t] = next[t];
    else out.fill(NaN, T0);
    return out;
  };
  return forwardData(spec, {
    dates: [...history.dates, ...future.dates],
    spend: spec.channels.map((_, c) => join(history.spend, c, future.spend[c], 1)),
    controls: spec.controls.map((_, k) => join(history.zs, k, future.controls[k], spec.control_scale[k] ?? 1)),
    channelMax: history.channelMax,
    targetMaxAbs: history.targetMaxAbs,
  });
}

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
