// The forward pass's inputs (MODEL.md §1): raw spend, controls and dates checked and scaled
// by given maxima, so alternative or future spend is always scaled by the maxima of the data
// the model was fitted on (withSpend, extendForwardData).
import type { Dataset, ModelSpec, UserError } from '../core/types';
import { fourierFeatures } from './features';

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
