// Which of the files a user picked are holiday tables (Prophet's format, as Robyn ships
// dt_prophet_holidays.csv; holiday-file.ts), and the calendar the first one gives: the rest
// are the data. Reads only the first 4 KB of each file to classify it, and the whole of the
// first holiday table. The Data step's import state (state/import.svelte.ts) keeps the result.
import type { HolidayCalendar } from '../../data';
import { readCsv } from '../../data/csv';
import type { UserError } from '../../core/types';
import { holidayCalendarFromCsv, isHolidayHeader } from './holiday-file';

export interface HolidayPick {
  /** The files that are not holiday tables. */
  data: File[];
  /** What reading the holiday tables said (their warnings or errors, a second table left out). */
  notes: UserError[];
  /** The calendar of the first holiday table, null when none was picked or it could not be read. */
  calendar: HolidayCalendar | null;
  /** The note on that calendar for a build with the given Holidays choice ('' = none). */
  note: ((country: string) => UserError) | null;
  /** The country of a calendar with one country only (its events apply at once). */
  onlyCountry: string | null;
}

/** The header line of a file's first bytes. */
const firstLine = (head: string) => head.split(/\r?\n/, 1)[0];
const nameOf = (f: File) => f.webkitRelativePath || f.name;

export async function pickHolidayFiles(files: File[]): Promise<HolidayPick> {
  const heads = await Promise.all(files.map(async (f) => isHolidayHeader(readCsv(f.name, firstLine(await f.slice(0, 4096).text())).header)));
  const calendars = files.filter((_, i) => heads[i]);
  const pick: HolidayPick = { data: files.filter((_, i) => !heads[i]), notes: [], calendar: null, note: null, onlyCountry: null };
  if (calendars.length === 0) return pick;
  const name = nameOf(calendars[0]);
  const read = holidayCalendarFromCsv(name, await calendars[0].text());
  if (read.ok) {
    const one = read.countries.length === 1;
    const message = `read as the holiday calendar (Prophet's holidays table): ${read.holidays} holidays${one ? '' : ` in ${read.countries.length} countries`}, ${read.calendar.firstYear}–${read.calendar.lastYear}; it replaces the bundled calendar`;
    pick.calendar = read.calendar;
    // The hint follows the Holidays choice on every rebuild.
    pick.note = (country) => ({
      severity: 'warning',
      file: name,
      message,
      hint: country ? `Holiday controls for "${country}" come from it; set Holidays to none under Dataset options to leave them out.` : 'Choose a country under Dataset options → Holidays to add holiday controls.',
    });
    pick.notes.push(...read.warnings);
    if (one) pick.onlyCountry = read.countries[0];
  } else pick.notes.push(...read.errors);
  for (const other of calendars.slice(1)) pick.notes.push({ severity: 'warning', file: nameOf(other), message: 'a second holiday table; only the first one picked is used', hint: 'Pick one holiday calendar.' });
  return pick;
}
