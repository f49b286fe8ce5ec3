// Missing values are reported with their dates, file and series, and at weekly grain with
// the weekly values their imputed days went into; oracles are brute force over the files.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { dayNumber, isoDate, mondayOf, parseIso } from '../../src/data/calendar';
import { dateRuns } from '../../src/data/gaps';
import type { BuildOptions, InputFile } from '../../src/data/types';
import { errorsOf, sharedFile, sharedFolder, show, simpleCsv } from './helpers';

function messages(files: InputFile[], options: BuildOptions = {}) {
  const parsed = parseFiles(files);
  const { report } = buildDataset(parsed, detectRoles(parsed), options);
  expect(show(errorsOf(report))).toBe('');
  return report.filter((e) => /: no value on/.test(e.message));
}

/** A wide weekly or daily CSV: `cell(column, i)` gives each cell ('' for missing). */
function wide(name: string, days: number, step: number, columns: string[], cell: (c: string, i: number) => string): InputFile {
  const start = dayNumber(2021, 1, 4); // a Monday
  const rows = Array.from({ length: days }, (_, i) => [isoDate(start + i * step), ...columns.map((c) => cell(c, i))].join(','));
  return { name, text: [['date', ...columns].join(','), ...rows].join('\n') };
}

describe('dateRuns', () => {
  it('joins consecutive cells into ranges, one step apart', () => {
    const d = dayNumber(2022, 10, 30);
    expect(dateRuns([d, d + 1, d + 2, d + 5], 1)).toBe('2022-10-30 to 2022-11-01 and 2022-11-04');
    expect(dateRuns([d, d + 7, d + 21], 7)).toBe('2022-10-30 to 2022-11-06 and 2022-11-20');
    expect(dateRuns([d, d + 2, d + 4, d + 6], 1, 3)).toBe('2022-10-30, 2022-11-01, 2022-11-03, … (4 in all)');
  });
});

describe('dev_workspace_hill: the 10 missing search days at weekly grain', () => {
  const raw = () => sharedFolder('synthetic/dev_workspace_hill', 'raw');
  // Oracle: the days between the file's first and last date with no search row.
  const google = simpleCsv(sharedFile('synthetic/dev_workspace_hill/raw/campaign_spend_google.csv').text);
  const searchDays = new Set(google.rows.filter((r) => r[1] === 'search').map((r) => parseIso(r[0])));
  const all = google.rows.map((r) => parseIso(r[0]));
  const missing: number[] = [];
  for (let d = Math.min(...all); d <= Math.max(...all); d++) if (!searchDays.has(d)) missing.push(d);
  const perWeek = new Map<number, number>();
  for (const d of missing) perWeek.set(mondayOf(d), (perWeek.get(mondayOf(d)) ?? 0) + 1);

  it('names the days, the file, the channel\'s measures, the method and each weekly value', () => {
    expect(missing).toHaveLength(10);
    const found = messages(raw());
    expect(found).toHaveLength(1);
    const weeks = [...perWeek].map(([m, n], k) => `${isoDate(m)} (${n} of 7${k === 0 ? ' days imputed' : ''})`);
    expect(found[0]).toMatchObject({ file: 'dev_workspace_hill/raw/campaign_spend_google.csv', channel: 'search' });
    expect(found[0].message).toBe(
      `search spend, impressions and clicks in campaign_spend_google.csv: no value on 10 days (${isoDate(missing[0])} to ${isoDate(missing[9])}). ` +
        'Each was filled with the mean of the same weekday in the 2 nearest observed weeks before and after, ' +
        `and counted in its week's total like an observed day: 3 weekly values of each are partly or wholly imputed, the weeks of ${weeks[0]}, ${weeks[1]} and ${weeks[2]}.`,
    );
    expect(found[0].message).toContain('2022-10-30 to 2022-11-08');
  });

  it('at daily grain: the same days, no weeks', () => {
    const [m] = messages(raw(), { grain: 'day' });
    expect(m.message).toBe(
      'search spend, impressions and clicks in campaign_spend_google.csv: no value on 10 days (2022-10-30 to 2022-11-08). ' +
        'Each was filled with the mean of the same weekday in the 2 nearest observed weeks before and after.',
    );
  });
});

describe('gap messages on small files', () => {
  it('weekly file: missing weeks by date, one message per distinct set of dates', () => {
    const gap = (c: string, i: number) => (c === 'sales' && (i === 5 || i === 6)) || (c === 'tv_spend' && i === 9) ? '' : String(10 + (i % 4));
    const found = messages([wide('w.csv', 20, 7, ['sales', 'tv_spend'], gap)]);
    expect(found.map((e) => e.message)).toEqual([
      'target sales in w.csv: no value on 2 weeks (2021-02-08 to 2021-02-15). Each was filled with the mean of the 2 nearest observed periods before and after.',
      'tv spend in w.csv: no value on 1 week (2021-03-08). It was filled with the mean of the 2 nearest observed periods before and after.',
    ]);
    expect(found[1]).toMatchObject({ file: 'w.csv', column: 'tv_spend', channel: 'tv' });
  });

  it('daily file, weekly grain: a control is averaged, so the message says average; one day → one weekly value', () => {
    const gap = (c: string, i: number) => (c === 'price' && i === 16 ? '' : String(5 + (i % 3)));
    const [m] = messages([wide('d.csv', 70, 1, ['sales', 'tv_spend', 'price'], gap)]);
    expect(m.message).toBe(
      'control price in d.csv: no value on 1 day (2021-01-20). It was filled with the mean of the same weekday in the 2 nearest observed weeks before and after, ' +
        "and counted in its week's average like an observed day: 1 weekly value is partly or wholly imputed, the week of 2021-01-18 (1 of 7 days imputed).",
    );
  });

  it('a missing day in a dropped partial week is said to be unused', () => {
    // From a Wednesday: the first week (Wed-Sun, 5 days) is partial and dropped.
    const start = dayNumber(2021, 1, 6);
    const rows = Array.from({ length: 40 }, (_, i) => `${isoDate(start + i)},${i === 1 || i === 12 ? '' : 100 + (i % 5)},${1 + (i % 2)}`);
    const [m] = messages([{ name: 'p.csv', text: ['date,sales,tv_spend', ...rows].join('\n') }]);
    expect(m.message).toBe(
      'target sales in p.csv: no value on 2 days (2021-01-07 and 2021-01-18). Each was filled with the mean of the same weekday in the 2 nearest observed weeks before and after, ' +
        "and counted in its week's total like an observed day: 1 weekly value is partly or wholly imputed, the week of 2021-01-18 (1 of 7 days imputed); " +
        '1 of the missing days falls in a partial week that was dropped.',
    );
  });

  it('past 12 distinct gaps, the rest are named in one line', () => {
    const columns = ['sales', 'tv_spend', ...Array.from({ length: 14 }, (_, k) => `c${k}`)];
    const gap = (c: string, i: number) => (c.startsWith('c') && i === 3 + Number(c.slice(1)) ? '' : String(1 + ((i * 7 + c.length) % 5)));
    const parsed = parseFiles([wide('m.csv', 20, 7, columns, gap)]);
    const { report } = buildDataset(parsed, detectRoles(parsed));
    const lines = report.filter((e) => /: no value on|more series have imputed values/.test(e.message)).map((e) => e.message);
    expect(lines).toHaveLength(13);
    expect(lines.slice(0, 12).map((l) => l.split(' in ')[0])).toEqual(Array.from({ length: 12 }, (_, k) => `control c${k}`));
    expect(lines[12]).toBe('2 more series have imputed values: control c12 and control c13');
  });
});
