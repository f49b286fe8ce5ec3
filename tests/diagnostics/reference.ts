// Loads the R reference data of ../shared/reference/diagnostics (made with posterior 1.4.0
// and loo 2.5.1; see its README.md).
import { readFileSync } from 'node:fs';

const dir = new URL('../../../shared/reference/diagnostics/', import.meta.url);

export function readCsvNumbers(name: string): { header: string[]; rows: number[][] } {
  const text = readFileSync(new URL(name, dir), 'utf8').trim();
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  return { header, rows };
}

/** draws.csv as variable → chains (one Float64Array per chain). */
export function referenceDraws(): Map<string, Float64Array[]> {
  const { header, rows } = readCsvNumbers('draws.csv');
  const chainCol = header.indexOf('chain');
  const nChains = Math.max(...rows.map((r) => r[chainCol]));
  const out = new Map<string, Float64Array[]>();
  for (let v = 0; v < header.length; v++) {
    if (header[v] === 'chain' || header[v] === 'draw') continue;
    const chains: number[][] = Array.from({ length: nChains }, () => []);
    for (const r of rows) chains[r[chainCol] - 1].push(r[v]);
    out.set(header[v], chains.map((c) => Float64Array.from(c)));
  }
  return out;
}

export type RefValue = number | 'NA';

export function referenceJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}
