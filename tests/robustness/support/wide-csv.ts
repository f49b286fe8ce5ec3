// A big wide CSV for the big-input tests, written straight to disk: one row per day from
// Monday 1900-01-01 (the importer reads dates from 1900 to 2200), a target, 24 channels with
// spend and impressions, 15 price controls, each cell a seeded number with nine decimals,
// until the file reaches the size asked for.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface WideCsvFacts {
  path: string;
  bytes: number;
  rows: number;
  columns: number;
  /** Whole Monday-to-Sunday weeks the rows cover (what the importer keeps at weekly grain). */
  weeks: number;
}

const CHANNELS = 24;
const CONTROLS = 15;
const ROWS_PER_WRITE = 2000;

/** mulberry32 (Tommy Ettinger): small and seedable; the file is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function header(): string {
  const names = ['date', 'revenue'];
  for (let c = 1; c <= CHANNELS; c++) {
    const ch = `ch${String(c).padStart(2, '0')}`;
    names.push(`${ch}_spend`, `${ch}_impressions`);
  }
  for (let k = 1; k <= CONTROLS; k++) names.push(`price_index_${String(k).padStart(2, '0')}`);
  return names.join(',') + '\n';
}

function row(day: number, u: () => number): string {
  const date = new Date(Date.UTC(1900, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const cells: string[] = [date, ''];
  let revenue = 50_000;
  for (let c = 0; c < CHANNELS; c++) {
    const spend = 1000 + 9000 * u();
    revenue += 0.8 * spend * (0.5 + u());
    cells.push(spend.toFixed(9), (spend * (80 + 40 * u())).toFixed(9));
  }
  for (let k = 0; k < CONTROLS; k++) cells.push((90 + 20 * u()).toFixed(9));
  cells[1] = revenue.toFixed(9);
  return cells.join(',') + '\n';
}

export function writeWideCsv(file: string, minBytes: number, seed = 20261122): WideCsvFacts {
  const u = rng(seed);
  const fd = openSync(file, 'w');
  let bytes = 0;
  let rows = 0;
  try {
    const head = header();
    bytes += writeSync(fd, head);
    while (bytes < minBytes) {
      const chunk: string[] = [];
      for (let i = 0; i < ROWS_PER_WRITE && bytes < minBytes; i++, rows++) {
        const r = row(rows, u);
        chunk.push(r);
        bytes += r.length;
      }
      writeSync(fd, chunk.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return { path: file, bytes, rows, columns: 2 + 2 * CHANNELS + CONTROLS, weeks: Math.floor(rows / 7) };
}
