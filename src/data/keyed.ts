// Building frame columns keyed by date from long files: each source cell lands on its
// day; a second cell for the same key is either summed (rows that differ in columns we do
// not model, e.g. campaigns) or reported as a duplicate.
import type { UserError } from '../core/types';
import { isoDate } from './calendar';
import type { RawTable } from './csv';
import { orderWords, readDateColumn, type DateOrder } from './dates';
import { error, plural, warning } from './errors';
import { modalStep } from './grid';
import type { BadCell, FrameColumn, RoleHint, TableInfo } from './types';

/** A column under construction: day → value and the spreadsheet row it came from. */
export class KeyedColumn {
  readonly byDay = new Map<number, { value: number; row: number; cell: string }>();
  readonly issues: UserError[] = [];
  readonly files = new Set<string>();
  bad = 0;
  /** Cells read as numbers. */
  ok = 0;
  /** The first few cells that are not numbers, for role reasons. */
  readonly examples: BadCell[] = [];
  text = false;

  constructor(
    public name: string,
    readonly sourceColumn: string,
    readonly hint: RoleHint,
  ) {}

  /** Returns the row already holding this day, if any. */
  put(day: number, value: number, row: number, cell: string, sum: boolean): number | null {
    const had = this.byDay.get(day);
    if (had && !sum) return had.row;
    if (had) had.value += value; // NaN stays NaN: a bad cell spoils the sum, and is reported
    else this.byDay.set(day, { value, row, cell });
    return null;
  }

  toFrameColumn(days: readonly number[]): FrameColumn {
    const n = days.length;
    const values = new Float64Array(n).fill(NaN);
    const rows = new Int32Array(n);
    const cells = this.text ? new Array<string>(n).fill('') : undefined;
    days.forEach((d, i) => {
      const c = this.byDay.get(d);
      if (!c) return;
      values[i] = c.value;
      rows[i] = c.row;
      if (cells) cells[i] = c.cell;
    });
    const hasNumbers = values.some((v) => !Number.isNaN(v));
    return {
      name: this.name,
      file: [...this.files].join(' + '),
      sourceColumn: this.sourceColumn,
      rows,
      // The majority rule of columnKind (columns.ts): a factor of numbers with a stray word
      // stays numeric (its bad cells named); a factor of labels is text, one-hot encoded.
      // Cells that are there but none a number (all "12%") are not an empty column: numeric,
      // so that the cells are named once the column is used.
      kind: this.text && this.bad > 0 && this.ok <= this.bad ? 'text' : hasNumbers || this.bad > 0 ? 'number' : 'empty',
      values,
      cells,
      issues: this.issues,
      badCells: this.bad,
      badExamples: this.examples,
      hint: this.hint,
    };
  }
}

/**
 * The date column of a long file read to day numbers; problems go to the report, and the
 * format read ("dd.mm.yyyy") into `formats`, for the date column the format builds.
 */
export function readKeyDates(t: RawTable, column: number, order: DateOrder | undefined, report: UserError[], formats?: Set<string>): Float64Array {
  const name = t.header[column];
  const cells = t.records.map((r) => r[column]);
  const reading = readDateColumn(cells, { order, allowNumeric: true });
  if (reading.format !== 'none') formats?.add(reading.format);
  for (const i of reading.empty) {
    report.push(error('Date is missing', { file: t.file, row: t.rowNumbers[i], column: name }, 'fill in the date or delete the row'));
  }
  for (const p of reading.problems.slice(0, 10)) {
    report.push(error(p.reason, { file: t.file, row: t.rowNumbers[p.index], column: name }, 'write dates as yyyy-mm-dd'));
  }
  if (reading.problems.length > 10) {
    report.push(error(`${plural(reading.problems.length - 10, 'more unreadable date')}`, { file: t.file, column: name }));
  }
  if (reading.ambiguous) {
    const what = `${reading.format} (${orderWords(reading.order ?? 'dmy')})`;
    report.push(warning(`Dates read as ${what}: no day above 12 tells the order`, { file: t.file, column: name }, 'switch the date order if this is wrong'));
  }
  if (reading.mixed) {
    report.push(warning(`Dates are written in more than one way (${reading.format})`, { file: t.file, column: name }));
  }
  return reading.days;
}

/** 'week' if the distinct days are mostly 7 apart (a weekly file), else 'day'. */
export function cadence(days: Iterable<number>): 'day' | 'week' {
  const sorted = [...new Set([...days].filter((d) => !Number.isNaN(d)))].sort((a, b) => a - b);
  let weekly = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] === 7) weekly++;
  return sorted.length > 1 && weekly >= (sorted.length - 1) / 2 ? 'week' : 'day';
}

/** First and last day with a finite key, as ISO dates. */
export function dayRange(days: Iterable<number>): { first?: string; last?: string; lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of days) {
    if (Number.isNaN(d)) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return Number.isFinite(lo) ? { first: isoDate(lo), last: isoDate(hi), lo, hi } : { lo, hi };
}

/**
 * First and last date of a file, and its cadence when the modal step between distinct dates
 * is a day or a week (the grains the build accepts; anything else is left unsaid).
 */
export function datesInfo(days: Iterable<number>): Pick<TableInfo, 'first' | 'last' | 'grain'> {
  const sorted = [...new Set([...days].filter((d) => !Number.isNaN(d)))].sort((a, b) => a - b);
  const { first, last } = dayRange(sorted);
  if (!first) return {};
  const step = modalStep(sorted);
  return { first, last, ...(step === 1 ? { grain: 'day' as const } : step === 7 ? { grain: 'week' as const } : {}) };
}

export function findColumn(t: RawTable, name: string): number {
  return t.header.findIndex((h) => h.trim().toLowerCase() === name);
}
