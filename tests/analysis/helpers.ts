// Test fixtures for the analysis: reading the shared reference CSVs into Datasets, specs
// with truth parameters, and posterior-like draw matrices built around the truth.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChainResult, Dataset, InferenceData, ModelSpec, RunMetadata } from '../../src/core/types';
import { assembleInferenceData } from '../../src/engine/inference-data';
import { pointwiseGroups } from '../../src/engine/fit';
import { defaultModelSpec } from '../../src/model/spec';
import { parameterCount, variableLayout } from '../../src/model/layout';
import { drawMatrix, forwardData, forwardMu, paramIndex, type DrawMatrix, type ForwardData } from '../../src/model/forward';
import { Rng } from '../../src/core/rng';
import { APP_VERSION } from '../../src/core/version';

export const SHARED = (rel: string): string => fileURLToPath(new URL(`../../../shared/${rel}`, import.meta.url));

/** A plain comma-separated file without quoting (the reference files are of this kind). */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

export function datasetFromCsv(path: string, cols: { date: string; target: string; channels: string[]; controls: string[] }): Dataset {
  const { header, rows } = readCsv(path);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${name} not in ${path}`);
    return Float64Array.from(rows, (r) => Number(r[i]));
  };
  const di = header.indexOf(cols.date);
  return {
    name: path,
    dates: rows.map((r) => r[di]),
    grain: 'week',
    target: { name: cols.target, values: col(cols.target) },
    channels: cols.channels.map((name) => ({ name, spend: col(name) })),
    controls: cols.controls.map((name) => ({ name, values: col(name) })),
    imputed: [],
    fingerprint: 'test',
  };
}

/** Writes named values (`name` or `name[coord]`) into a constrained parameter vector. */
export function paramVector(spec: ModelSpec, values: Record<string, number>): Float64Array {
  const theta = new Float64Array(parameterCount(spec));
  const seen = new Set<string>();
  for (const v of variableLayout(spec)) {
    if (v.length === 0) {
      if (!(v.name in values)) throw new Error(`missing ${v.name}`);
      theta[v.offset] = values[v.name];
      seen.add(v.name);
    } else
      v.coords.forEach((c, i) => {
        const key = `${v.name}[${c}]`;
        if (!(key in values)) throw new Error(`missing ${key}`);
        theta[v.offset + i] = values[key];
        seen.add(key);
      });
  }
  for (const k of Object.keys(values)) if (!seen.has(k)) throw new Error(`unknown parameter ${k}`);
  return theta;
}

interface SyntheticTruth {
  target: string;
  target_max_abs: number;
  y_scale_used: number;
  intercept: number;
  sigma: number;
  fourier_coefs: number[];
  controls: Array<{ name: string; gamma: number }>;
  channels: Array<{ name: string; alpha: number; saturation: string; lam?: number; k?: number; s?: number; beta: number }>;
  true_total_contribution: Record<string, number>;
  true_roas: Record<string, number>;
}

/**
 * A synthetic folder's dataset, a spec for it, and the truth's channel parameters in model
 * units (README.md: beta and sigma scale by y_scale_used / target_max_abs). The
 * generator's trend and seasonality are not the model's features; base parameters are set
 * to zero except the intercept, which is irrelevant to media analysis.
 */
export function syntheticSet(folder: 'dev_weekly_logistic' | 'dev_weekly_hill') {
  const truth = JSON.parse(readFileSync(SHARED(`data/synthetic/${folder}/truth.json`), 'utf8')) as SyntheticTruth;
  const channels = truth.channels.map((c) => c.name);
  const controls = truth.controls.map((c) => c.name);
  const data = datasetFromCsv(SHARED(`data/synthetic/${folder}/data.csv`), { date: 'date', target: truth.target, channels, controls });
  const saturation = truth.channels[0].saturation === 'hill' ? 'hill' : 'logistic';
  const spec = defaultModelSpec(data, { saturation, l_max: 8, fourier_order: 2 });
  const r = truth.y_scale_used / truth.target_max_abs;
  const values: Record<string, number> = { intercept: truth.intercept * r, y_sigma: truth.sigma * r };
  for (const c of truth.channels) {
    values[`adstock_alpha[${c.name}]`] = c.alpha;
    values[`saturation_beta[${c.name}]`] = c.beta * r;
    if (saturation === 'logistic') values[`saturation_lam[${c.name}]`] = c.lam!;
    else {
      values[`saturation_kappa[${c.name}]`] = c.k!;
      values[`saturation_slope[${c.name}]`] = c.s!;
    }
  }
  truth.controls.forEach((c) => (values[`gamma_control[${c.name}]`] = 0));
  ['sin_1', 'sin_2', 'cos_1', 'cos_2'].forEach((m) => (values[`gamma_fourier[${m}]`] = 0));
  return { truth, data, spec, theta: paramVector(spec, values) };
}

/**
 * n draws around a parameter vector: positive parameters multiplied by exp(N(0, sd)),
 * (0,1) parameters moved by N(0, sd) on the logit scale, real ones shifted by N(0, sd·|v|).
 * Not a posterior; a fixed set of plausible draws that every method under test shares.
 */
export function jitteredDraws(spec: ModelSpec, theta: Float64Array, n: number, sd: number, seed: number): DrawMatrix {
  const rng = new Rng(seed);
  const P = theta.length;
  const unit = new Set<number>();
  const real = new Set<number>();
  for (const v of variableLayout(spec)) {
    const idx = v.length === 0 ? [v.offset] : v.coords.map((_, i) => v.offset + i);
    if (v.name === 'adstock_alpha') idx.forEach((i) => unit.add(i));
    if (v.name === 'intercept' || v.name === 'gamma_control' || v.name === 'gamma_fourier') idx.forEach((i) => real.add(i));
  }
  const out = new Float64Array(n * P);
  for (let d = 0; d < n; d++)
    for (let i = 0; i < P; i++) {
      const v = theta[i];
      const z = rng.normal() * sd;
      if (unit.has(i)) {
        const l = Math.log(v / (1 - v)) + z;
        out[d * P + i] = 1 / (1 + Math.exp(-l));
      } else if (real.has(i)) out[d * P + i] = v + z * Math.abs(v);
      else out[d * P + i] = v * Math.exp(z);
    }
  return drawMatrix(spec, out);
}

/** ISO Mondays from 2021-01-04. */
export function weeklyDates(T: number, start = Date.UTC(2021, 0, 4)): string[] {
  return Array.from({ length: T }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
}

/**
 * A dataset drawn from the model itself: y = mu(theta_gen) + Normal(0, y_sigma) with
 * theta_gen in "generator units" (target scale 1). Returns the dataset and the same truth in
 * the model's units (target divided by its own max |y|, as MODEL.md §1 scales it).
 */
export function simulateFromModel(
  spec: ModelSpec,
  thetaGen: Float64Array,
  inputs: { dates: string[]; spend: Float64Array[]; controls: Float64Array[] },
  seed: number,
  mu?: (fd: ForwardData) => Float64Array,
): { data: Dataset; theta: Float64Array } {
  const channelMax = inputs.spend.map((s) => s.reduce((m, v) => Math.max(m, v), 0));
  const fd = forwardData(spec, { ...inputs, channelMax, targetMaxAbs: 1 });
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  const m = mu ? mu(fd) : forwardMu(fd, spec, drawMatrix(spec, thetaGen));
  const rng = new Rng(seed);
  const sigma = thetaGen[paramIndex(spec).ySigma];
  const y = Float64Array.from(m, (v) => v + sigma * rng.normal());
  const yMax = y.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const theta = Float64Array.from(thetaGen);
  const idx = paramIndex(spec);
  const scaled = [idx.intercept, idx.ySigma, ...idx.channels.map((c) => c.beta)];
  for (let k = 0; k < spec.controls.length; k++) scaled.push(idx.controlOffset + k);
  for (let j = 0; j < 2 * spec.fourier_order; j++) scaled.push(idx.fourierOffset + j);
  for (const i of scaled) theta[i] /= yMax;
  const data: Dataset = {
    name: 'simulated',
    dates: inputs.dates,
    grain: 'week',
    target: { name: 'y', values: y },
    channels: spec.channels.map((c, i) => ({ name: c.name, spend: inputs.spend[i] })),
    controls: spec.controls.map((name, k) => ({ name, values: inputs.controls[k] })),
    imputed: [],
    fingerprint: `sim-${seed}`,
  };
  return { data, theta };
}

/** Spend series with bursts and zero weeks, like flighted media. */
export function randomSpend(T: number, level: number, rng: Rng, pZero = 0.2): Float64Array {
  return Float64Array.from({ length: T }, () => (rng.uniform() < pZero ? 0 : level * (0.3 + 1.4 * rng.uniform())));
}

/** A run's InferenceData (MODEL.md §8) around given draws, as `carryover fit` lays it out. */
export function inferenceDataFor(data: Dataset, spec: ModelSpec, draws: DrawMatrix, chains = 2): InferenceData {
  const per = Math.floor(draws.n / chains);
  const results: ChainResult[] = Array.from({ length: chains }, (_, ch) => ({
    chain: ch,
    draws: draws.values.slice(ch * per * draws.stride, (ch + 1) * per * draws.stride),
    stats: new Float64Array(per * 7),
    n_out: draws.stride,
    warmup: 0,
    draws_count: per,
    gradient_evaluations: 0,
    inv_metric: new Float64Array(0),
    step_size: 0.1,
    wall_ms: 0,
  }));
  const attrs: RunMetadata = {
    created_at: '2024-01-01T00:00:00Z',
    // This build's version: `carryover` commands refuse a run whose writer they cannot place.
    app_version: APP_VERSION,
    model: spec,
    data_range: { first: data.dates[0], last: data.dates[data.dates.length - 1], rows: data.dates.length, grain: 'week' },
    seed: 1,
    sampler: { chains, warmup: 0, draws: per, adapt_delta: 0.8, max_treedepth: 10, metric: 'diag_e' },
  };
  // Pointwise log-likelihood and predictive draws as a fit writes them: run readers check the layout.
  return assembleInferenceData(results, data, spec, attrs, pointwiseGroups(results, data, spec, attrs.seed));
}
