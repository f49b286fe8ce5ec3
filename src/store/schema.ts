// The stored shape of a run (schema_version 1): the InferenceData of MODEL.md §8 plus the
// dataset it was fitted on, in plain JSON-able arrays so the same record is what IndexedDB
// keeps and what an exported file holds. Bump SCHEMA_VERSION only together with a
// migration in migrate.ts and a new committed fixture.
import type { Dataset, ImputedCell, InferenceData, SamplerSettings } from '../core/types';
import { defaultRunName } from './run-name';

export const SCHEMA_VERSION = 1;

/** A Dataset with its Float64Arrays as number arrays (null where a value is not finite). */
export interface StoredDataset {
  name: string;
  dates: string[];
  grain: 'week' | 'day';
  target: { name: string; values: Array<number | null> };
  channels: Array<{
    name: string;
    spend: Array<number | null>;
    impressions?: Array<number | null>;
    clicks?: Array<number | null>;
  }>;
  controls: Array<{ name: string; values: Array<number | null> }>;
  imputed: ImputedCell[];
  fingerprint: string;
}

/** Timings the studio records per fit (attrs.timings). */
export interface RunTimings {
  wall_seconds: number;
  /** Per chain, in chain order. */
  chain_seconds?: number[];
}

export interface RunRecord {
  schema_version: typeof SCHEMA_VERSION;
  id: string;
  /** User-editable label. */
  name: string;
  created_at: string;
  inference_data: InferenceData;
  dataset: StoredDataset;
}

/** What the runs list shows without loading draws. */
export interface RunSummary {
  id: string;
  name: string;
  created_at: string;
  schema_version: number;
  dataset_name: string;
  fingerprint: string;
  data_range: InferenceData['attrs']['data_range'];
  channels: string[];
  seed: number;
  sampler: Omit<SamplerSettings, 'seed'>;
  wall_seconds: number | null;
}

const toArray = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
const toF64 = (a: ReadonlyArray<number | null>): Float64Array => Float64Array.from(a, (v) => (v === null ? NaN : v));

export function storeDataset(d: Dataset): StoredDataset {
  return {
    name: d.name,
    dates: [...d.dates],
    grain: d.grain,
    target: { name: d.target.name, values: toArray(d.target.values) },
    channels: d.channels.map((c) => ({
      name: c.name,
      spend: toArray(c.spend),
      ...(c.impressions ? { impressions: toArray(c.impressions) } : {}),
      ...(c.clicks ? { clicks: toArray(c.clicks) } : {}),
    })),
    controls: d.controls.map((c) => ({ name: c.name, values: toArray(c.values) })),
    imputed: d.imputed.map((c) => ({ ...c })),
    fingerprint: d.fingerprint,
  };
}

export function loadDataset(s: StoredDataset): Dataset {
  return {
    name: s.name,
    dates: [...s.dates],
    grain: s.grain,
    target: { name: s.target.name, values: toF64(s.target.values) },
    channels: s.channels.map((c) => ({
      name: c.name,
      spend: toF64(c.spend),
      ...(c.impressions ? { impressions: toF64(c.impressions) } : {}),
      ...(c.clicks ? { clicks: toF64(c.clicks) } : {}),
    })),
    controls: s.controls.map((c) => ({ name: c.name, values: toF64(c.values) })),
    imputed: s.imputed.map((c) => ({ ...c })),
    fingerprint: s.fingerprint,
  };
}

export function summarize(r: RunRecord): RunSummary {
  const a = r.inference_data.attrs;
  const timings = a.timings as RunTimings | undefined;
  return {
    id: r.id,
    name: r.name,
    created_at: r.created_at,
    schema_version: r.schema_version,
    dataset_name: r.dataset.name,
    fingerprint: r.dataset.fingerprint,
    data_range: a.data_range,
    channels: a.model.channels.map((c) => c.name),
    seed: a.seed,
    sampler: a.sampler,
    wall_seconds: typeof timings?.wall_seconds === 'number' ? timings.wall_seconds : null,
  };
}

export interface NewRunOptions {
  name?: string;
  timings?: RunTimings;
  /** Injected for reproducible tests; default crypto.randomUUID(). */
  id?: string;
  now?: Date;
}

/**
 * A record for a finished fit. The attrs get what MODEL.md §8 and the runs library need
 * and the fit may not have set: the dataset fingerprint and the timings.
 */
export function newRunRecord(idata: InferenceData, dataset: Dataset, opts: NewRunOptions = {}): RunRecord {
  const now = opts.now ?? new Date();
  const earlier = idata.attrs.timings;
  const attrs = {
    ...idata.attrs,
    dataset_fingerprint: dataset.fingerprint,
    // Keep whatever timings the engine recorded; add the studio's.
    ...(opts.timings ? { timings: { ...(earlier && typeof earlier === 'object' ? earlier : {}), ...opts.timings } } : {}),
  };
  return {
    schema_version: SCHEMA_VERSION,
    id: opts.id ?? crypto.randomUUID(),
    name: opts.name ?? defaultRunName(dataset.name, now.toISOString()),
    created_at: now.toISOString(),
    inference_data: { ...idata, attrs },
    dataset: storeDataset(dataset),
  };
}
