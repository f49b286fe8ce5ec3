// Reading a fitted run into what the analysis works on: the posterior as a draw matrix in
// the layout of src/model/layout.ts, and the model inputs (ForwardData) from the run's
// constant_data, so a run directory alone is enough (MODEL.md §8).
import type { ChainResult, InferenceData, ModelSpec, NestedArray, UserError } from '../core/types';
import { drawMatrix, forwardData, type DrawMatrix, type ForwardData } from '../model/forward';
import { parameterCount, variableLayout } from '../model/layout';

export interface Posterior {
  spec: ModelSpec;
  draws: DrawMatrix;
  data: ForwardData;
  /** Observed target, original units (for the sum check). */
  observed: Float64Array;
}

const err = (message: string, hint?: string): UserError => ({ message, severity: 'error', file: 'inference_data.json', hint });

/** Post-warmup draws of several chains, stacked chain after chain. Failed chains are skipped. */
export function drawsFromChains(spec: ModelSpec, chains: ChainResult[]): DrawMatrix {
  const ok = chains.filter((c) => !c.error);
  const P = parameterCount(spec);
  const n = ok.reduce((s, c) => s + c.draws_count, 0);
  const out = new Float64Array(n * P);
  let row = 0;
  for (const c of ok)
    for (let i = 0; i < c.draws_count; i++, row++) {
      const src = (c.warmup + i) * c.n_out;
      out.set(c.draws.subarray(src, src + P), row * P);
    }
  return drawMatrix(spec, out);
}

/** chain × draw × (values) nested arrays into a flat list per (chain, draw). */
function flattenChains(arr: NestedArray, name: string, errors: UserError[]): number[][] | null {
  if (!Array.isArray(arr) || !Array.isArray(arr[0])) {
    errors.push(err(`posterior.${name} is not a chain × draw array`));
    return null;
  }
  const rows: number[][] = [];
  for (const chain of arr as NestedArray[])
    for (const draw of chain as NestedArray[]) rows.push(Array.isArray(draw) ? (draw as number[]) : [draw as number]);
  return rows;
}

/** The posterior group of an InferenceData as a draw matrix; vector coords matched by label. */
export function drawsFromInferenceData(idata: InferenceData, spec: ModelSpec): DrawMatrix | { errors: UserError[] } {
  const errors: UserError[] = [];
  const vars = variableLayout(spec);
  const P = parameterCount(spec);
  let n = -1;
  let out = new Float64Array(0);
  for (const v of vars) {
    const raw = idata.posterior[v.name];
    if (raw === undefined) {
      errors.push(err(`posterior has no variable "${v.name}", which the model needs`, 'was this run fitted with the same model spec?'));
      continue;
    }
    const rows = flattenChains(raw, v.name, errors);
    if (!rows) continue;
    if (n < 0) {
      n = rows.length;
      out = new Float64Array(n * P);
    } else if (rows.length !== n) {
      errors.push(err(`posterior.${v.name} has ${rows.length} draws, others ${n}`));
      continue;
    }
    // Position of each layout coordinate in the stored vector, matched by label.
    // dims list a variable's own dimensions (ArviZ from_dict leaves chain and draw out).
    const dimName = idata.dims?.[v.name]?.filter((x) => x !== 'chain' && x !== 'draw')[0] ?? v.dim;
    const labels = dimName ? idata.coords?.[dimName]?.map(String) : undefined;
    const pos = v.length === 0 ? [0] : v.coords.map((c, i) => (labels ? labels.indexOf(c) : i));
    pos.forEach((p, i) => {
      if (p < 0) errors.push(err(`posterior.${v.name} has no coordinate "${v.coords[i]}"`, 'was this run fitted with the same channels?'));
    });
    for (let d = 0; d < n; d++)
      pos.forEach((p, i) => {
        const x = rows[d][p];
        out[d * P + v.offset + i] = typeof x === 'number' ? x : NaN;
      });
  }
  if (n <= 0 && errors.length === 0) errors.push(err('posterior holds no draws'));
  if (errors.length > 0) return { errors };
  for (let i = 0; i < out.length; i++)
    if (!Number.isFinite(out[i])) return { errors: [err(`posterior draw ${Math.floor(i / P) + 1} holds a non-finite value`, 'refit the model')] };
  return drawMatrix(spec, out);
}

/** A date×column nested array as one Float64Array per column. */
function columns(m: number[][] | undefined, width: number, T: number): Float64Array[] | null {
  if (!m || m.length !== T) return null;
  const out = Array.from({ length: width }, () => new Float64Array(T));
  for (let t = 0; t < T; t++) {
    if (!Array.isArray(m[t]) || m[t].length !== width) return null;
    for (let j = 0; j < width; j++) out[j][t] = m[t][j] ?? NaN;
  }
  return out;
}

/**
 * The run's model inputs. constant_data.controls holds controls as given (before
 * spec.control_scale, like Dataset.controls); channel order is coords.channel when present.
 */
export function posteriorFromInferenceData(idata: InferenceData): Posterior | { errors: UserError[] } {
  const spec = idata.attrs?.model;
  if (!spec || !Array.isArray(spec.channels)) return { errors: [err('attrs.model (the model spec) is missing', 'use a run directory written by `carryover fit`')] };
  const cd = idata.constant_data;
  if (!cd) return { errors: [err('constant_data is missing')] };
  const dateDim = idata.dims?.y?.[0] ?? 'date';
  const dates = idata.coords?.[dateDim]?.map(String);
  if (!dates || dates.length === 0) return { errors: [err(`coords.${dateDim} (the period dates) is missing`)] };
  const T = dates.length;
  const chLabels = idata.coords?.channel?.map(String) ?? spec.channels.map((c) => c.name);
  const spendCols = columns(cd.spend, chLabels.length, T);
  if (!spendCols) return { errors: [err(`constant_data.spend is not ${T} × ${chLabels.length}`)] };
  const ctlLabels = idata.coords?.control?.map(String) ?? spec.controls;
  const ctlCols = spec.controls.length > 0 ? columns(cd.controls, ctlLabels.length, T) : [];
  if (!ctlCols) return { errors: [err(`constant_data.controls is not ${T} × ${ctlLabels.length}`)] };
  const errors: UserError[] = [];
  const pick = <X>(labels: string[], name: string, vals: X[], what: string): X | undefined => {
    const i = labels.indexOf(name);
    if (i < 0) errors.push(err(`constant_data has no ${what} "${name}"`));
    return vals[i];
  };
  const spend = spec.channels.map((c) => pick(chLabels, c.name, spendCols, 'channel') ?? new Float64Array(T));
  const channelMax = spec.channels.map((c) => pick(chLabels, c.name, cd.channel_max ?? [], 'channel maximum') ?? NaN);
  const controls = spec.controls.map((k) => pick(ctlLabels, k, ctlCols, 'control') ?? new Float64Array(T));
  if (errors.length > 0) return { errors };
  const data = forwardData(spec, { dates, spend, controls, channelMax, targetMaxAbs: cd.target_max_abs });
  if ('errors' in data) return { errors: data.errors.map((e) => ({ ...e, file: 'inference_data.json' })) };
  const draws = drawsFromInferenceData(idata, spec);
  if ('errors' in draws) return draws;
  const y = idata.observed_data?.y;
  if (!Array.isArray(y) || y.length !== T) return { errors: [err(`observed_data.y is not ${T} values`)] };
  return { spec, draws, data, observed: Float64Array.from(y, (v) => (v === null ? NaN : v)) };
}
