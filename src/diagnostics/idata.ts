// Reading InferenceData (src/core/types.ts, MODEL.md §8) for the diagnostics: every scalar
// of a variable as chains (one Float64Array per chain), keyed `name[coord]`, and
// per-observation groups as PointwiseDraws. JSON null becomes NaN here; the report turns
// any NaN result back into null.

import type { InferenceData, NestedArray } from '../core/types';
import type { PointwiseDraws } from './pointwise';

/** Shape read along the first elements; flattenNested then checks it is rectangular. */
export function shapeOf(a: unknown): number[] {
  const shape: number[] = [];
  let level: unknown = a;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/** Leaves in row-major order; null (or anything not a number) becomes NaN. */
export function flattenNested(a: unknown, expected: number): Float64Array {
  const out = new Float64Array(expected);
  let o = 0;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else {
      if (o >= expected) throw new Error('array is not rectangular');
      // ArviZ's to_json writes boolean statistics (diverging) as true/false: 1/0, not NaN.
      out[o++] = typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : NaN;
    }
  };
  walk(a);
  if (o !== expected) throw new Error('array is not rectangular');
  return out;
}

export interface ScalarChains {
  /** MODEL.md §8 key: `name`, `name[coord]`, or `name[c1,c2]` for several extra dims. */
  key: string;
  variable: string;
  chains: Float64Array[];
}

function coordLabel(idx: number, extra: number[], dims: string[] | undefined, coords: InferenceData['coords']): string {
  const labels: string[] = [];
  let rest = idx;
  const pos: number[] = new Array(extra.length);
  for (let d = extra.length - 1; d >= 0; d--) {
    pos[d] = rest % extra[d];
    rest = Math.floor(rest / extra[d]);
  }
  for (let d = 0; d < extra.length; d++) {
    const dim = dims?.[d];
    const label = dim !== undefined ? coords[dim]?.[pos[d]] : undefined;
    labels.push(String(label ?? pos[d]));
  }
  return labels.join(',');
}

/** Every scalar of one variable (chain × draw × dims...) as chains. */
export function scalarChains(
  name: string,
  arr: NestedArray,
  dims: string[] | undefined,
  coords: InferenceData['coords'],
): ScalarChains[] {
  const shape = shapeOf(arr);
  if (shape.length < 2) throw new Error(`${name} does not lead with chain, draw`);
  const [nChains, nDraws, ...extra] = shape;
  const width = extra.reduce((a, b) => a * b, 1);
  const flat = flattenNested(arr, nChains * nDraws * width);
  const out: ScalarChains[] = [];
  for (let j = 0; j < width; j++) {
    const chains = Array.from({ length: nChains }, (_, c) => {
      const x = new Float64Array(nDraws);
      for (let d = 0; d < nDraws; d++) x[d] = flat[(c * nDraws + d) * width + j];
      return x;
    });
    const key = extra.length === 0 ? name : `${name}[${coordLabel(j, extra, dims, coords)}]`;
    out.push({ key, variable: name, chains });
  }
  return out;
}

/** The observation dimension of the model (the dim of observed y; 'date' by default). */
export function observationDim(idata: InferenceData): string {
  return idata.dims?.y?.[0] ?? 'date';
}

/**
 * Scalars of the posterior's parameters: every posterior variable except per-observation
 * deterministics (those with the observation dimension), which are not parameters and
 * would multiply the work by T.
 */
export function parameterChains(idata: InferenceData): ScalarChains[] {
  const obsDim = observationDim(idata);
  const out: ScalarChains[] = [];
  for (const [name, arr] of Object.entries(idata.posterior ?? {})) {
    const dims = idata.dims?.[name];
    if (dims?.includes(obsDim)) continue;
    out.push(...scalarChains(name, arr, dims, idata.coords ?? {}));
  }
  return out;
}

/** One sample_stats variable as chains (null when the run does not record it). */
export function statChains(idata: InferenceData, stat: string): Float64Array[] | null {
  const arr = idata.sample_stats?.[stat];
  if (!arr) return null;
  return scalarChains(stat, arr, undefined, {})[0].chains;
}

/** A chain × draw × observation group as PointwiseDraws (null when absent or empty). */
export function pointwiseGroup(arr: NestedArray | undefined): PointwiseDraws | null {
  if (!arr) return null;
  const shape = shapeOf(arr);
  if (shape.length !== 3 || shape.some((s) => s === 0)) return null;
  const [nChains, nDraws, nObs] = shape;
  return { nChains, nDraws, nObs, values: flattenNested(arr, nChains * nDraws * nObs) };
}
