// Why no column reads as dates, when one is named like a date ("DATE", "week_start"): its
// first cell that is not a date, by row, so "no date column" says what to fix. Months
// ("2019-01", "Jan 2019", "01/2019") are said as months: the model needs daily or weekly
// rows (MODEL.md §7), so the fix is another export, not another date format.
import { readDateColumn } from './dates';
import { isDateName } from './role-rules';
import type { Frame, FrameColumn } from './types';

export interface UndatedColumn {
  column: FrameColumn;
  /** Spreadsheet row of the first cell that is not a date (undefined: no cell kept). */
  row?: number;
  cell: string;
  /** The cells are months, not days. */
  monthly: boolean;
}

const MONTH = /^(\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}|[a-z]{3,9}\.?[ -]\d{4})$/i;

/** Columns named like a date whose cells do not read as dates (formats keyed by date have none). */
export function undatedColumns(frame: Frame): UndatedColumn[] {
  const out: UndatedColumn[] = [];
  for (const c of frame.columns) {
    if (c.days || !c.cells || !isDateName(c.name)) continue;
    const r = readDateColumn(c.cells, { allowNumeric: true });
    const first = r.problems[0];
    if (!first) continue;
    const cell = c.cells[first.index];
    out.push({ column: c, row: c.rows[first.index] || undefined, cell, monthly: MONTH.test(cell.trim()) });
  }
  return out;
}

/** 'holds months ("2019-01" on row 2)' / 'holds "Week 1" on row 2, which is not a date'. */
export function undatedText(u: UndatedColumn): string {
  const cell = u.cell.length > 30 ? `${u.cell.slice(0, 27)}...` : u.cell;
  const on = u.row !== undefined ? ` on row ${u.row}` : '';
  return u.monthly ? `holds months ("${cell}"${on}), and the model needs daily or weekly rows` : `holds "${cell}"${on}, which is not a date`;
}

/** What to do about it, the same in the studio and on the command line. */
export function undatedHint(u: UndatedColumn): string {
  return u.monthly ? 'export the data by day or by week' : 'write dates as yyyy-mm-dd (or one consistent d/m/y or m/d/y)';
}
