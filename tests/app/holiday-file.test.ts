// A holiday calendar picked with the data (Robyn's dt_prophet_holidays.csv): recognised by its
// header, read into the same calendar the studio bundles (public/holidays/holidays.json, built
// from that very file by scripts/make-holidays.mjs — the oracle), bad rows named by row.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_COUNTRY, holidayCalendarFromCsv, isHolidayHeader } from '../../src/app/data/holiday-file';
import { decodeHolidayCalendar } from '../../src/data';

const ROBYN = path.resolve(__dirname, '../../../shared/data/robyn/dt_prophet_holidays.csv');
const BUNDLED = path.resolve(__dirname, '../../public/holidays/holidays.json');

describe('isHolidayHeader', () => {
  it("takes Prophet's holidays table and Robyn's, not a data file with a holiday column", () => {
    expect(isHolidayHeader(['ds', 'holiday', 'country', 'year'])).toBe(true);
    expect(isHolidayHeader(['ds', 'holiday', 'lower_window', 'upper_window', 'prior_scale'])).toBe(true);
    expect(isHolidayHeader([' DS ', 'Holiday'])).toBe(true);
    expect(isHolidayHeader(['date', 'holiday', 'sales', 'tv'])).toBe(false);
    expect(isHolidayHeader(['ds', 'holiday', 'revenue'])).toBe(false);
    expect(isHolidayHeader(['ds', 'y'])).toBe(false);
  });
});

describe('holidayCalendarFromCsv', () => {
  it("reads Robyn's table into the bundled calendar: every country, every day, every name", () => {
    const read = holidayCalendarFromCsv('dt_prophet_holidays.csv', readFileSync(ROBYN, 'utf8'));
    if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('; '));
    const bundled = decodeHolidayCalendar(JSON.parse(readFileSync(BUNDLED, 'utf8')));
    expect(read.warnings).toEqual([]);
    expect(read.holidays).toBe(87_651);
    expect(read.countries).toEqual(Object.keys(bundled.countries).sort());
    expect([read.calendar.firstYear, read.calendar.lastYear]).toEqual([bundled.firstYear, bundled.lastYear]);
    // Same days in the same order; on a day with several holidays the two may list them in another order.
    const pairs = (c: { days: Int32Array; names: string[] }) => Array.from(c.days, (d, i) => `${d} ${c.names[i]}`).sort();
    for (const code of read.countries) {
      expect(Array.from(read.calendar.countries[code].days), code).toEqual(Array.from(bundled.countries[code].days));
      expect(pairs(read.calendar.countries[code]), code).toEqual(pairs(bundled.countries[code]));
    }
  });

  it('a table without a country column is one calendar; bad rows are named by row and column and left out', () => {
    const text = 'ds,holiday\n2024-12-25,Christmas\n25/12/2023,Christmas\n2024-01-01,\n2023-11-24,Black Friday\n';
    const read = holidayCalendarFromCsv('events.csv', text);
    if (!read.ok) throw new Error('not read');
    expect(read.countries).toEqual([NO_COUNTRY]);
    const c = read.calendar.countries[NO_COUNTRY];
    expect(c.names).toEqual(['Black Friday', 'Christmas']);
    expect(Array.from(c.days)).toEqual([Date.UTC(2023, 10, 24), Date.UTC(2024, 11, 25)].map((ms) => ms / 86_400_000));
    expect(read.warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [3, 'ds', '"25/12/2023" is not a date written yyyy-mm-dd'],
      [4, 'holiday', 'holiday name is empty'],
    ]);
  });

  it('past three bad rows, the rest are counted, not listed', () => {
    const text = 'ds,holiday\n' + Array.from({ length: 10 }, (_, i) => `x${i},H`).join('\n') + '\n2024-01-01,New Year\n';
    const read = holidayCalendarFromCsv('h.csv', text);
    if (!read.ok) throw new Error('not read');
    expect(read.warnings).toHaveLength(4);
    expect(read.warnings[3].message).toBe('7 more rows of the holiday table left out for the same reasons');
  });

  it('a table with no usable row is an error that says what a row needs', () => {
    const read = holidayCalendarFromCsv('h.csv', 'ds,holiday\nsoon,Party\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.message)).toContain('the holiday table has no usable rows');
  });
});
