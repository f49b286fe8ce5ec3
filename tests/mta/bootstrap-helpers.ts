// Small journey tables for the bootstrap tests, built directly (no CSV in between).
import { attribute } from '../../src/mta/attribute';
import type { GeneratedJourneys } from '../../src/mta/generator';
import type { AttributionResult, AttributionSettings, PathTable } from '../../src/mta/types';

export interface Row {
  path: number[];
  conversions: number;
  value: number;
  nulls: number;
}

export function tableOf(channels: string[], rows: Row[]): PathTable {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.path.length));
  return {
    channels,
    touches: Uint16Array.from(rows.flatMap((r) => r.path)),
    offsets,
    conversions: Float64Array.from(rows, (r) => r.conversions),
    value: Float64Array.from(rows, (r) => r.value),
    nulls: Float64Array.from(rows, (r) => r.nulls),
    hasValue: true,
    hasNulls: true,
  };
}

/** One generated journey per row. */
export function tableOfJourneys(g: GeneratedJourneys): PathTable {
  return {
    channels: g.channels,
    touches: g.touches,
    offsets: g.offsets,
    conversions: Float64Array.from(g.converted),
    value: g.value,
    nulls: Float64Array.from(g.converted, (c) => 1 - c),
    hasValue: true,
    hasNulls: true,
  };
}

/** Heuristics and simplified Shapley only: no Markov orders, full Shapley skipped by its limit. */
export const HEURISTICS_ONLY: Partial<AttributionSettings> = { markovOrders: [], maxShapleyChannels: 1 };

export function pointOf(t: PathTable, s: Partial<AttributionSettings> = {}): AttributionResult {
  return attribute(t, s);
}

/** Sample standard deviation of column c of a B x n matrix. */
export function columnSd(d: Float64Array, B: number, n: number, c: number): number {
  let m = 0;
  for (let b = 0; b < B; b++) m += d[b * n + c];
  m /= B;
  let s = 0;
  for (let b = 0; b < B; b++) s += (d[b * n + c] - m) ** 2;
  return Math.sqrt(s / (B - 1));
}
