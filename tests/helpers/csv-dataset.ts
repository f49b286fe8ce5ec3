// A minimal wide-CSV → Dataset loader for engine tests on the shared reference sets, which
// are clean (ISO dates, numeric cells). The studio and CLI use src/data/ instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dataset } from '../../src/core/types';

export const SHARED = resolve(__dirname, '../../../shared');

export function sharedPath(rel: string): string {
  return resolve(SHARED, rel);
}

export function wideCsvDataset(rel: string, roles: { date: string; target: string; channels: string[]; controls: string[] }): Dataset {
  const [header, ...lines] = readFileSync(sharedPath(rel), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',').map((h) => h.replace(/"/g, ''));
  const rows = lines.map((l) => l.split(','));
  const col = (name: string) => {
    const j = cols.indexOf(name);
    if (j < 0) throw new Error(`${rel}: no column ${name}`);
    return j;
  };
  const num = (name: string) => Float64Array.from(rows, (r) => Number(r[col(name)]));
  return {
    name: rel,
    dates: rows.map((r) => r[col(roles.date)].replace(/"/g, '').slice(0, 10)),
    grain: 'week',
    target: { name: roles.target, values: num(roles.target) },
    channels: roles.channels.map((c) => ({ name: c, spend: num(c) })),
    controls: roles.controls.map((c) => ({ name: c, values: num(c) })),
    imputed: [],
    fingerprint: rel,
  };
}

export const MMM_EXAMPLE = {
  rel: 'data/pymc-marketing/mmm_example.csv',
  roles: { date: 'date_week', target: 'y', channels: ['x1', 'x2'], controls: ['event_1', 'event_2', 't'] },
};
export const DEV_LOGISTIC = {
  rel: 'data/synthetic/dev_weekly_logistic/data.csv',
  roles: { date: 'date', target: 'revenue', channels: ['tv', 'search', 'social'], controls: ['promo_event', 'price_index', 't'] },
};
export const DEV_HILL = {
  rel: 'data/synthetic/dev_weekly_hill/data.csv',
  roles: { date: 'date', target: 'sales', channels: ['tv', 'radio', 'search', 'social', 'display'], controls: ['black_friday', 'competitor_index', 't'] },
};
