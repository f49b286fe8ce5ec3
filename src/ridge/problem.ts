// Everything the ridge fit needs that does not depend on the hyperparameters: the target,
// the scaled media (MODEL.md §1: xs = x / max x), the fixed columns (controls as given, an
// optional linear trend, yearly Fourier features of src/model/features.ts), spend shares for
// DECOMP.RSSD, lift tests for MAPE.LIFT, and Robyn's penalty scale. Validated once; every
// problem is a UserError naming its channel or column.
import type { Dataset, LiftTest, UserError } from '../core/types';
import { fourierFeatures } from '../model/features';
import { fourierModes } from '../model/layout';
import { shown } from './message-format';
import type { RidgeOptions } from './types';

export interface FixedColumn {
  name: string;
  kind: 'control' | 'trend' | 'fourier';
  values: Float64Array;
}

export interface LiftTerm {
  test: LiftTest;
  channel: number;
  /** Scaled spend before and during the test. */
  x0s: number;
  x1s: number;
}

export interface RidgeProblem {
  T: number;
  C: number;
  channels: string[];
  /** Original spend per channel and its total / share over the window. */
  spend: Float64Array[];
  spendMax: Float64Array;
  spendTotal: Float64Array;
  spendShare: Float64Array;
  /** Scaled spend, C×T channel-major. */
  xs: Float64Array;
  y: Float64Array;
  yRange: number;
  fixed: FixedColumn[];
  /** Robyn's lambda_max on the standardised problem (fit-ridge.ts); lambda_min = 1e-4 × it. */
  lambdaMax: number;
  lifts: LiftTerm[];
  warnings: UserError[];
}

const err = (message: string, extra: Partial<UserError> = {}): UserError => ({ severity: 'error', message, ...extra });

function firstBad(v: ArrayLike<number>, ok: (x: number) => boolean): number {
  for (let t = 0; t < v.length; t++) if (!ok(v[t])) return t;
  return -1;
}

function sd(v: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < v.length; t++) m += v[t];
  m /= v.length;
  let s = 0;
  for (let t = 0; t < v.length; t++) s += (v[t] - m) * (v[t] - m);
  return Math.sqrt(s / v.length);
}

export function buildProblem(data: Dataset, opts: RidgeOptions): RidgeProblem | { errors: UserError[] } {
  const T = data.dates.length;
  const errors: UserError[] = [];
  const warnings: UserError[] = [];
  if (T < 10) errors.push(err(`${T} periods are too few for the ridge fit`, { hint: 'Use at least 10 periods (Robyn recommends years of weekly data).' }));
  const y = Float64Array.from(data.target.values);
  const badY = firstBad(y, Number.isFinite);
  if (badY >= 0) errors.push(err(`the target "${data.target.name}" is ${shown(y[badY])} in period ${badY + 1} (${data.dates[badY]})`, { column: data.target.name, row: badY + 2, hint: 'Every period needs a finite target value.' }));
  else if (sd(y) === 0) errors.push(err(`the target "${data.target.name}" is constant`, { column: data.target.name, hint: 'A constant target has nothing to explain.' }));
  const C = data.channels.length;
  if (C === 0) errors.push(err('the data has no media channels', { hint: 'Mark at least one spend column as a channel.' }));
  const spendMax = new Float64Array(C);
  data.channels.forEach((c, i) => {
    const bad = firstBad(c.spend, (x) => Number.isFinite(x) && x >= 0);
    if (bad >= 0) errors.push(err(`channel "${c.name}" has spend ${shown(c.spend[bad])} in period ${bad + 1} (${data.dates[bad]})`, { channel: c.name, column: c.name, row: bad + 2, hint: 'Spend must be a finite number ≥ 0.' }));
    for (let t = 0; t < T; t++) spendMax[i] = Math.max(spendMax[i], c.spend[t]);
    if (bad < 0 && !(spendMax[i] > 0)) errors.push(err(`channel "${c.name}" never spends (max 0)`, { channel: c.name, column: c.name, hint: 'Drop the channel: the model scales each channel’s media by its maximum, which must be above 0.' }));
  });
  const fixed = fixedColumns(data, opts, errors, warnings);
  const lifts: LiftTerm[] = [];
  for (const test of opts.lift_tests ?? []) {
    const c = data.channels.findIndex((ch) => ch.name === test.channel);
    if (c < 0) errors.push(err(`lift test "${test.label ?? test.channel}" names channel "${test.channel}", which is not in the data`, { channel: test.channel, hint: 'Import lift tests against this dataset.' }));
    else lifts.push({ test, channel: c, x0s: test.x / spendMax[c], x1s: (test.x + test.delta_x) / spendMax[c] });
  }
  if (errors.length > 0) return { errors };
  const xs = new Float64Array(C * T);
  const spendTotal = new Float64Array(C);
  data.channels.forEach((c, i) => {
    for (let t = 0; t < T; t++) {
      xs[i * T + t] = c.spend[t] / spendMax[i];
      spendTotal[i] += c.spend[t];
    }
  });
  const all = spendTotal.reduce((a, b) => a + b, 0);
  let yMin = Infinity;
  let yMaxV = -Infinity;
  for (const v of y) {
    yMin = Math.min(yMin, v);
    yMaxV = Math.max(yMaxV, v);
  }
  return {
    T,
    C,
    channels: data.channels.map((c) => c.name),
    spend: data.channels.map((c) => Float64Array.from(c.spend)),
    spendMax,
    spendTotal,
    spendShare: spendTotal.map((s) => s / all),
    xs,
    y,
    yRange: yMaxV - yMin,
    fixed,
    lambdaMax: robynLambdaMax(data, fixed, y),
    lifts,
    warnings,
  };
}

