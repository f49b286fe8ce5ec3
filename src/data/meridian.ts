// Meridian's CSV layout (google/meridian, meridian/data/load.py CoordToColumns): `time`,
// optional `geo`, `kpi` or `conversions`, `revenue_per_kpi`/`revenue_per_conversion`,
// `*_impression`, `*_spend`, `*_reach`, `*_frequency`, `*_control`, `population`.
// Geo data is read at national level as MODEL.md §7 says: KPI, spend, impressions and
// reach summed over geos; frequency = Σ(reach·frequency)/Σreach; revenue =
// Σ(KPI·revenue_per_KPI); controls = population-weighted mean.
import type { UserError } from '../core/types';
import { isoDate } from './calendar';
import { CELLS_PER_REPORT, tableColumns } from './columns';
import type { RawTable } from './csv';
import type { DateOrder } from './dates';
import { CellProblems, warning } from './errors';
import { datesInfo, findColumn, readKeyDates } from './keyed';
import type { Frame, FrameColumn, RoleHint, TableInfo } from './types';

const KPI = /^(kpi|conversions)$/i;
const REVENUE_PER = /^revenue_per_(kpi|conversion)$/i;

/** Role a Meridian column name implies; undefined for names outside the convention. */
export function meridianHint(name: string, hasRevenue: boolean): RoleHint | undefined {
  let m: RegExpExecArray | null;
  if (/^time$/i.test(name)) return { role: 'date', reason: "Meridian's time column" };
  if (/^revenue$/i.test(name)) return { role: 'target', reason: 'revenue = KPI × revenue per KPI (Meridian), so ROAS is in money' };
  if (KPI.test(name)) {
    return hasRevenue
      ? { role: 'ignored', reason: 'the KPI count; its revenue is the target (switch if you model the count)' }
      : { role: 'target', reason: "Meridian's KPI column" };
  }
  if ((m = /^(.+)_spend$/i.exec(name))) return { role: 'channel', channel: m[1], measure: 'spend', reason: 'Meridian media spend (*_spend)' };
  if ((m = /^(.+)_impressions?$/i.exec(name))) return { role: 'channel', channel: m[1], measure: 'impressions', reason: 'Meridian media exposure (*_impression)' };
  if (/_(reach|frequency)$/i.test(name)) return { role: 'ignored', reason: 'reach and frequency are not modelled yet (the channel uses its spend)' };
  if (/_control$/i.test(name)) return { role: 'control', reason: 'Meridian control (*_control)' };
  if (REVENUE_PER.test(name)) return { role: 'ignored', reason: 'used to compute revenue' };
  if (/^(population|geo)$/i.test(name)) return { role: 'ignored', reason: 'geo bookkeeping' };
  return undefined;
}

function numberColumn(name: string, like: FrameColumn, values: Float64Array, rows: Int32Array, issues: UserError[], bad: number): FrameColumn {
  return { name, file: like.file, sourceColumn: name, rows, kind: 'number', values, issues, badCells: bad };
}

/** revenue_t = Σ KPI·revenue_per_KPI over the given records (one national row: one record). */
function revenueColumn(columns: FrameColumn[]): FrameColumn | null {
  const kpi = columns.find((c) => KPI.test(c.name));
  const rate = columns.find((c) => REVENUE_PER.test(c.name));
  if (!kpi || !rate || columns.some((c) => /^revenue$/i.test(c.name))) return null;
  const values = kpi.values.map((v, i) => v * rate.values[i]);
  return { ...numberColumn('revenue', kpi, values, kpi.rows, [...kpi.issues, ...rate.issues], kpi.badCells + rate.badCells), sourceColumn: `${kpi.name} × ${rate.name}` };
}

function withHints(columns: FrameColumn[]): FrameColumn[] {
  const hasRevenue = columns.some((c) => /^revenue$/i.test(c.name));
  return columns.map((c) => {
    const hint = meridianHint(c.name, hasRevenue);
    return hint ? { ...c, hint } : c;
  });
}

export function readMeridianNational(t: RawTable, onProgress?: (fraction: number) => void): { frame: Frame; tables: TableInfo[] } {
  const columns = tableColumns(t, onProgress);
  const revenue = revenueColumn(columns);
  if (revenue) columns.push(revenue);
  return {
    frame: { rowCount: t.records.length, columns: withHints(columns), fixedDate: null },
    tables: [{ file: t.file, part: 'meridian_national', delimiter: t.delimiter, header: t.header, rows: t.records.length }],
  };
}

type Rule = 'sum' | 'frequency' | 'weighted' | 'skip';

