// Checks that a record (from IndexedDB or an imported file) is a well-formed schema v1
// run before the studio trusts it: every group of MODEL.md §8 present, arrays rectangular
// and leading with the same chain × draw, dims and coords agreeing with the shapes, the
// dataset as long as the observed series. Problems come back as UserErrors naming the path.
import type { UserError } from '../core/types';
import { activeSchema } from './migrations';
import type { RunRecord } from './schema';
import { nestedShape } from './shape';

const GROUPS_WITH_DRAWS = ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive'] as const;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

class Problems {
  readonly list: UserError[] = [];
  constructor(private readonly file: string | undefined) {}
  add(path: string, what: string): void {
    this.list.push({
      message: `Saved run is damaged: ${path} ${what}.`,
      file: this.file,
      column: path,
      hint: 'The run cannot be opened. Delete it, or re-import it from an exported file.',
      severity: 'error',
    });
  }
}

interface Shaped {
  path: string;
  name: string;
  shape: number[];
}

/** Every draw array with its shape; the chain × draw most of them share is the reference. */
function drawArrays(idata: Record<string, unknown>, p: Problems): { arrays: Shaped[]; lead: string } {
  const arrays: Shaped[] = [];
  const votes = new Map<string, number>();
  for (const g of GROUPS_WITH_DRAWS) {
    const group = idata[g];
    if (!isObj(group)) {
      p.add(`inference_data.${g}`, 'is missing');
      continue;
    }
    for (const [name, arr] of Object.entries(group)) {
      const path = `inference_data.${g}.${name}`;
      const s = nestedShape(arr);
      if ('problem' in s) p.add(path, s.problem);
      else if (s.shape.length < 2) p.add(path, 'does not lead with chain and draw');
      else {
        arrays.push({ path, name, shape: s.shape });
        const key = `${s.shape[0]} × ${s.shape[1]}`;
        votes.set(key, (votes.get(key) ?? 0) + 1);
      }
    }
  }
  const lead = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return { arrays, lead };
}

function checkDrawArrays(idata: Record<string, unknown>, p: Problems): void {
  const dims = isObj(idata.dims) ? idata.dims : {};
  const coords = isObj(idata.coords) ? idata.coords : {};
  const { arrays, lead } = drawArrays(idata, p);
  for (const { path, name, shape } of arrays) {
    if (`${shape[0]} × ${shape[1]}` !== lead) p.add(path, `has ${shape[0]} chains × ${shape[1]} draws where other variables have ${lead}`);
    const d = dims[name];
    const extra = shape.slice(2);
    if (d === undefined) {
      if (extra.length > 0) p.add(path, `has ${extra.length} dimension(s) beyond chain, draw but no entry in dims`);
      continue;
    }
    if (!Array.isArray(d) || d.length !== extra.length) {
      p.add(`inference_data.dims.${name}`, `does not match the ${extra.length} dimension(s) of ${path}`);
      continue;
    }
    d.forEach((dim, i) => {
      const c = coords[String(dim)];
      if (!Array.isArray(c)) p.add(`inference_data.coords.${String(dim)}`, 'is missing');
      else if (c.length !== extra[i]) p.add(path, `has ${extra[i]} entries along ${String(dim)} but coords list ${c.length}`);
    });
  }
}

function checkAttrs(attrs: unknown, p: Problems): void {
  if (!isObj(attrs)) return p.add('inference_data.attrs', 'is missing');
  for (const k of ['created_at', 'app_version']) if (typeof attrs[k] !== 'string') p.add(`inference_data.attrs.${k}`, 'is not a string');
  if (typeof attrs.seed !== 'number') p.add('inference_data.attrs.seed', 'is not a number');
  if (!isObj(attrs.model) || !Array.isArray(attrs.model.channels)) p.add('inference_data.attrs.model', 'is not a model spec');
  if (!isObj(attrs.sampler)) p.add('inference_data.attrs.sampler', 'is missing');
  if (!isObj(attrs.data_range) || typeof attrs.data_range.rows !== 'number') p.add('inference_data.attrs.data_range', 'is missing');
}

function checkDataset(r: Record<string, unknown>, rows: number | undefined, p: Problems): void {
  const d = r.dataset;
  if (!isObj(d)) return p.add('dataset', 'is missing');
  if (!Array.isArray(d.dates)) return p.add('dataset.dates', 'is missing');
  const n = d.dates.length;
  if (rows !== undefined && rows !== n) p.add('dataset.dates', `has ${n} periods but observed_data.y has ${rows}`);
  const series = (path: string, v: unknown) => {
    if (!Array.isArray(v) || v.some((x) => x !== null && typeof x !== 'number')) p.add(path, 'is not a list of numbers');
    else if (v.length !== n) p.add(path, `has ${v.length} values for ${n} dates`);
  };
  series('dataset.target.values', isObj(d.target) ? d.target.values : undefined);
  if (!Array.isArray(d.channels)) p.add('dataset.channels', 'is missing');
  else d.channels.forEach((c: unknown, i) => series(`dataset.channels[${i}].spend`, isObj(c) ? c.spend : undefined));
  if (!Array.isArray(d.controls)) p.add('dataset.controls', 'is missing');
  else d.controls.forEach((c: unknown, i) => series(`dataset.controls[${i}].values`, isObj(c) ? c.values : undefined));
  if (typeof d.fingerprint !== 'string') p.add('dataset.fingerprint', 'is missing');
  const attrs = isObj(r.inference_data) && isObj(r.inference_data.attrs) ? r.inference_data.attrs : {};
  if (typeof attrs.dataset_fingerprint === 'string' && attrs.dataset_fingerprint !== d.fingerprint) {
    p.add('dataset.fingerprint', 'differs from inference_data.attrs.dataset_fingerprint (the data is not the data of this fit)');
  }
}

/** Empty when `raw` is a valid schema v1 RunRecord. */
export function validateRunRecord(raw: unknown, file?: string): UserError[] {
  const p = new Problems(file);
  if (!isObj(raw)) {
    p.add('record', 'is not an object');
    return p.list;
  }
  // Only records at the active schema are trusted; older ones go through migrateRecord first.
  const version = activeSchema().version;
  if (raw.schema_version !== version) p.add('schema_version', `is ${JSON.stringify(raw.schema_version)}, expected ${version}`);
  for (const k of ['id', 'name', 'created_at']) if (typeof raw[k] !== 'string' || raw[k] === '') p.add(k, 'is missing');
  const idata = raw.inference_data;
  if (!isObj(idata)) {
    p.add('inference_data', 'is missing');
    return p.list;
  }
  checkDrawArrays(idata, p);
  checkAttrs(idata.attrs, p);
  const obs = isObj(idata.observed_data) ? idata.observed_data.y : undefined;
  if (!Array.isArray(obs)) p.add('inference_data.observed_data.y', 'is missing');
  if (!isObj(idata.constant_data)) p.add('inference_data.constant_data', 'is missing');
  checkDataset(raw, Array.isArray(obs) ? obs.length : undefined, p);
  return p.list;
}

/** Narrowing helper for callers that already validated. */
export function asRunRecord(raw: unknown): RunRecord {
  return raw as RunRecord;
}
