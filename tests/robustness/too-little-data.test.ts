// Files too short to model, and dates that are months (bad-input sweep, session 4). With one
// row every column is constant, so the message was "no column was recognised as a media
// channel"; two rows gave "Only 2 periods" without naming the file; a yyyy-mm date column
// gave "No date column chosen" with nothing about the months.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { errorsOf, sharedFile, simpleCsv } from '../data/helpers';

const { header, rows } = simpleCsv(sharedFile('synthetic/dev_weekly_hill/data.csv').text);
const csv = (body: string[][], head = header) => [head.join(','), ...body.map((r) => r.join(','))].join('\n');

function build(text: string) {
  const parsed = parseFiles([{ name: 'short.csv', text }]);
  return { parsed, built: buildDataset(parsed, detectRoles(parsed)) };
}

describe('too few rows', () => {
  for (const n of [1, 2])
    it(`${n} data row${n === 1 ? '' : 's'}: said as such, naming the file, before roles are guessed`, () => {
      const { parsed, built } = build(csv(rows.slice(0, n)));
      const message = `Only ${n} data ${n === 1 ? 'row' : 'rows'}: a model needs at least 3 periods (and a year of weekly data to tell seasonality from media)`;
      expect(errorsOf(parsed.report)).toEqual([{ severity: 'error', file: 'short.csv', message, hint: 'export a longer date range' }]);
      expect(built.dataset).toBeUndefined();
      expect(errorsOf(built.report)[0].message).toBe(message);
    });

  it('3 rows are not refused here (the build warns that less than a year is hard to separate)', () => {
    const { parsed, built } = build(csv(rows.slice(0, 3)));
    expect(errorsOf(parsed.report)).toEqual([]);
    expect(built.report.some((e) => /Only 3 weeks/.test(e.message))).toBe(true);
  });
});

describe('months in the date column', () => {
  it('the studio\'s build names the column, the first month and its row', () => {
    const months = rows.slice(0, 36).map((r, i) => [`${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, ...r.slice(1)]);
    const { built } = build(csv(months));
    expect(errorsOf(built.report)).toEqual([
      {
        severity: 'error',
        file: 'short.csv',
        column: 'date',
        row: 2,
        message: 'No date column chosen: column date is named like a date but holds months ("2019-01" on row 2), and the model needs daily or weekly rows',
        hint: 'export the data by day or by week, then mark it as the date',
      },
    ]);
  });

  it('a date column of labels names the first label', () => {
    const labels = rows.slice(0, 20).map((r, i) => [`W${i + 1}`, ...r.slice(1)]);
    const e = errorsOf(build(csv(labels)).built.report);
    expect(e.map((x) => x.message)).toEqual(['No date column chosen: column date is named like a date but holds "W1" on row 2, which is not a date']);
    expect(e[0].hint).toMatch(/yyyy-mm-dd/);
  });
});

describe('a totals footer under a Meridian national file', () => {
  it('is left out with a warning, as under a wide file (was: "Total" is not a date)', () => {
    const { header: h, rows: r } = simpleCsv(sharedFile('meridian/national_media.csv').text);
    const total = h.map((name, k) => (k === 0 ? 'Total' : String(r.reduce((s, row) => s + Number(row[k]), 0))));
    const parsed = parseFiles([{ name: 'nat.csv', text: [h, ...r, total].map((x) => x.join(',')).join('\n') }]);
    const built = buildDataset(parsed, detectRoles(parsed));
    expect(errorsOf(built.report)).toEqual([]);
    expect(built.dataset!.dates).toHaveLength(r.length);
    expect(built.report.find((e) => /footer/.test(e.message))).toMatchObject({ severity: 'warning', file: 'nat.csv', row: r.length + 2, message: `Row ${r.length + 2} after the last date is left out as a footer ("Total")` });
  });
});
