// A future spend plan for the forecast, typed in or uploaded as CSV: a date column, one
// column per channel (spend per period) and, where the model has controls, their expected
// values. Controls derived from dates are filled in: a linear trend (the history's constant
// step continued) and quarterly Fourier terms (src/data/generated.ts's q_sin_k / q_cos_k);
// any other control must be given. Parsing reuses the data step's readers (src/data), so
// delimiters, decimal marks and dates are read as in the Data step, with the same reports.
import type { ModelSpec, UserError } from '../core/types';
import type { ForwardData } from '../model/forward';
import { dayOfYear } from '../model/features';
import { isoDate } from '../data/calendar';
import { readCsv } from '../data/csv';
import { readDateColumn } from '../data/dates';
import { readNumbers } from '../data/columns';
import type { FuturePlan } from './forecast';

const err = (message: string, extra: Partial<UserError> = {}): UserError => ({ message, severity: 'error', ...extra });

/** Values of a derivable control at future dates, or null when it cannot be derived. */
function deriveControl(name: string, history: ForwardData, k: number, scale: number, dates: string[]): Float64Array | null {
  const q = /^q_(sin|cos)_(\d+)$/.exec(name);
  if (q) {
    const f = q[1] === 'sin' ? Math.sin : Math.cos;
    return Float64Array.from(dates, (d) => f((2 * Math.PI * 4 * Number(q[2]) * dayOfYear(d)) / 365.25));
  }
  const T = history.T;
  const z = (t: number) => history.zs[k * T + t] * scale;
  if (T < 3) return null;
  const step = z(1) - z(0);
  for (let t = 2; t < T; t++) if (Math.abs(z(t) - z(t - 1) - step) > 1e-9 * Math.max(1, Math.abs(step))) return null;
  if (step === 0) return null; // a constant is not a trend; the user should say what it will be
  return Float64Array.from(dates, (_, i) => z(T - 1) + step * (i + 1));
}

/** Completes a plan's controls with the derivable ones; errors name what is still missing. */
export function completeControls(history: ForwardData, spec: ModelSpec, plan: FuturePlan): FuturePlan | { errors: UserError[] } {
  const controls: Record<string, ArrayLike<number>> = { ...(plan.controls ?? {}) };
  const errors: UserError[] = [];
  spec.controls.forEach((name, k) => {
    if (controls[name]) return;
    const v = deriveControl(name, history, k, spec.control_scale[k] ?? 1, plan.dates);
    if (v) controls[name] = v;
    else errors.push(err(`the future plan needs values for control "${name}"`, { column: name, hint: 'add a column with its expected value per future period' }));
  });
  return errors.length > 0 ? { errors } : { ...plan, controls };
}

/** Reads a plan CSV; the date column is "date" (any case) or else the first column. */
export function parseFuturePlanCsv(file: string, text: string, spec: ModelSpec, history: ForwardData): FuturePlan | { errors: UserError[] } {
  const table = readCsv(file, text);
  const errors: UserError[] = table.issues.filter((e) => e.severity === 'error');
  if (table.records.length === 0) errors.push(err('the plan has no rows', { file }));
  if (errors.length > 0) return { errors };
  const di = Math.max(0, table.header.findIndex((h) => h.toLowerCase() === 'date'));
  const dateCol = readDateColumn(table.records.map((r) => r[di]));
  for (const p of dateCol.problems) errors.push(err(p.reason, { file, row: table.rowNumbers[p.index], column: table.header[di] }));
  for (const i of dateCol.empty) errors.push(err('the date is empty', { file, row: table.rowNumbers[i], column: table.header[di] }));
  const col = (name: string): Float64Array | undefined => {
    const j = table.header.indexOf(name);
    if (j < 0 || j === di) return undefined;
    const r = readNumbers(table.records.map((rec) => rec[j]), table.rowNumbers, { file, column: name }, { dot: 0, comma: 0 }, table.delimiter);
    errors.push(...r.issues.filter((e) => e.severity === 'error'));
    r.values.forEach((v, i) => {
      if (Number.isNaN(v) && table.records[i][j].trim() === '') errors.push(err(`${name} is empty`, { file, row: table.rowNumbers[i], column: name, hint: 'give a value (0 for no spend)' }));
    });
    return r.values;
  };
  const spend: Record<string, Float64Array> = {};
  for (const c of spec.channels) {
    const v = col(c.name);
    if (v) spend[c.name] = v;
    else errors.push(err(`the plan has no column "${c.name}"`, { file, channel: c.name, hint: 'add one column of spend per period for every channel' }));
  }
  const controls: Record<string, Float64Array> = {};
  for (const k of spec.controls) {
    const v = col(k);
    if (v) controls[k] = v;
  }
  if (errors.length > 0) return { errors };
  const dates = Array.from(dateCol.days, (d) => isoDate(d));
  return completeControls(history, spec, { dates, spend, controls });
}
