// buildDataset: a parsed input and its roles → the validated Dataset (src/core/types.ts).
// Steps: plan the series, put rows on a daily or weekly grid, read the used columns,
// choose the modelling window, zero channels before their first and after their last
// row, impute gaps and sum days into weeks, add generated controls, validate, hash.
import type { Dataset, UserError } from '../core/types';
import { isoDate } from './calendar';
import { datasetFingerprint } from './fingerprint';
import { error, hasErrors, plural, uniqueName, warning } from './errors';
import { generatedControls } from './generated';
import { describeGaps } from './gaps';
import { buildGrid, rowDays, slotDay, type Grid } from './grid';
import { resolvePlan, type Plan, type PlannedSeries } from './plan';
import { materialise, observedRange, type GridSeries } from './series';
import { shapeSeries, type Shaped } from './shape';
import { isSparseWeekly } from './aggregate';
import type { BuildOptions, BuildResult, ParsedInput, RoleAssignment } from './types';
import { channelOf } from './role-rules';
import { validateDataset } from './validate';

/** Daily grain is offered for data spanning at least two years (the issue's rule). */
export const MIN_DAILY_SPAN_DAYS = 730;

/** The dates every target and control series has data for; narrower than the grid → said. */
function chooseWindow(series: GridSeries[], grid: Grid, report: UserError[]): [number, number] | null {
  let lo = 0;
  let hi = grid.length - 1;
  for (const s of series) {
    if (s.spec.kind === 'media') continue;
    const [a, b] = observedRange(s.values);
    if (a < 0) {
      // Cells that are there but not numbers were named already (reportCellProblems).
      if (s.spec.column.badCells === 0) report.push(error(`${s.key} has no values`, { file: s.spec.column.file, column: s.spec.column.name }, 'leave it out of the model or pick another column'));
      return null;
    }
    const tail = s.weekly ? 6 : 0; // a weekly value covers its week
    lo = Math.max(lo, a);
    hi = Math.min(hi, b + tail);
  }
  if (lo > hi) {
    report.push(error('The target and the controls share no dates', {}, 'check the date ranges of the files'));
    return null;
  }
  if (lo > 0 || hi < grid.length - 1) {
    report.push(warning(`Modelling ${isoDate(slotDay(grid, lo))} to ${isoDate(slotDay(grid, hi))}: the dates where the target and every control have data`, {}));
  }
  return [lo, hi];
}

/** A channel's cells before its first and after its last row are no spend, not gaps; said once. */
function zeroOutsideActivity(series: GridSeries[], grid: Grid, report: UserError[]): void {
  for (const s of series) {
    if (s.spec.kind !== 'media') continue;
    const [a, b] = observedRange(s.values);
    if (a < 0) continue; // all-empty: reported by validation as no spend
    if (a > 0 || b < s.values.length - 1) {
      // A weekly series stays weekly: zeros go on its own weekday only.
      const step = s.weekly ? 7 : 1;
      for (let i = a - step; i >= 0; i -= step) s.values[i] = 0;
      for (let i = b + step; i < s.values.length; i += step) s.values[i] = 0;
      if (s.spec.measure === 'spend') {
        report.push(warning(`Channel ${s.spec.channel} has rows from ${isoDate(slotDay(grid, a))} to ${isoDate(slotDay(grid, b))} only; spend outside is counted as zero`, { file: s.spec.column.file, channel: s.spec.channel }));
      }
    }
  }
}

function sliceGrid(grid: Grid, lo: number, hi: number): Grid {
  return { ...grid, first: slotDay(grid, lo), length: hi - lo + 1, rowAt: grid.rowAt.slice(lo, hi + 1) };
}

function chooseGrain(grid: Grid, options: BuildOptions, report: UserError[]): 'day' | 'week' {
  if (options.grain !== 'day') return 'week';
  if (grid.grain === 'week') {
    report.push(warning('The data is weekly; daily grain needs daily rows', {}));
    return 'week';
  }
  if (grid.length >= MIN_DAILY_SPAN_DAYS) return 'day';
  report.push(warning(`Daily grain needs at least two years of data (${MIN_DAILY_SPAN_DAYS} days); these ${grid.length} days are modelled by week`, {}, 'daily models need long histories to separate day-of-week effects from media'));
  return 'week';
}

