// The data a run was fitted to, rebuilt from its inference_data.json alone (MODEL.md §8:
// observed_data.y, constant_data.spend and .controls as given, coords for the labels), so
// a refit needs nothing but the run directory; and the training / held-out split of it.
import type { Dataset, ImputedCell, InferenceData, UserError } from '../core/types';

const FILE = 'inference_data.json';
const err = (message: string, hint?: string): UserError => ({ message, severity: 'error', file: FILE, hint });

/** Column j of a date × column nested array, or null when the shape is off. */
function column(m: unknown, T: number, width: number, j: number): Float64Array | null {
  if (!Array.isArray(m) || m.length !== T) return null;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const row = m[t];
    if (!Array.isArray(row) || row.length !== width) return null;
    const v = row[j];
    out[t] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

/**
 * The Dataset of a run: same dates, target, spend and controls (as given, before the
 * spec's control_scale), so fitting the run's spec on it with the run's settings and seed
 * reproduces the run's draws bit for bit (tests/checks prove it).
 */
export function datasetFromRun(idata: InferenceData): Dataset | { errors: UserError[] } {
  const spec = idata.attrs?.model;
  if (!spec || !Array.isArray(spec.channels)) return { errors: [err('attrs.model (the model spec) is missing', 'use a run directory written by `carryover fit` or exported from the studio')] };
  const dateDim = idata.dims?.y?.[0] ?? 'date';
  const dates = idata.coords?.[dateDim]?.map(String);
  const y = idata.observed_data?.y;
  if (!dates || dates.length === 0) return { errors: [err(`coords.${dateDim} (the period dates) is missing`)] };
  const T = dates.length;
  if (!Array.isArray(y) || y.length !== T) return { errors: [err(`observed_data.y does not hold ${T} values, one per date`)] };
  const cd = idata.constant_data;
  const chLabels = idata.coords?.channel?.map(String) ?? spec.channels.map((c) => c.name);
  const ctlLabels = idata.coords?.control?.map(String) ?? spec.controls;
  const errors: UserError[] = [];
  const channels = spec.channels.map((c) => {
    const j = chLabels.indexOf(c.name);
    const spend = j < 0 ? null : column(cd?.spend, T, chLabels.length, j);
    if (!spend) errors.push({ ...err(`constant_data.spend has no ${T}-period column for channel "${c.name}"`, 'the run file is incomplete; re-export it'), channel: c.name });
    return { name: c.name, spend: spend ?? new Float64Array(T) };
  });
  const controls = spec.controls.map((name) => {
    const j = ctlLabels.indexOf(name);
    const values = j < 0 ? null : column(cd?.controls, T, ctlLabels.length, j);
    if (!values) errors.push({ ...err(`constant_data.controls has no ${T}-period column for control "${name}"`, 'the run file is incomplete; re-export it'), column: name });
    return { name, values: values ?? new Float64Array(T) };
  });
  if (errors.length > 0) return { errors };
  const attrs = idata.attrs as Record<string, unknown>;
  const imputed = Array.isArray(attrs.imputed_cells) ? (attrs.imputed_cells as ImputedCell[]) : [];
  return {
    name: typeof attrs.dataset_name === 'string' ? attrs.dataset_name : 'run data',
    dates,
    grain: idata.attrs.data_range?.grain === 'day' ? 'day' : 'week',
    target: { name: typeof attrs.target_name === 'string' ? attrs.target_name : 'y', values: Float64Array.from(y, (v) => (typeof v === 'number' ? v : NaN)) },
    channels,
    controls,
    imputed,
    fingerprint: typeof attrs.dataset_fingerprint === 'string' ? attrs.dataset_fingerprint : '',
  };
}

/** Rows [from, to) of a dataset; imputed cells keep their flags, re-indexed. */
export function sliceDataset(data: Dataset, from: number, to: number, fingerprint: string): Dataset {
  return {
    ...data,
    dates: data.dates.slice(from, to),
    target: { ...data.target, values: data.target.values.slice(from, to) },
    channels: data.channels.map((c) => ({
      ...c,
      spend: c.spend.slice(from, to),
      ...(c.impressions ? { impressions: c.impressions.slice(from, to) } : {}),
      ...(c.clicks ? { clicks: c.clicks.slice(from, to) } : {}),
    })),
    controls: data.controls.map((c) => ({ ...c, values: c.values.slice(from, to) })),
    imputed: data.imputed.filter((i) => i.row >= from && i.row < to).map((i) => ({ ...i, row: i.row - from })),
    fingerprint,
  };
}
