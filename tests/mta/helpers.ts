// Shared by the MTA tests: the reference files in ../shared/data/mta and a PathData reader.
import { readFileSync } from 'node:fs';
import { parsePathBytes } from '../../src/mta/parse-paths';
import type { PathTable } from '../../src/mta/types';

export const MTA_DATA = new URL('../../../shared/data/mta/', import.meta.url);

export function readShared(name: string): Uint8Array {
  return readFileSync(new URL(name, MTA_DATA));
}

export function readJson<T = any>(name: string): T {
  return JSON.parse(new TextDecoder().decode(readShared(name))) as T;
}

export function pathData(): PathTable {
  const out = parsePathBytes(readShared('PathData.csv'), { file: 'PathData.csv' });
  if (!out.table) throw new Error(JSON.stringify(out.errors));
  return out.table;
}

/** Credit of one channel by name. */
export function byName(channels: string[], values: Float64Array, name: string): number {
  const i = channels.indexOf(name);
  if (i < 0) throw new Error(`no channel ${name}`);
  return values[i];
}