function assemble(plan: Plan, series: GridSeries[], shaped: Shaped, name: string, options: BuildOptions, report: UserError[]): Omit<Dataset, 'fingerprint'> {
  const keyOf = new Map(series.filter((s) => !s.spec.text).map((s) => [s.spec, s.key]));
  const get = (spec: PlannedSeries) => shaped.values.get(keyOf.get(spec)!)!;
  const channels = plan.channels.map((ch) => ({
    name: ch.name,
    spend: get(ch.spend!),
    ...(ch.impressions ? { impressions: get(ch.impressions) } : {}),
    ...(ch.clicks ? { clicks: get(ch.clicks) } : {}),
  }));
  const controls = series.filter((s) => s.spec.kind === 'control').map((s) => ({ name: s.key, values: shaped.values.get(s.key)! }));
  const taken = new Set(series.map((s) => s.key));
  for (const g of generatedControls(shaped.dates, shaped.grain, options, report)) {
    const unique = uniqueName(g.name, taken);
    taken.add(unique);
    controls.push({ name: unique, values: g.values });
  }
  return { name, dates: shaped.dates, grain: shaped.grain, target: { name: keyOf.get(plan.target)!, values: get(plan.target) }, channels, controls, imputed: shaped.imputed };
}

/** Series names unique in the dataset (a one-hot level may echo another column's name). */
function uniqueKeys(series: GridSeries[]): void {
  const taken = new Set<string>();
  for (const s of series) taken.add((s.key = uniqueName(s.key, taken)));
}

/** Cell problems of the columns used as numbers, reported even if the roles are incomplete. */
function reportCellProblems(parsed: ParsedInput, roles: RoleAssignment, report: UserError[]): void {
  for (const r of roles.columns) {
    const c = parsed.frame.columns.find((x) => x.name === r.column);
    if (!c) continue;
    const numeric = r.role === 'target' || r.role === 'channel' || (r.role === 'control' && c.kind !== 'text');
    if (numeric) report.push(...c.issues);
  }
}

/** Columns left out that look like channels without spend: said, so a dead channel is not silent. */
function reportIdleChannels(parsed: ParsedInput, roles: RoleAssignment, report: UserError[]): void {
  for (const r of roles.columns) {
    if (r.role !== 'ignored') continue;
    const c = parsed.frame.columns.find((x) => x.name === r.column);
    const ch = channelOf(r.column) ?? (c?.hint?.role === 'channel' ? { channel: c.hint.channel!, measure: c.hint.measure } : null);
    if (!c || !ch || ch.measure !== 'spend' || c.badCells > 0) continue; // unreadable is not idle
    if (c.values.every((v) => Number.isNaN(v) || v === 0)) {
      report.push(warning(`Column ${r.column} looks like channel ${ch.channel} but has no spend in any row; it is left out`, { file: c.file, column: r.column, channel: ch.channel }));
    }
  }
}

export function buildDataset(parsed: ParsedInput, roles: RoleAssignment, options: BuildOptions = {}): BuildResult {
  const report: UserError[] = [...parsed.report];
  reportIdleChannels(parsed, roles, report);
  reportCellProblems(parsed, roles, report);
  const plan = resolvePlan(parsed.frame, roles, report);
  if (!plan) return { report };
  const { days, format } = rowDays(plan.date, options.dateOrder, report);
  const grid = buildGrid(plan.date, days, format, report);
  if (!grid) return { report };
  const media = plan.channels.flatMap((ch) => [ch.spend, ch.impressions, ch.clicks].filter((s) => s !== undefined));
  const all = materialise([plan.target, ...media, ...plan.controls], grid, report);
  uniqueKeys(all);
  if (grid.grain === 'day') for (const s of all) s.weekly = isSparseWeekly(s.values);
  const window = chooseWindow(all, grid, report);
  if (!window) return { report };
  const [lo, hi] = window;
  const sub = sliceGrid(grid, lo, hi);
  const series = all.map((s) => ({ ...s, values: s.values.slice(lo, hi + 1) }));
  zeroOutsideActivity(series, sub, report);
  const grain = chooseGrain(sub, options, report);
  const shaped = shapeSeries(series, sub, grain, options.partialWeeks ?? 'drop', report);
  if (!shaped) return { report };
  const body = assemble(plan, series, shaped, options.name ?? parsed.name, options, report);
  validateDataset(body, report);
  // Imputation is news only for a dataset that is built; beside an error it would be noise.
  if (shaped.imputed.length && !hasErrors(report)) {
    report.push(...describeGaps(shaped.gaps));
    const cols = [...new Set(shaped.imputed.map((c) => c.column))];
    report.push(warning(`${plural(shaped.imputed.length, 'cell')} imputed (${cols.join(', ')}); they stay flagged in every output`, {}, 'each is listed with the data (the studio\'s imputed cells, attrs.imputed_cells of a run)'));
  }
  const details = { sourceGrain: sub.grain, dateFormat: grid.dateFormat, partialWeeks: shaped.partialWeeks, aggregation: shaped.aggregation, notes: shaped.notes };
  if (hasErrors(report)) return { report, details };
  return { dataset: { ...body, fingerprint: datasetFingerprint(body) }, report, details };
}
