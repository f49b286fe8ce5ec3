// Test helper: a wide CSV from ../shared/data as a Dataset (src/core/types.ts), for the
// calibration and ridge tests. The data engineer's importer (src/data/) is the product path;
// this helper only reads the reference files whose columns we know, and one-hot encodes a
// text column with its most common value as the dropped reference (MODEL.md §1).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Dataset } from '../../src/core/types';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

export interface WideSpec {
  date: string;
  target: string;
  channels: string[];
  /** Numeric controls used as given. */
  controls?: string[];
  /** Text controls, one-hot encoded. */
  text?: string[];
}

export function readWideCsv(relPath: string, spec: WideSpec): Dataset {
  const text = readFileSync(SHARED + relPath, 'utf8');
  const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
  const num = (col: string) => Float64Array.from(rows, (r) => {
    const v = Number(r[col]);
    if (!Number.isFinite(v)) throw new Error(`${relPath}: ${col} = ${r[col]}`);
    return v;
  });
  const controls = (spec.controls ?? []).map((name) => ({ name, values: num(name) }));
  for (const col of spec.text ?? []) {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[col], (counts.get(r[col]) ?? 0) + 1);
    const levels = [...counts.keys()].sort();
    const reference = levels.reduce((a, b) => (counts.get(b)! > counts.get(a)! ? b : a));
    for (const level of levels) {
      if (level === reference) continue;
      controls.push({ name: `${col}_${level}`, values: Float64Array.from(rows, (r) => (r[col] === level ? 1 : 0)) });
    }
  }
  return {
    name: relPath,
    dates: rows.map((r) => r[spec.date]),
    grain: 'week',
    target: { name: spec.target, values: num(spec.target) },
    channels: spec.channels.map((name) => ({ name, spend: num(name) })),
    controls,
    imputed: [],
    fingerprint: relPath,
  };
}

export function readJson<T>(relPath: string): T {
  return JSON.parse(readFileSync(SHARED + relPath, 'utf8')) as T;
}

export function readText(relPath: string): string {
  return readFileSync(SHARED + relPath, 'utf8');
}

export const devWeeklyHill = (): Dataset =>
  readWideCsv('data/synthetic/dev_weekly_hill/data.csv', {
    date: 'date',
    target: 'sales',
    channels: ['tv', 'radio', 'search', 'social', 'display'],
    controls: ['black_friday', 'competitor_index', 't'],
  });

export const devWeeklyLogistic = (): Dataset =>
  readWideCsv('data/synthetic/dev_weekly_logistic/data.csv', {
    date: 'date',
    target: 'revenue',
    channels: ['tv', 'search', 'social'],
    controls: ['promo_event', 'price_index', 't'],
  });

export const robynWeekly = (): Dataset =>
  readWideCsv('data/robyn/dt_simulated_weekly.csv', {
    date: 'DATE',
    target: 'revenue',
    channels: ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'],
    controls: ['competitor_sales_B', 'newsletter'],
    text: ['events'],
  });
