// "What was read" (the Data step's file table, parsed.tables): first and last date and the
// cadence of every format, checked against the files read by hand. Wide CSVs and
// Meridian's national file used to show no dates at all.
import { describe, expect, it } from 'vitest';
import { parseFiles } from '../../src/data';
import { sharedFile, simpleCsv } from './helpers';

const DAY = 86_400_000;

/** First, last and cadence of an ISO date column, by hand: the oracle. */
function byHand(path: string, column: string): { first: string; last: string; grain?: 'day' | 'week' } {
  const { header, rows } = simpleCsv(sharedFile(path).text);
  const k = header.indexOf(column);
  const dates = [...new Set(rows.map((r) => r[k]))].sort();
  const steps = new Set(dates.slice(1).map((d, i) => (Date.parse(d) - Date.parse(dates[i])) / DAY));
  const grain = steps.size === 1 && steps.has(7) ? 'week' : steps.size === 1 && steps.has(1) ? 'day' : undefined;
  return { first: dates[0], last: dates[dates.length - 1], ...(grain ? { grain } : {}) };
}

describe('first and last date of each file read', () => {
  it.each([
    ['pymc-marketing/mmm_example.csv', 'date_week', 'wide'],
    ['robyn/dt_simulated_weekly.csv', 'DATE', 'wide'],
    ['meridian/national_media.csv', 'time', 'meridian_national'],
    ['meridian/geo_media_rf.csv', 'time', 'meridian_geo'],
  ])('%s', (path, column, part) => {
    const p = parseFiles([sharedFile(path)]);
    expect(p.tables).toHaveLength(1);
    const expected = byHand(path, column);
    expect(expected.grain).toBe('week'); // all four are weekly: the oracle itself is checked
    expect(p.tables[0]).toMatchObject({ part, ...expected });
  });

  it('a wide file in d/m/y with a date order given, daily', () => {
    const lines = ['Datum;Umsatz;tv_S'];
    for (let i = 0; i < 20; i++) {
      const [y, m, d] = new Date(Date.UTC(2022, 0, 3) + i * DAY).toISOString().slice(0, 10).split('-');
      lines.push(`${d}/${m}/${y};${100 + i};${i % 5}`);
    }
    const p = parseFiles([{ name: 'daily.csv', text: lines.join('\n') }], { dateOrder: 'dmy' });
    expect(p.tables[0]).toMatchObject({ first: '2022-01-03', last: '2022-01-22', grain: 'day' });
  });

  it('monthly dates: first and last, but no daily or weekly label', () => {
    const text = ['date,tv,sales', '2021-01-01,1,2', '2021-02-01,2,3', '2021-03-01,3,4', '2021-04-01,3,5'].join('\n');
    const t = parseFiles([{ name: 'm.csv', text }]).tables[0];
    expect(t).toMatchObject({ first: '2021-01-01', last: '2021-04-01' });
    expect(t.grain).toBeUndefined();
  });

  it('no date column: no dates claimed', () => {
    const t = parseFiles([{ name: 'n.csv', text: 'a,b\n1,2\n3,4' }]).tables[0];
    expect(t.first).toBeUndefined();
    expect(t.last).toBeUndefined();
  });
});