function ruleOf(name: string, names: Set<string>): Rule {
  if (/^(time|geo)$/i.test(name) || REVENUE_PER.test(name)) return 'skip';
  if (KPI.test(name) || /^(revenue|population)$/i.test(name) || /_(spend|impressions?|reach)$/i.test(name)) return 'sum';
  const f = /^(.+)_frequency$/i.exec(name);
  if (f && names.has(`${f[1]}_reach`.toLowerCase())) return 'frequency';
  return 'weighted';
}

/** Where the stages of reading a geo file start and end on its progress bar (0..1). */
const GEO_STAGES = [0, 0.1, 0.8, 1];

export function readMeridianGeo(t: RawTable, order: DateOrder | undefined, report: UserError[], onProgress?: (fraction: number) => void): { frame: Frame; tables: TableInfo[] } {
  // Progress: the dates, then the columns, then the national sums (GEO_STAGES, by their time
  // on a 438,400-row file), so none of them leaves the bar still for seconds.
  const stage = (k: number) => (f: number) => onProgress?.(GEO_STAGES[k] + (GEO_STAGES[k + 1] - GEO_STAGES[k]) * f);
  const formats = new Set<string>();
  const days = readKeyDates(t, findColumn(t, 'time'), order, report, formats);
  stage(0)(1);
  const geoCol = findColumn(t, 'geo');
  // The geo and time columns key the rows; reading their cells as numbers only made errors
  // that were thrown away (seconds on a big file).
  const source = tableColumns(t, onProgress && stage(1), (name) => !/^(time|geo)$/i.test(name));
  const byName = new Map(source.map((c) => [c.name.toLowerCase(), c]));
  const population = byName.get('population');
  if (!population) report.push(warning('No population column: controls are averaged over geos without weights', { file: t.file }));
  const groups = groupRecords(t, days, geoCol, report, onProgress && ((f) => stage(2)(f / 2)));
  const times = [...groups.keys()].sort((a, b) => a - b);
  const rows = Int32Array.from(times.map((d) => t.rowNumbers[groups.get(d)![0]]));
  const out: FrameColumn[] = [{
    name: 'time', file: t.file, sourceColumn: 'time', rows, kind: 'date', values: new Float64Array(times.length).fill(NaN),
    cells: times.map(isoDate), days: Float64Array.from(times), dateFormat: [...formats].join(' + ') || undefined, issues: [], badCells: 0,
  }];
  const names = new Set(byName.keys());
  for (const [k, c] of source.entries()) {
    stage(2)(0.5 + k / source.length / 2);
    const rule = ruleOf(c.name, names);
    if (rule === 'skip') continue;
    if (c.kind === 'text' || c.kind === 'date') {
      report.push(warning(`Column ${c.name} holds text and cannot be combined over geos; it is left out`, { file: t.file, column: c.name }));
      continue;
    }
    const values = Float64Array.from(times, (d) => combine(rule, c, groups.get(d)!, byName, population));
    const empty = rule === 'sum' ? emptyGeoCells(c, t, geoCol, days) : [];
    out.push(numberColumn(c.name, c, values, rows, [...c.issues, ...negativeGeoCells(c, t, geoCol), ...empty], c.badCells));
  }
  const kpi = source.find((c) => KPI.test(c.name));
  const rate = source.find((c) => REVENUE_PER.test(c.name));
  if (kpi && rate && !names.has('revenue')) {
    const values = Float64Array.from(times, (d) => groups.get(d)!.reduce((s, i) => s + kpi.values[i] * rate.values[i], 0));
    out.push({ ...numberColumn('revenue', kpi, values, rows, [...kpi.issues, ...rate.issues], kpi.badCells + rate.badCells), sourceColumn: `Σ ${kpi.name} × ${rate.name}` });
  }
  return {
    frame: { rowCount: times.length, columns: withHints(out), fixedDate: 'time' },
    tables: [{ file: t.file, part: 'meridian_geo', delimiter: t.delimiter, header: t.header, rows: t.records.length, ...datesInfo(times) }],
  };
}

