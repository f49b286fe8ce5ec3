// Progress inside a column (src/data/columns.ts CELLS_PER_REPORT): a tall file's columns report
// every 32,768 cells, not only when a column ends, and a Meridian geo file reports through its
// dates, columns and national sums. Leaving the geo and time columns out of the number reading
// changes nothing a reader sees.
import { describe, expect, it } from 'vitest';
import { CELLS_PER_REPORT, tableColumns } from '../../src/data/columns';
import { readCsv } from '../../src/data/csv';
import { readDateColumn } from '../../src/data/dates';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile } from './helpers';

function tallCsv(rows: number): string {
  const lines = ['date,revenue,tv'];
  for (let i = 0; i < rows; i++) lines.push(`${new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${(1000 + (i % 97)).toFixed(2)},${i % 13}`);
  return lines.join('\n');
}

describe('progress inside columns', () => {
  it('a column of 200,000 cells reports every 32,768 cells in each of its three passes', () => {
    const rows = 200_000;
    const t = readCsv('tall.csv', tallCsv(rows));
    const seen: number[] = [];
    const cols = tableColumns(t, (f) => seen.push(f));
    expect(cols.map((c) => c.name)).toEqual(['date', 'revenue', 'tv']);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    // 3 columns × 3 passes × (6 full blocks of 32,768 + the column's end) reports, then the final 1.
    const perColumnPass = Math.floor(rows / CELLS_PER_REPORT) + 1;
    expect(seen.length).toBe(3 * 3 * perColumnPass + 1);
    // No step larger than one block of one pass of one column (weights 0.2/0.4/0.4 of 3 columns).
    const steps = seen.slice(1).map((f, i) => f - seen[i]);
    expect(Math.max(...steps)).toBeLessThanOrEqual((0.4 * CELLS_PER_REPORT) / (rows * 3) + 1e-12);
  });

  it('reads the kept columns exactly as a full reading does (every column still votes on the decimal mark)', () => {
    // A decimal-comma file whose only evidence of the mark is in a column left out.
    const text = ['geo;time;spend;note', 'a;2024-01-01;1.234;0,5', 'b;2024-01-01;2.500;x'].join('\n');
    const t = readCsv('f.csv', text);
    const all = tableColumns(t);
    const some = tableColumns(t, undefined, (n) => n !== 'note' && n !== 'geo');
    expect(some.map((c) => c.name)).toEqual(['time', 'spend']);
    expect(some).toEqual(all.filter((c) => c.name === 'time' || c.name === 'spend'));
    expect(Array.from(some[1].values)).toEqual([1234, 2500]);
  });

  it('a Meridian geo file reports through dates, columns and sums, its reading stage in steps of at most a tenth', () => {
    const seen: number[] = [];
    const parsed = parseFiles([sharedFile('meridian/geo_media_rf.csv')], { onProgress: (f) => seen.push(f) });
    expect(parsed.format).toBe('meridian_geo');
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    // The geo reader has the second half of the bar (parse.ts READ_SHARE); its dates take a
    // tenth of it, and after them no step is larger than one pass over one column.
    const geo = seen.filter((f) => f >= 0.5);
    const steps = geo.slice(1).map((f, i) => f - geo[i]);
    expect(Math.max(...steps)).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(geo.filter((f) => f > 0.55 && f < 1).length).toBeGreaterThanOrEqual(3 * 15);
  });
});

describe('a date column that repeats its dates (one row per geo and date)', () => {
  it('reads every cell as the same text reads alone, problems at every index', () => {
    const distinct = ['2024-01-01', '2024-01-08', '2024-02-30', '', 'soon', '45300', '2024-01-15'];
    const geos = 50;
    const cells: string[] = [];
    for (let g = 0; g < geos; g++) for (const d of distinct) cells.push(g % 2 ? ` ${d} ` : d);
    const all = readDateColumn(cells, { allowNumeric: true });
    const one = readDateColumn(distinct, { allowNumeric: true });
    expect(Array.from(all.days)).toEqual(Array.from({ length: geos }, () => Array.from(one.days)).flat());
    expect(all.problems.map((p) => [p.index, p.reason])).toEqual(
      Array.from({ length: geos }, (_, g) => one.problems.map((p) => [g * distinct.length + p.index, p.reason])).flat(),
    );
    expect(all.empty).toEqual(Array.from({ length: geos }, (_, g) => g * distinct.length + 3));
    expect([all.format, all.mixed]).toEqual([one.format, one.mixed]);
  });
});

describe('cell texts kept only where they are read as text', () => {
  const csv = (rows: string[]) => ['date,code,revenue,tv,promo,period', ...rows].join('\n');
  const rows = Array.from({ length: 120 }, (_, i) => {
    const d = new Date(Date.UTC(2022, 0, 3) + 7 * i * 86_400_000).toISOString().slice(0, 10);
    return `${d},${d.replace(/-/g, '')},${(5000 + 37 * (i % 11)).toFixed(2)},${(100 + (i % 7) * 3.5).toFixed(1)},${i % 4 ? 'none' : 'sale'},${d.replace(/-/g, '')}`;
  });

  it('a numbers-only column drops its texts; date-named, text and partly bad columns keep them', () => {
    const parsed = parseFiles([{ name: 'w.csv', text: csv(rows) }]);
    const kept = Object.fromEntries(parsed.frame.columns.map((c) => [c.name, c.cells !== undefined]));
    // code and period hold the same yyyymmdd numbers; period is named like a date and keeps its texts.
    expect(kept).toEqual({ date: true, code: false, revenue: false, tv: false, promo: true, period: true });
    const bad = parseFiles([{ name: 'w.csv', text: csv([...rows.slice(0, 119), rows[119].replace(/,[\d.]+,(none|sale),(\d+)$/, ',n/a?,$1,$2')]) }]);
    expect(bad.frame.columns.find((c) => c.name === 'tv')!.cells).toHaveLength(120);
  });

  it('a numbers-only column given the date role by hand still reads as dates from its values', () => {
    const parsed = parseFiles([{ name: 'w.csv', text: csv(rows) }]);
    const roles = detectRoles(parsed);
    const byDate = buildDataset(parsed, roles);
    const byPeriod = buildDataset(parsed, {
      ...roles,
      columns: roles.columns.map((c) => (c.column === 'code' ? { ...c, role: 'date' as const } : c.column === 'date' || c.column === 'period' ? { ...c, role: 'ignored' as const } : c)),
    });
    expect(byDate.dataset?.dates).toHaveLength(120);
    expect(byPeriod.report.filter((e) => e.severity === 'error')).toEqual([]);
    expect(byPeriod.dataset?.dates).toEqual(byDate.dataset?.dates);
  });
});