function fixedColumns(data: Dataset, opts: RidgeOptions, errors: UserError[], warnings: UserError[]): FixedColumn[] {
  const T = data.dates.length;
  const out: FixedColumn[] = [];
  const names = opts.controls ?? data.controls.map((c) => c.name);
  for (const name of names) {
    const c = data.controls.find((x) => x.name === name);
    if (!c) {
      errors.push(err(`control "${name}" is not in the data`, { column: name, hint: `Controls: ${data.controls.map((x) => x.name).join(', ') || 'none'}.` }));
      continue;
    }
    const bad = firstBad(c.values, Number.isFinite);
    if (bad >= 0) errors.push(err(`control "${name}" is ${shown(c.values[bad])} in period ${bad + 1} (${data.dates[bad]})`, { column: name, row: bad + 2, hint: 'Give a finite value for every period.' }));
    else if (sd(c.values) === 0) warnings.push({ severity: 'warning', column: name, message: `control "${name}" is constant and is left out (the intercept covers it)` });
    else out.push({ name, kind: 'control', values: Float64Array.from(c.values) });
  }
  const hasTrend = names.some((n) => n === 't' || n === 'trend');
  if (opts.trend ?? !hasTrend) out.push({ name: 'trend', kind: 'trend', values: Float64Array.from({ length: T }, (_, t) => t) });
  const order = opts.fourier_order ?? 2;
  if (order > 0) {
    const F = fourierFeatures(data.dates, order);
    fourierModes(order).forEach((name, j) => out.push({ name, kind: 'fourier', values: Float64Array.from({ length: T }, (_, t) => F[t * 2 * order + j]) }));
  }
  return out;
}

/**
 * Robyn's penalty scale (R/R/model.R: lambda_seq, then lambda_max = max(lambdas) × 0.1):
 *   lambda_max = 0.1 · max_j |Σ_t sx_tj · y_t| / (0.001 · T)
 * over the raw design (spend and fixed columns, standardised with the 1/n sd) and raw y —
 * glmnet's largest ridge lambda (alpha = 0 is treated as 0.001). For family = "gaussian"
 * glmnet standardises y to unit variance (1/n formula) before fitting (glmnet vignette, "An
 * Introduction to glmnet", Gaussian family), so its objective is (1/2n)||y/s_y − Xb||² +
 * (lambda/s_y)·penalty (worked out in stats.stackexchange.com/q/129179); on the fully
 * standardised problem solved here the same penalty is lambda / sd(y).
 */
function robynLambdaMax(data: Dataset, fixed: FixedColumn[], y: Float64Array): number {
  const T = y.length;
  const sy = sd(y);
  let best = 0;
  const cols = [...data.channels.map((c) => c.spend), ...fixed.map((f) => f.values)];
  for (const x of cols) {
    const s = sd(x);
    if (s === 0) continue;
    let m = 0;
    for (let t = 0; t < T; t++) m += x[t];
    m /= T;
    let dot = 0;
    for (let t = 0; t < T; t++) dot += ((x[t] - m) / s) * y[t];
    best = Math.max(best, Math.abs(dot));
  }
  return (0.1 * best) / (0.001 * T) / sy;
}