/** Record indices per day; a geo missing at some time, or twice, is reported (capped, CellProblems). */
function groupRecords(t: RawTable, days: Float64Array, geoCol: number, report: UserError[], onProgress?: (fraction: number) => void): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  const seen = new Map<string, number>();
  const geos = new Set<string>();
  const where = { file: t.file, column: 'geo' };
  const duplicates = new CellProblems(['duplicate geo row', 'duplicate geo rows'], where, 'error', 'keep one row per geo and time');
  t.records.forEach((r, i) => {
    if (onProgress && (i + 1) % CELLS_PER_REPORT === 0) onProgress(i / t.records.length);
    const d = days[i];
    if (Number.isNaN(d)) return;
    const key = `${d}|${r[geoCol]}`;
    const had = seen.get(key);
    if (had !== undefined) {
      duplicates.add(t.rowNumbers[i], `Duplicate row: geo ${r[geoCol]} on ${isoDate(d)} also on row ${had}`);
      return;
    }
    seen.set(key, t.rowNumbers[i]);
    geos.add(r[geoCol]);
    const list = groups.get(d);
    if (list) list.push(i);
    else groups.set(d, [i]);
  });
  duplicates.flush(report);
  // A file whose geos cover different dates would repeat this for every date: the first few
  // are named, the rest summed up in one line.
  const short = new CellProblems(['date with geos missing', 'dates with geos missing'], where, 'error', 'add the missing geo rows (zero spend is a value too)');
  for (const [d, list] of [...groups].sort((a, b) => a[0] - b[0])) {
    if (list.length < geos.size) {
      short.add(t.rowNumbers[list[0]], `${geos.size - list.length} of ${geos.size} geos ${geos.size - list.length === 1 ? 'has' : 'have'} no row for ${isoDate(d)}; the national total would be short`);
    }
  }
  short.flush(report);
  return groups;
}

/**
 * Empty cells of a summed column, by geo row: one empty geo makes that date's national value
 * missing, and the build then imputes the national value from neighbouring periods rather
 * than summing the other geos (MODEL.md §7). Said per geo row, as a warning that counts when
 * the column is used, so the imputation line that follows has its cause.
 */
function emptyGeoCells(c: FrameColumn, t: RawTable, geoCol: number, days: Float64Array): UserError[] {
  const col = t.header.indexOf(c.name);
  const cells = new CellProblems(['empty geo cell', 'empty geo cells'], { file: t.file, column: c.name }, 'warning', 'fill in the geo\'s value (0 if there was none): an empty cell makes the national value of its date imputed');
  c.values.forEach((v, i) => {
    if (Number.isNaN(v) && !Number.isNaN(days[i]) && (t.records[i][col] ?? '').trim() === '') {
      cells.add(t.rowNumbers[i], `${c.name} is empty for geo ${t.records[i][geoCol]} on ${isoDate(days[i])}; the national value of that date is imputed, not summed over the other geos`);
    }
  });
  const out: UserError[] = [];
  cells.flush(out);
  return out;
}

const MEDIA_COLUMN = /^(.+)_(spend|impressions?|reach)$/i;

/**
 * Negative cells of a media column, by geo row: the national value is their sum, where a
 * negative geo (a refund, a correction) would silently cancel other geos' spend. Returned as
 * the column's issues, so they count only when the column is modelled (as a wide file's
 * cells do, series.ts).
 */
function negativeGeoCells(c: FrameColumn, t: RawTable, geoCol: number): UserError[] {
  const m = MEDIA_COLUMN.exec(c.name);
  if (!m) return [];
  const measure = /spend/i.test(m[2]) ? 'spend' : /reach/i.test(m[2]) ? 'reach' : 'impressions';
  const bad = new CellProblems([`negative ${measure} value`, `negative ${measure} values`], { file: t.file, column: c.name, channel: m[1] }, 'error', `${measure} cannot be negative; correct the export (refunds belong in a separate column)`);
  c.values.forEach((v, i) => {
    if (v < 0) bad.add(t.rowNumbers[i], `Negative ${measure} ${v} for channel ${m[1]} in geo ${t.records[i][geoCol]}`);
  });
  const out: UserError[] = [];
  bad.flush(out);
  return out;
}

function combine(rule: Rule, c: FrameColumn, records: number[], byName: Map<string, FrameColumn>, population?: FrameColumn): number {
  if (rule === 'sum') return records.reduce((s, i) => s + c.values[i], 0);
  if (rule === 'frequency') {
    const reach = byName.get(c.name.toLowerCase().replace(/_frequency$/, '_reach'))!;
    let num = 0;
    let den = 0;
    for (const i of records) {
      num += reach.values[i] * c.values[i];
      den += reach.values[i];
    }
    return den === 0 ? (Number.isNaN(num) ? NaN : 0) : num / den; // no reach: no frequency either
  }
  let num = 0;
  let den = 0;
  for (const i of records) {
    const w = population ? population.values[i] : 1;
    num += w * c.values[i];
    den += w;
  }
  return num / den;
}
