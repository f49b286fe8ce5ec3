// The development datasets (MODEL.md §9) and the one minimal wide-CSV → Dataset loader that
// the benchmarks and the tests share (tests/helpers/csv-dataset.ts re-exports it). The
// shared reference sets are clean (ISO dates, numeric cells, optional quoted headers), so a
// split on commas is enough; the studio and the CLI read data through src/data/ instead.
// No vitest here: `npm run bench` runs this from the dist-node bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, SaturationKind } from '../src/core/types';
import { sharedRoot } from './shared-root';

export interface WideRoles {
  date: string;
  target: string;
  channels: string[];
  controls: string[];
}

export interface DevDatasetInfo extends WideRoles {
  /** Path under ../shared/data. */
  file: string;
  saturation: SaturationKind;
}

/** The development datasets of MODEL.md §9, relative to ../shared/data. */
export const DEV_DATASETS: Record<string, DevDatasetInfo> = {
  mmm_example: {
    file: 'pymc-marketing/mmm_example.csv',
    date: 'date_week',
    target: 'y',
    channels: ['x1', 'x2'],
    controls: ['event_1', 'event_2', 't'],
    saturation: 'logistic',
  },
  dev_weekly_logistic: {
    file: 'synthetic/dev_weekly_logistic/data.csv',
    date: 'date',
    target: 'revenue',
    channels: ['tv', 'search', 'social'],
    controls: ['promo_event', 'price_index', 't'],
    saturation: 'logistic',
  },
  dev_weekly_hill: {
    file: 'synthetic/dev_weekly_hill/data.csv',
    date: 'date',
    target: 'sales',
    channels: ['tv', 'radio', 'search', 'social', 'display'],
    controls: ['black_friday', 'competitor_index', 't'],
    saturation: 'hill',
  },
};

/** A path under ../shared (e.g. "data/robyn/dt_simulated_weekly.csv"). */
export function sharedPath(rel: string): string {
  return join(sharedRoot(), rel);
}

const unquote = (s: string) => s.replace(/"/g, '');

/**
 * A wide CSV under ../shared as a weekly Dataset with the given roles. `name` (default `rel`)
 * is the dataset's name and fingerprint, which runs record.
 */
export function wideCsvDataset(rel: string, roles: WideRoles, name = rel): Dataset {
  const [header, ...lines] = readFileSync(sharedPath(rel), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',').map(unquote);
  const rows = lines.map((l) => l.split(','));
  const col = (c: string) => {
    const j = cols.indexOf(c);
    if (j < 0) throw new Error(`${rel}: no column ${c}`);
    return j;
  };
  const num = (c: string) => {
    const j = col(c);
    return Float64Array.from(rows, (r) => Number(unquote(r[j])));
  };
  const d = col(roles.date);
  return {
    name,
    dates: rows.map((r) => unquote(r[d]).slice(0, 10)),
    grain: 'week',
    target: { name: roles.target, values: num(roles.target) },
    channels: roles.channels.map((c) => ({ name: c, spend: num(c) })),
    controls: roles.controls.map((c) => ({ name: c, values: num(c) })),
    imputed: [],
    fingerprint: name,
  };
}

/** One of DEV_DATASETS by key, named by its path under ../shared/data. */
export function loadDevDataset(name: string): Dataset {
  const info = DEV_DATASETS[name];
  if (!info) throw new Error(`no development dataset "${name}" (have ${Object.keys(DEV_DATASETS).join(', ')})`);
  return wideCsvDataset(join('data', info.file), info, info.file);
}
