// Putting rows on a regular time grid: one slot per day or per week from the first to the
// last date. Slots no row fills are gaps (imputed later); rows off the cadence, duplicate
// dates and unreadable dates are errors naming their rows.
import type { UserError } from '../core/types';
import { isoDate, weekday, WEEKDAY_NAMES } from './calendar';
import { orderWords, readDateColumn, type DateOrder } from './dates';
import { columnTexts } from './columns';
import { CellProblems, error, warning } from './errors';
import { isDateName } from './role-rules';
import type { FrameColumn } from './types';

export interface Grid {
  grain: 'day' | 'week';
  /** Day number of slot 0; slot i is first + i·step. */
  first: number;
  step: 1 | 7;
  length: number;
  /** Frame row that fills each slot, or -1 (a gap). */
  rowAt: Int32Array;
  dateFormat: string;
}

export function slotDay(g: Grid, i: number): number {
  return g.first + i * g.step;
}

/** Day number of every frame row, from the date column; problems to the report. */
export function rowDays(date: FrameColumn, order: DateOrder | undefined, report: UserError[]): { days: Float64Array; format: string } {
  if (date.days) return { days: date.days, format: date.dateFormat ?? 'yyyy-mm-dd' };
  const cells = columnTexts(date);
  const reading = readDateColumn(cells, { order, allowNumeric: isDateName(date.name) || date.kind === 'number' });
  const where = { file: date.file, column: date.name };
  const bad = new CellProblems(['unreadable date', 'unreadable dates'], where, 'error', 'write dates as yyyy-mm-dd (or one consistent d/m/y or m/d/y)');
  for (const i of reading.empty) bad.add(date.rows[i], 'Date is missing', 'fill in the date or delete the row');
  for (const p of reading.problems) bad.add(date.rows[p.index], p.reason);
  bad.flush(report);
  if (reading.ambiguous) {
    const as = `${reading.format} (${orderWords(reading.order ?? 'dmy')})`;
    report.push(warning(`Dates read as ${as}: no day above 12 tells the order, the regular spacing of the dates chose it`, where, 'switch the date order if this is wrong'));
  }
  if (reading.mixed) report.push(warning(`Dates are written in more than one way (${reading.format})`, where));
  return { days: reading.days, format: reading.format };
}

/** The most common positive gap between consecutive distinct dates (0 for fewer than two). */
export function modalStep(sorted: number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let n = 0;
  for (const [d, c] of counts) if (c > n || (c === n && d < best)) [best, n] = [d, c];
  return best;
}

export function buildGrid(date: FrameColumn, days: Float64Array, format: string, report: UserError[]): Grid | null {
  const where = { file: date.file, column: date.name };
  const seen = new Map<number, number>();
  const dup = new CellProblems(['duplicate date', 'duplicate dates'], where, 'error', 'keep one row per date');
  days.forEach((d, r) => {
    if (Number.isNaN(d)) return;
    const had = seen.get(d);
    if (had === undefined) seen.set(d, r);
    else dup.add(date.rows[r], `Duplicate date ${isoDate(d)}: also on row ${date.rows[had]}`);
  });
  dup.flush(report);
  const sorted = [...seen.keys()].sort((a, b) => a - b);
  if (sorted.length < 2) {
    report.push(error('Fewer than two dated rows: nothing to model', where, 'check the date column'));
    return null;
  }
  const step = modalStep(sorted);
  if (step !== 1 && step !== 7) {
    const what = step >= 28 && step <= 31 ? 'monthly' : `every ${step} days`;
    report.push(error(`Dates are ${what}; the model needs daily or weekly rows`, where, 'export the data by day or by week'));
    return null;
  }
  const first = sorted[0];
  const length = Math.floor((sorted[sorted.length - 1] - first) / step) + 1;
  const rowAt = new Int32Array(length).fill(-1);
  const off = new CellProblems(['date off the weekly cadence', 'dates off the weekly cadence'], where, 'error', 'weekly rows must be 7 days apart');
  for (const d of sorted) {
    const r = seen.get(d)!;
    if ((d - first) % step !== 0) off.add(date.rows[r], `${isoDate(d)} is not a whole number of weeks after ${isoDate(first)}`);
    else rowAt[(d - first) / step] = r;
  }
  off.flush(report);
  if (step === 7 && weekday(first) !== 0) {
    report.push(warning(`Weeks start on ${WEEKDAY_NAMES[weekday(first)]}, not Monday; dates are kept as given`, where));
  }
  return { grain: step === 1 ? 'day' : 'week', first, step, length, rowAt, dateFormat: format };
}
