// Planned columns → series on the time grid (NaN = no value), with the checks that need
// the source rows: cells that are not numbers, negative spend, text controls one-hot
// encoded (MODEL.md §1: the most common value is the dropped reference level).
import type { UserError } from '../core/types';
import { CellProblems, warning } from './errors';
import type { Grid } from './grid';
import type { PlannedSeries } from './plan';

export interface GridSeries {
  spec: PlannedSeries;
  /** Name in the dataset (one-hot levels: "<column>_<level>"). */
  key: string;
  values: Float64Array;
  /** Given once a week inside daily data (e.g. weekly factors dated Mondays); set by the build. */
  weekly?: boolean;
}

/** Values per frame row → values per grid slot. */
export function onGrid(values: Float64Array, grid: Grid): Float64Array {
  return Float64Array.from(grid.rowAt, (r) => (r < 0 ? NaN : values[r]));
}

function checkNegative(s: PlannedSeries, values: Float64Array, grid: Grid, report: UserError[]): void {
  const c = s.column;
  const where = { file: c.file, column: c.sourceColumn, channel: s.channel };
  if (s.kind === 'media') {
    const bad = new CellProblems([`negative ${s.measure} value`, `negative ${s.measure} values`], where, 'error', `${s.measure} cannot be negative; correct the export (refunds belong in a separate column)`);
    values.forEach((v, i) => {
      if (v < 0) bad.add(c.rows[grid.rowAt[i]], `Negative ${s.measure} ${v} for channel ${s.channel}`);
    });
    bad.flush(report);
  } else if (s.kind === 'target') {
    const i = values.findIndex((v) => v < 0);
    if (i >= 0) report.push(warning(`The target is negative (${values[i]})`, { ...where, row: c.rows[grid.rowAt[i]] }, 'check returns or corrections in the target'));
  }
}

/** A spend this many times the channel's median positive spend is taken for a typo. */
export const SPEND_OUTLIER_RATIO = 1000;

/**
 * A spend cell a thousand times the channel's typical (median positive) spend: an extra few
 * digits, cents among units, or an exponent gone wrong ("1e300"). The response curve is scaled
 * by the channel's maximum (MODEL.md §1), so one such cell flattens every other period of the
 * channel without any other sign; said, with the row, and left for the user to correct.
 */
function checkOutlier(s: PlannedSeries, values: Float64Array, grid: Grid, report: UserError[]): void {
  if (s.kind !== 'media' || s.measure !== 'spend') return;
  const positive = Array.from(values).filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length < 3) return;
  const median = positive[Math.floor(positive.length / 2)];
  let worst = -1;
  values.forEach((v, i) => {
    if (v > SPEND_OUTLIER_RATIO * median && (worst < 0 || v > values[worst])) worst = i;
  });
  if (worst < 0) return;
  const c = s.column;
  const v = values[worst];
  report.push(
    warning(
      `Spend ${v} for channel ${s.channel} is ${ratioText(v / median)} times its median spend (${median})`,
      { file: c.file, column: c.sourceColumn, channel: s.channel, row: c.rows[grid.rowAt[worst]] || undefined },
      'check the cell for extra digits or mixed units: the channel is scaled by its largest spend, so this one value flattens every other period',
    ),
  );
}

/** "1,100" up to a million, then "4.7e+295": a ratio a reader can take in. */
function ratioText(r: number): string {
  return r < 1e6 ? Math.round(r).toLocaleString('en-US') : r.toExponential(1);
}

/** One-hot columns of a text control over the rows on the grid. */
function oneHot(s: PlannedSeries, grid: Grid, report: UserError[]): GridSeries[] {
  const cells = s.column.cells ?? [];
  const slotCells = Array.from(grid.rowAt, (r) => (r < 0 ? '' : cells[r]));
  const counts = new Map<string, number>();
  for (const v of slotCells) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  const levels = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (levels.length < 2) {
    report.push(warning(`Control ${s.key} has a single value ("${levels[0]?.[0] ?? ''}"); left out`, { file: s.column.file, column: s.column.name }, 'leave it out of the model'));
    return [];
  }
  return levels.slice(1).map(([level]) => ({
    spec: { ...s, aggregate: 'max' as const },
    key: `${s.key}_${level}`,
    values: Float64Array.from(slotCells, (v) => (v === '' ? NaN : v === level ? 1 : 0)),
  }));
}

/** Every planned series on the grid (cell problems were reported from the roles). */
export function materialise(list: PlannedSeries[], grid: Grid, report: UserError[]): GridSeries[] {
  const out: GridSeries[] = [];
  for (const s of list) {
    if (s.text) {
      out.push(...oneHot(s, grid, report));
      continue;
    }
    const values = onGrid(s.column.values, grid);
    checkNegative(s, values, grid, report);
    checkOutlier(s, values, grid, report);
    out.push({ spec: s, key: s.key, values });
  }
  return out;
}

/** First and last slot holding a value (−1, −1 if none). */
export function observedRange(values: Float64Array): [number, number] {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    if (lo < 0) lo = i;
    hi = i;
  }
  return [lo, hi];
}
