// Footer rows of a wide export. Spreadsheets often end a table with a few rows that are not
// data: "Total" or "Average" with sums in the numeric columns, or a note ("Source: BI
// export", "* spend in EUR"). Read as data they give a "not a date" error at best and, for
// a totals row with a date-like label, a period worth the whole year at worst. A footer is
// the block of trailing rows whose date cell is empty or not written like a date at all, at
// most MAX_FOOTER_ROWS of them: those rows are left out, with a warning that names them.
// A mistyped date ("2021-02-31") is written like a date, so it stays an error at its row;
// a longer block without dates is not a footer but data missing its dates, also an error.
import type { UserError } from '../core/types';
import type { RawTable } from './csv';
import { dateShaped } from './dates';
import { rowList, warning } from './errors';
import { isDateName } from './role-rules';
import { dateColumnOf } from './roles';
import type { Frame } from './types';

export const MAX_FOOTER_ROWS = 5;

/** How many trailing records of a frame are a footer (0: none), and its date column. */
export function footerLength(frame: Frame): { rows: number; dateColumn?: string } {
  const date = dateColumnOf(frame);
  if (!date || date.days || !date.cells) return { rows: 0 };
  const allowNumeric = isDateName(date.name) || date.kind === 'number';
  const cells = date.cells;
  let n = 0;
  while (n < cells.length && n <= MAX_FOOTER_ROWS && !dateShaped(cells[cells.length - 1 - n], allowNumeric)) n++;
  // The rows before the footer must hold the data: at least two dated rows.
  if (n === 0 || n > MAX_FOOTER_ROWS || cells.length - n < 2) return { rows: 0 };
  return { rows: n, dateColumn: date.name };
}

/** A cell of a footer row to show in the warning: its first non-empty cell, cut to fit. */
function label(record: string[]): string {
  const cell = record.find((c) => c !== '') ?? '';
  return cell.length > 30 ? `${cell.slice(0, 27)}...` : cell;
}

/**
 * The table without its last `rows` records, the warning that says so, and the report
 * without the CSV reader's problems on those rows (they describe rows no longer read).
 */
export function dropFooter(t: RawTable, rows: number, dateColumn: string, report: UserError[]): RawTable {
  const keep = t.records.length - rows;
  const dropped = Array.from(t.rowNumbers.subarray(keep));
  const gone = new Set(dropped);
  for (let i = report.length - 1; i >= 0; i--) {
    const e = report[i];
    if (e.file === t.file && e.row !== undefined && gone.has(e.row)) report.splice(i, 1);
  }
  const labels = t.records.slice(keep).map(label).filter((l) => l !== '').map((l) => `"${l}"`);
  const what = `${dropped.length === 1 ? 'Row' : 'Rows'} ${rowList(dropped)} after the last date ${dropped.length === 1 ? 'is' : 'are'} left out as a footer${labels.length ? ` (${labels.join(', ')})` : ''}`;
  report.push(warning(what, { file: t.file, row: dropped[0], column: dateColumn }, 'rows without a date cannot be placed in time; if they are data, give them their dates'));
  return { ...t, records: t.records.slice(0, keep), rowNumbers: t.rowNumbers.slice(0, keep), issues: t.issues.filter((e) => e.row === undefined || !gone.has(e.row)) };
}
