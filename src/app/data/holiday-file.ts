// A holiday calendar picked with the data: Prophet's holidays table (ds, holiday; Robyn ships it
// as dt_prophet_holidays.csv with country and year added and tells users to pass it with their
// data, Robyn demo/demo.R: `dt_holidays = dt_prophet_holidays`). Picked together with a wide CSV
// it was read as a second data table and the import stopped at "2 separate tables picked". The
// Data step now sets it aside and uses it in place of the bundled calendar (itself built from
// that table, src/data/holidays.ts), so a user's own events (a custom Prophet table) count too.
import type { UserError } from '../../core/types';
import type { HolidayCalendar } from '../../data';
import { readCsv } from '../../data/csv';
import { parseIso } from '../../data/calendar';

/** Columns of Prophet's holidays data frame (Prophet docs, "Modeling Holidays and Special Events") and Robyn's additions. */
const PROPHET_COLUMNS = new Set(['ds', 'holiday', 'country', 'year', 'lower_window', 'upper_window', 'prior_scale']);
/** Calendar key of a table without a country column. */
export const NO_COUNTRY = 'custom';
const MAX_LISTED = 3;

/**
 * A header is a holiday table's when it has Prophet's ds and holiday and nothing but Prophet's
 * and Robyn's columns: a data file with a "holiday" flag column has a target and channels besides.
 */
export function isHolidayHeader(header: readonly string[]): boolean {
  const cols = header.map((h) => h.trim().toLowerCase());
  return cols.includes('ds') && cols.includes('holiday') && cols.every((c) => PROPHET_COLUMNS.has(c));
}

export type HolidayFileResult =
  | { ok: true; calendar: HolidayCalendar; countries: string[]; holidays: number; warnings: UserError[] }
  | { ok: false; errors: UserError[] };

/**
 * The table as a calendar: per country (or NO_COUNTRY), its holiday days sorted with their
 * names. Rows whose ds is not yyyy-mm-dd or whose holiday is empty are named (file, row,
 * column) and left out; a table with none left is an error.
 */
export function holidayCalendarFromCsv(file: string, text: string): HolidayFileResult {
  const table = readCsv(file, text);
  const lower = table.header.map((h) => h.trim().toLowerCase());
  const [iDs, iName, iCountry] = ['ds', 'holiday', 'country'].map((c) => lower.indexOf(c));
  if (iDs < 0 || iName < 0) {
    return { ok: false, errors: [{ severity: 'error', file, message: 'not a holiday table: it needs the columns ds and holiday', hint: "Use Prophet's holidays format: ds (yyyy-mm-dd), holiday, and optionally country." }] };
  }
  const byCountry = new Map<string, Array<{ day: number; name: string }>>();
  const bad: UserError[] = [];
  table.records.forEach((rec, i) => {
    const day = parseIso(rec[iDs]);
    const name = rec[iName];
    if (!Number.isFinite(day) || name === '') {
      const column = Number.isFinite(day) ? table.header[iName] : table.header[iDs];
      bad.push({ severity: 'warning', file, row: table.rowNumbers[i], column, message: Number.isFinite(day) ? 'holiday name is empty' : `"${rec[iDs]}" is not a date written yyyy-mm-dd` });
      return;
    }
    const country = iCountry >= 0 && rec[iCountry] !== '' ? rec[iCountry] : NO_COUNTRY;
    let list = byCountry.get(country);
    if (!list) byCountry.set(country, (list = []));
    list.push({ day, name });
  });
  const warnings = [...table.issues.filter((e) => e.severity === 'warning'), ...summarise(bad, file)];
  if (byCountry.size === 0) {
    return { ok: false, errors: [...table.issues.filter((e) => e.severity === 'error'), { severity: 'error', file, message: 'the holiday table has no usable rows', hint: 'Each row needs ds (yyyy-mm-dd) and a holiday name.' }, ...bad.slice(0, MAX_LISTED)] };
  }
  const calendar: HolidayCalendar = { firstYear: Infinity, lastYear: -Infinity, countries: {} };
  let holidays = 0;
  for (const [country, list] of byCountry) {
    list.sort((a, b) => a.day - b.day);
    calendar.countries[country] = { days: Int32Array.from(list, (h) => h.day), names: list.map((h) => h.name) };
    calendar.firstYear = Math.min(calendar.firstYear, new Date(list[0].day * 86_400_000).getUTCFullYear());
    calendar.lastYear = Math.max(calendar.lastYear, new Date(list[list.length - 1].day * 86_400_000).getUTCFullYear());
    holidays += list.length;
  }
  return { ok: true, calendar, countries: [...byCountry.keys()].sort(), holidays, warnings };
}

/** The first few bad rows, and how many more, so 80,000 rows with a typo do not flood the page. */
function summarise(bad: UserError[], file: string): UserError[] {
  if (bad.length <= MAX_LISTED) return bad;
  const more = bad.length - MAX_LISTED;
  return [...bad.slice(0, MAX_LISTED), { severity: 'warning', file, message: `${more} more row${more === 1 ? '' : 's'} of the holiday table left out for the same reasons` }];
}
