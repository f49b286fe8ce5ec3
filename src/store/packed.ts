// How a run's draw arrays sit in IndexedDB: each rectangular array of numbers in the draw
// groups (posterior, sample_stats, log_likelihood, posterior_predictive) as one Float64Array
// with its shape, instead of chain × draw × ... nested JS arrays. IndexedDB stores a record
// by structured clone, done on the calling (main) thread; a default fit's 1.7 M nested
// numbers took ~170 ms to clone, the same numbers as typed arrays ~5–20 ms plus ~15 ms to
// pack (tests/store/save-cost.bench.ts). Only the stored form changes: RunStore packs on
// save and unpacks on read, so the studio, exports and validation see the nested arrays of
// MODEL.md §8. Float64Array keeps every double bit-exact (NaN, -0, ±Infinity); an array with
// a null in it (a value that could not be computed) is left nested, so null stays null.
// Records saved before packing existed read as they are (unpack leaves plain arrays alone).
import type { NestedArray } from '../core/types';

const DRAW_GROUPS = ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive'] as const;

export interface PackedArray {
  packed: 'f64';
  shape: number[];
  data: Float64Array;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `a` as one Float64Array, or null when it is not a rectangular array of numbers only. */
export function packArray(a: unknown): PackedArray | null {
  const shape: number[] = [];
  for (let level = a; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  if (shape.length === 0) return null;
  const data = new Float64Array(shape.reduce((p, n) => p * n, 1));
  let k = 0;
  const fill = (x: unknown, depth: number): boolean => {
    if (!Array.isArray(x) || x.length !== shape[depth]) return false;
    if (depth === shape.length - 1) {
      for (let i = 0; i < x.length; i++) {
        const v: unknown = x[i];
        if (typeof v !== 'number') return false;
        data[k++] = v;
      }
      return true;
    }
    for (let i = 0; i < x.length; i++) if (!fill(x[i], depth + 1)) return false;
    return true;
  };
  return fill(a, 0) ? { packed: 'f64', shape, data } : null;
}

function isPacked(v: unknown): v is PackedArray {
  if (!isObj(v) || v.packed !== 'f64' || !(v.data instanceof Float64Array) || !Array.isArray(v.shape)) return false;
  if (!v.shape.every((n) => Number.isInteger(n) && n >= 0)) return false;
  return v.shape.reduce((p: number, n: number) => p * n, 1) === v.data.length;
}

/** The nested arrays back, row-major, as packArray read them. */
export function unpackArray(p: PackedArray): NestedArray {
  let k = 0;
  const build = (depth: number): NestedArray => {
    const n = p.shape[depth];
    if (depth === p.shape.length - 1) {
      const row = new Array<number>(n);
      for (let i = 0; i < n; i++) row[i] = p.data[k++];
      return row;
    }
    const out = new Array<NestedArray>(n);
    for (let i = 0; i < n; i++) out[i] = build(depth + 1);
    return out as NestedArray;
  };
  return build(0);
}

function mapGroups(record: unknown, f: (v: unknown) => unknown): unknown {
  if (!isObj(record) || !isObj(record.inference_data)) return record;
  const idata: Record<string, unknown> = { ...record.inference_data };
  for (const g of DRAW_GROUPS) {
    const group = idata[g];
    if (!isObj(group)) continue;
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(group)) out[name] = f(v);
    idata[g] = out;
  }
  return { ...record, inference_data: idata };
}

/** The form RunStore writes: a shallow copy with the draw arrays packed; the input is untouched. */
export function packRecord<T>(record: T): T {
  return mapGroups(record, (v) => packArray(v) ?? v) as T;
}

/** A stored record in the nested form; plain arrays and anything unrecognised pass unchanged (validation judges them). */
export function unpackRecord(stored: unknown): unknown {
  return mapGroups(stored, (v) => (isPacked(v) ? unpackArray(v) : v));
}
