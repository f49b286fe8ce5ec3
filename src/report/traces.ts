// Thinned per-chain traces of every posterior scalar for the report's sparklines: at most
// `maxPoints` evenly spaced draws per chain, so a 4 × 1000 run adds kilobytes, not megabytes.
import type { InferenceData } from '../core/types';
import { parameterChains } from '../diagnostics/idata';
import type { TraceSet } from './types';

/** Evenly spaced indices 0 .. n-1 (first and last included), at most `max` of them. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 2) return [0];
  return Array.from({ length: max }, (_, j) => Math.round((j * (n - 1)) / (max - 1)));
}

/** Values rounded to 4 significant digits: a sparkline cannot show more, the file stays small. */
const round4 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : NaN);

export function traceSet(idata: InferenceData, maxPoints = 100): TraceSet {
  const scalars = parameterChains(idata);
  const n = scalars[0]?.chains[0]?.length ?? 0;
  const keep = thinIndices(n, maxPoints);
  return {
    draws: keep,
    parameters: scalars.map((s) => ({ key: s.key, chains: s.chains.map((c) => keep.map((i) => round4(c[i]))) })),
  };
}
