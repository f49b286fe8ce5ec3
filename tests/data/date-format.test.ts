// A date format is reported as the file writes it: dd.mm.yyyy dates are not "dd/mm/yyyy".
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { readDateColumn } from '../../src/data/dates';
import { readCsv } from '../../src/data/csv';
import { readKeyDates } from '../../src/data/keyed';
import type { UserError } from '../../src/core/types';

/** Ten weekly Mondays from 2021-01-04, each written by `write(y, m, d)`. */
function mondays(write: (y: number, m: string, d: string) => string, from = Date.UTC(2021, 0, 4)): string[] {
  return Array.from({ length: 10 }, (_, i) => {
    const t = new Date(from + i * 7 * 86_400_000);
    return write(t.getUTCFullYear(), String(t.getUTCMonth() + 1).padStart(2, '0'), String(t.getUTCDate()).padStart(2, '0'));
  });
}

function build(dates: string[]) {
  const text = ['date,sales,tv_spend', ...dates.map((d, i) => `${d},${100 + i},${1 + (i % 3)}`)].join('\n');
  const parsed = parseFiles([{ name: 'f.csv', text }]);
  return buildDataset(parsed, detectRoles(parsed));
}

describe('date format in the file\'s own separators', () => {
  it('readDateColumn: each separator and year width as written', () => {
    expect(readDateColumn(mondays((y, m, d) => `${d}.${m}.${y}`)).format).toBe('dd.mm.yyyy');
    expect(readDateColumn(mondays((y, m, d) => `${d}-${m}-${y}`)).format).toBe('dd-mm-yyyy');
    expect(readDateColumn(mondays((y, m, d) => `${m}/${d}/${String(y).slice(2)}`)).format).toBe('mm/dd/yy');
    expect(readDateColumn(mondays((y, m, d) => `${y}.${m}.${d}`)).format).toBe('yyyy.mm.dd');
    expect(readDateColumn(mondays((y, m, d) => `${y}-${m}-${d}`)).format).toBe('yyyy-mm-dd');
  });

  it('separators that differ within a column are a mixed column, most common first', () => {
    const dates = mondays((y, m, d) => `${d}.${m}.${y}`);
    dates[3] = dates[3].replace(/\./g, '/');
    const r = readDateColumn(dates);
    expect(r.mixed).toBe(true);
    expect(r.format).toBe('dd.mm.yyyy + dd/mm/yyyy');
  });

  it('the build details say dd.mm.yyyy for a wide CSV with dotted dates', () => {
    const { details, dataset } = build(mondays((y, m, d) => `${d}.${m}.${y}`));
    expect(dataset?.dates[0]).toBe('2021-01-04');
    expect(details!.dateFormat).toBe('dd.mm.yyyy');
  });

  it('a workspace (keyed by date) says the format its files use, not yyyy-mm-dd', () => {
    const dates = mondays((y, m, d) => `${d}.${m}.${y}`, Date.UTC(2021, 0, 18));
    const spend = ['date,channel,spend', ...dates.map((d, i) => `${d},tv,${10 + i}`)].join('\n');
    const conversions = ['date,revenue', ...dates.map((d, i) => `${d},${100 + 3 * i}`)].join('\n');
    const parsed = parseFiles([{ name: 'ws/campaign_spend_tv.csv', text: spend }, { name: 'ws/conversions.csv', text: conversions }]);
    expect(parsed.format).toBe('workspace');
    const { details, dataset } = buildDataset(parsed, detectRoles(parsed));
    expect(dataset?.dates[0]).toBe('2021-01-18');
    expect(details!.dateFormat).toBe('dd.mm.yyyy');
  });

  it('an ambiguous order is worded with the file\'s layout and the order in words', () => {
    // Every day and month at most 12: only the cadence (7-day steps under d.m.y) decides.
    const dates = ['04.01.2021', '11.01.2021', '01.02.2021', '08.02.2021', '01.03.2021', '08.03.2021'];
    expect(readDateColumn(dates)).toMatchObject({ ambiguous: true, order: 'dmy', format: 'dd.mm.yyyy' });
    const parsed = parseFiles([{ name: 'g.csv', text: ['date,sales,tv_spend', ...dates.map((d, i) => `${d},${10 + i},${i + 1}`)].join('\n') }]);
    const messages = buildDataset(parsed, detectRoles(parsed)).report.map((e) => e.message);
    expect(messages.find((m) => m.startsWith('Dates read as'))).toBe(
      'Dates read as dd.mm.yyyy (day-month-year): no day above 12 tells the order, the regular spacing of the dates chose it',
    );
    expect(messages.join('\n')).not.toMatch(/\//);
  });

  it('a long (keyed) file with dashed dates says dd-mm-yyyy in its ambiguity warning', () => {
    const t = readCsv('campaign_spend_tv.csv', ['date,channel,spend', ...['04-01-2021', '11-01-2021', '01-02-2021', '08-02-2021'].map((d) => `${d},tv,1`)].join('\n'));
    const report: UserError[] = [];
    readKeyDates(t, 0, undefined, report);
    expect(report.map((e) => e.message)).toEqual(['Dates read as dd-mm-yyyy (day-month-year): no day above 12 tells the order']);
  });

  it('an impossible cell names the layout it was read in', () => {
    const r = readDateColumn(['25.01.2021', '31.02.2021']);
    expect(r.problems[0].reason).toBe('31.02.2021 is not a valid date read as dd.mm.yyyy (day-month-year)');
  });
});
