// Gaps filled and days summed up: each series on the grid becomes a complete series at the
// output grain, with every imputed cell recorded (MODEL.md §7).
import type { ImputedCell, UserError } from '../core/types';
import { isoDate } from './calendar';
import { toWeeks, weekPlan, weeklyFromSparse, type WeekPlan } from './aggregate';
import { error, warning } from './errors';
import { slotDay, type Grid } from './grid';
import type { Gap } from './gaps';
import { imputeSeries } from './impute';
import type { GridSeries } from './series';
import type { ControlAggregate } from './types';

export interface Shaped {
  dates: string[];
  grain: 'day' | 'week';
  values: Map<string, Float64Array>;
  imputed: ImputedCell[];
  /** Each series' missing cells and what filled them, for the report (gaps.ts). */
  gaps: Gap[];
  partialWeeks: string[];
  aggregation: Record<string, ControlAggregate>;
  notes: string[];
}

function aggregateOf(s: GridSeries): ControlAggregate {
  return s.spec.kind === 'control' ? s.spec.aggregate : 'sum';
}

/** Weekly source: fill gaps from neighbouring weeks. */
function shapeWeekly(series: GridSeries[], grid: Grid): Shaped {
  const out = emptyShaped(Array.from({ length: grid.length }, (_, i) => isoDate(slotDay(grid, i))), 'week');
  for (const s of series) {
    const imp = imputeSeries(s.values, 1);
    out.values.set(s.key, imp.filled);
    for (const row of imp.imputed) out.imputed.push({ column: s.key, row, method: imp.method });
    out.gaps.push({ spec: s.spec, key: s.key, unit: 'week', missing: imp.imputed.map((i) => slotDay(grid, i)), method: imp.method });
  }
  return out;
}

/** Daily source, daily output: weekly-given controls apply to the days of their week. */
function shapeDaily(series: GridSeries[], grid: Grid, report: UserError[]): Shaped | null {
  const out = emptyShaped(Array.from({ length: grid.length }, (_, i) => isoDate(grid.first + i)), 'day');
  for (const s of series) {
    let values = s.values;
    if (s.weekly) {
      if (s.spec.kind !== 'control') {
        report.push(error(`${s.key} has one value per week; daily grain needs daily values`, { file: s.spec.column.file, column: s.spec.column.name }, 'model by week'));
        return null;
      }
      values = spreadOverWeek(values);
      out.notes.push(`${s.key}: each weekly value applies to the 7 days from its date`);
    }
    const imp = imputeSeries(values, 7);
    out.values.set(s.key, imp.filled);
    for (const row of imp.imputed) out.imputed.push({ column: s.key, row, method: imp.method });
    out.gaps.push({ spec: s.spec, key: s.key, unit: 'day', missing: imp.imputed.map((i) => grid.first + i), method: imp.method });
  }
  return out;
}

function spreadOverWeek(values: Float64Array): Float64Array {
  const out = values.slice();
  let last = NaN;
  let age = 7;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) [last, age] = [values[i], 0];
    else if (++age < 7) out[i] = last;
  }
  return out;
}

/** Daily source, weekly output: impute days, then sum (or average) into Monday weeks. */
function shapeDaysToWeeks(series: GridSeries[], grid: Grid, partial: 'drop' | 'keep', report: UserError[]): Shaped | null {
  const plan = weekPlan(grid.first, grid.length);
  const weeks = plan.starts.length;
  const keep = plan.starts.map((_, w) => partial === 'keep' || plan.coverage[w] === 7);
  const out = emptyShaped(plan.starts.filter((_, w) => keep[w]).map(isoDate), 'week');
  out.partialWeeks = plan.starts.filter((_, w) => plan.coverage[w] < 7).map(isoDate);
  const newIndex = reindex(keep);
  if (out.dates.length === 0) {
    report.push(error('The data covers no complete Monday-to-Sunday week', {}, 'add data, or keep partial weeks'));
    return null;
  }
  for (const s of series) {
    const how = aggregateOf(s);
    out.aggregation[s.key] = how;
    const weekly = new Float64Array(weeks);
    if (s.weekly) {
      const imp = imputeSeries(weeklyFromSparse(s.values, plan, how), 1);
      weekly.set(imp.filled);
      const kept = imp.imputed.filter((w) => keep[w]);
      for (const w of kept) out.imputed.push({ column: s.key, row: newIndex[w], method: imp.method });
      out.gaps.push({ spec: s.spec, key: s.key, unit: 'week', missing: kept.map((w) => plan.starts[w]), method: imp.method });
    } else {
      const imp = imputeSeries(s.values, 7);
      weekly.set(toWeeks(imp.filled, plan, how));
      const weeks = flagWeeks(imp.imputed, plan, keep, newIndex, s.key, imp.method, out.imputed);
      const inDroppedWeeks = imp.imputed.filter((d) => !keep[plan.weekOfDay[d]]).length;
      const missing = imp.imputed.map((d) => grid.first + d);
      out.gaps.push({ spec: s.spec, key: s.key, unit: 'day', missing, method: imp.method, aggregate: how, weeks, inDroppedWeeks });
    }
    out.values.set(s.key, weekly.filter((_, w) => keep[w]));
  }
  reportPartialWeeks(partial, plan, report);
  return out;
}

/** Flag each kept week holding imputed days; returns those weeks for the report. */
function flagWeeks(days: number[], plan: WeekPlan, keep: boolean[], newIndex: Int32Array, key: string, method: string, into: ImputedCell[]): NonNullable<Gap['weeks']> {
  const perWeek = new Map<number, number>();
  for (const d of days) perWeek.set(plan.weekOfDay[d], (perWeek.get(plan.weekOfDay[d]) ?? 0) + 1);
  const weeks: NonNullable<Gap['weeks']> = [];
  for (const [w, n] of perWeek) {
    if (!keep[w]) continue;
    into.push({ column: key, row: newIndex[w], method: `${method}; ${n} of ${plan.coverage[w]} days imputed` });
    weeks.push({ start: plan.starts[w], imputed: n, days: plan.coverage[w] });
  }
  return weeks;
}

function reportPartialWeeks(mode: 'drop' | 'keep', plan: WeekPlan, report: UserError[]): void {
  const partial = plan.starts.flatMap((d, w) => (plan.coverage[w] < 7 ? [`${isoDate(d)} (${plan.coverage[w]} of 7 days)`] : []));
  if (partial.length === 0) return;
  const what = partial.join(', ');
  report.push(
    mode === 'drop'
      ? warning(`Partial weeks dropped: ${what}`, {}, 'weeks the data covers only in part would look like low-spend, low-sales weeks')
      : warning(`Partial weeks kept: ${what}; their totals cover fewer than 7 days`, {}, 'drop them unless the missing days truly had no activity'),
  );
}

function reindex(keep: boolean[]): Int32Array {
  const idx = new Int32Array(keep.length).fill(-1);
  let k = 0;
  keep.forEach((kept, w) => {
    if (kept) idx[w] = k++;
  });
  return idx;
}

function emptyShaped(dates: string[], grain: 'day' | 'week'): Shaped {
  return { dates, grain, values: new Map(), imputed: [], gaps: [], partialWeeks: [], aggregation: {}, notes: [] };
}

export function shapeSeries(series: GridSeries[], grid: Grid, grain: 'day' | 'week', partial: 'drop' | 'keep', report: UserError[]): Shaped | null {
  if (grid.grain === 'week') return shapeWeekly(series, grid);
  if (grain === 'day') return shapeDaily(series, grid, report);
  return shapeDaysToWeeks(series, grid, partial, report);
}
