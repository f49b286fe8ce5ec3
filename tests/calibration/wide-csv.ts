// Test helper for the calibration and ridge tests: the reference sets under ../shared as
// Datasets, through the one shared loader (bench/dev-datasets.ts, re-exported by
// tests/helpers/csv-dataset.ts). The only thing added here is Robyn's text column `events`,
// one-hot encoded with its most common value as the dropped reference (MODEL.md §1).
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import type { Dataset } from '../../src/core/types';
import { DEV_HILL, DEV_LOGISTIC, sharedPath, wideCsvDataset } from '../helpers/csv-dataset';

/** ../shared/, absolute, with a trailing separator (callers write SHARED + 'data/...'). */
export const SHARED = sharedPath('.') + sep;

export interface WideSpec {
  date: string;
  target: string;
  channels: string[];
  /** Numeric controls used as given. */
  controls?: string[];
  /** Text controls, one-hot encoded. */
  text?: string[];
}

/**
 * One text column of a reference CSV, cell by cell. The shared loader reads numbers only;
 * the reference files quote text cells but never hold a comma inside one (as it assumes).
 */
function textColumn(relPath: string, col: string): string[] {
  const [header, ...lines] = readText(relPath).trim().split(/\r?\n/);
  const unquote = (s: string) => s.replace(/"/g, '');
  const j = header.split(',').map(unquote).indexOf(col);
  if (j < 0) throw new Error(`${relPath}: no column ${col}`);
  return lines.map((l) => unquote(l.split(',')[j]));
}

/** One 0/1 control per level of a text column but the most common one (ties: the first in sort order). */
function oneHot(relPath: string, col: string): Dataset['controls'] {
  const cells = textColumn(relPath, col);
  const counts = new Map<string, number>();
  for (const v of cells) counts.set(v, (counts.get(v) ?? 0) + 1);
  const levels = [...counts.keys()].sort();
  const reference = levels.reduce((a, b) => (counts.get(b)! > counts.get(a)! ? b : a));
  return levels.filter((l) => l !== reference).map((level) => ({ name: `${col}_${level}`, values: Float64Array.from(cells, (v) => (v === level ? 1 : 0)) }));
}

export function readWideCsv(relPath: string, spec: WideSpec): Dataset {
  const data = wideCsvDataset(relPath, { date: spec.date, target: spec.target, channels: spec.channels, controls: spec.controls ?? [] });
  for (const v of [data.target.values, ...data.channels.map((c) => c.spend), ...data.controls.map((c) => c.values)])
    if (v.some((x) => !Number.isFinite(x))) throw new Error(`${relPath}: a column the test reads as numbers holds text`);
  return { ...data, controls: [...data.controls, ...(spec.text ?? []).flatMap((col) => oneHot(relPath, col))] };
}

export function readJson<T>(relPath: string): T {
  return JSON.parse(readText(relPath)) as T;
}

export function readText(relPath: string): string {
  return readFileSync(sharedPath(relPath), 'utf8');
}

export const devWeeklyHill = (): Dataset => readWideCsv(DEV_HILL.rel, DEV_HILL.roles);

export const devWeeklyLogistic = (): Dataset => readWideCsv(DEV_LOGISTIC.rel, DEV_LOGISTIC.roles);

export const robynWeekly = (): Dataset =>
  readWideCsv('data/robyn/dt_simulated_weekly.csv', {
    date: 'DATE',
    target: 'revenue',
    channels: ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'],
    controls: ['competitor_sales_B', 'newsletter'],
    text: ['events'],
  });
