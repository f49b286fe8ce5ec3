// The measurement workspace contract (MODEL.md §7): raw/campaign_spend_{platform}.csv long
// spend files, raw/conversions.csv, optional raw/external_factors.csv (long, pivoted to one
// column per factor), all aligned on dates into one frame. Gaps stay NaN here; the build
// step imputes them (never zero inside an active channel).
import type { UserError } from '../core/types';
import { isoDate, parseIso } from './calendar';
import { BAD_EXAMPLES, readNumbers } from './columns';
import type { RawTable } from './csv';
import type { DateOrder } from './dates';
import { error, uniqueName, warning } from './errors';
import { baseName } from './formats';
import { cadence, dayRange, findColumn, KeyedColumn, readKeyDates } from './keyed';
import { decimalEvidence } from './numbers';
import type { Frame, FrameColumn, Measure, TableInfo } from './types';

export interface WorkspaceParts {
  spend: RawTable[];
  conversions: RawTable | null;
  factors: RawTable | null;
}

const MEASURES: Measure[] = ['spend', 'impressions', 'clicks'];
const TARGET_PREFERENCE = ['revenue', 'sales', 'conversions'];

const votesCache = new WeakMap<RawTable, { dot: number; comma: number }>();

/** Decimal-mark evidence over a whole file (computed once per table). */
function fileVotes(t: RawTable): { dot: number; comma: number } {
  const cached = votesCache.get(t);
  if (cached) return cached;
  const v = { dot: 0, comma: 0 };
  votesCache.set(t, v);
  for (const r of t.records) for (const c of r) {
    const e = decimalEvidence(c);
    if (e === '.') v.dot++;
    else if (e === ',') v.comma++;
  }
  return v;
}

/** Records of a table grouped by the text in one column. */
function groupBy(t: RawTable, column: number): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  t.records.forEach((r, i) => {
    const key = r[column];
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

class WorkspaceReader {
  readonly columns = new Map<string, KeyedColumn>();
  readonly tables: TableInfo[] = [];
  readonly sharedChannels = new Map<string, string>();
  /** Date formats of the files read (keyed.ts readKeyDates). */
  readonly dateFormats = new Set<string>();

  constructor(
    private readonly order: DateOrder | undefined,
    private readonly report: UserError[],
  ) {}

  /** The column for a key (kinds apart, so a factor named "revenue" stays a factor). */
  column(key: string, make: () => KeyedColumn): KeyedColumn {
    let c = this.columns.get(key);
    if (!c) this.columns.set(key, (c = make()));
    return c;
  }

  /** Put a subset of a file's numeric cells into a keyed column. */
  load(t: RawTable, days: Float64Array, subset: number[], col: number, target: KeyedColumn, sum: boolean, what: string, reportDuplicates = true): void {
    const cells = subset.map((i) => t.records[i][col]);
    const rows = Int32Array.from(subset.map((i) => t.rowNumbers[i]));
    const read = readNumbers(cells, rows, { file: t.file, column: t.header[col], label: target.name }, fileVotes(t), t.delimiter);
    target.issues.push(...read.issues.map((e) => ({ ...e, channel: target.hint.channel })));
    target.bad += read.bad;
    target.ok += read.ok;
    for (const e of read.examples) if (target.examples.length < BAD_EXAMPLES) target.examples.push(e);
    target.files.add(t.file);
    subset.forEach((i, k) => {
      if (Number.isNaN(days[i])) return;
      const had = target.put(days[i], read.values[k], rows[k], cells[k], sum);
      if (had !== null && reportDuplicates) {
        this.report.push(error(`Duplicate row: ${what} on ${isoDate(days[i])} also on row ${had}`, { file: t.file, row: rows[k], column: t.header[findColumn(t, 'date')] ?? t.header[col], channel: target.hint.channel }, 'keep one row per date (and channel)'));
      }
    });
  }

  spendFile(t: RawTable): void {
    const dateCol = findColumn(t, 'date');
    const channelCol = findColumn(t, 'channel');
    if (dateCol < 0 || channelCol < 0 || findColumn(t, 'spend') < 0) {
      this.report.push(error('A campaign spend file needs the columns date, channel, spend (impressions, clicks optional)', { file: t.file, row: 1 }, `the header is: ${t.header.join(', ')}`));
      return;
    }
    const days = readKeyDates(t, dateCol, this.order, this.report, this.dateFormats);
    const known = new Set(['date', 'channel', ...MEASURES]);
    const extra = t.header.filter((h) => !known.has(h.trim().toLowerCase()));
    if (extra.length) {
      this.report.push(warning(`Columns ${extra.join(', ')} are not part of the contract; rows that differ only in them are summed per date and channel`, { file: t.file, row: 1 }));
    }
    for (const [channel, subset] of groupBy(t, channelCol)) {
      if (channel === '') {
        for (const i of subset.slice(0, 5)) this.report.push(error('Channel name is missing', { file: t.file, row: t.rowNumbers[i], column: t.header[channelCol] }, 'fill in the channel or delete the row'));
        continue;
      }
      this.noteSharedChannel(channel, t.file);
      let first = true;
      for (const m of MEASURES) {
        const col = findColumn(t, m);
        if (col < 0) continue;
        const hint = { role: 'channel' as const, channel, measure: m, reason: `${m} of channel "${channel}" in ${baseName(t.file)}` };
        const target = this.column(`channel:${channel}:${m}`, () => new KeyedColumn(`${channel}_${m}`, m, hint));
        const shared = this.sharedChannels.get(channel) !== t.file;
        this.load(t, days, subset, col, target, extra.length > 0 || shared, `channel ${channel}`, first);
        first = false;
      }
    }
    this.tables.push({ file: t.file, part: 'campaign_spend', delimiter: t.delimiter, header: t.header, rows: t.records.length, ...rangeOf(days) });
  }

  /** The same channel in two platform files is summed (e.g. search on two engines); say so. */
  private noteSharedChannel(channel: string, file: string): void {
    const first = this.sharedChannels.get(channel);
    if (first === undefined) this.sharedChannels.set(channel, file);
    else if (first !== file) {
      this.report.push(warning(`Channel "${channel}" appears in ${baseName(first)} and ${baseName(file)}; their rows are summed per date`, { file, channel }, 'rename the channel in one file to model them apart'));
    }
  }

  conversionsFile(t: RawTable): void {
    const dateCol = findColumn(t, 'date');
    if (dateCol < 0) {
      this.report.push(error('conversions.csv needs a date column', { file: t.file, row: 1 }, `the header is: ${t.header.join(', ')}`));
      return;
    }
    const days = readKeyDates(t, dateCol, this.order, this.report, this.dateFormats);
    const all = t.records.map((_, i) => i);
    const lower = t.header.map((h) => h.trim().toLowerCase());
    const target = TARGET_PREFERENCE.find((n) => lower.includes(n));
    t.header.forEach((h, col) => {
      if (col === dateCol) return;
      const isTarget = lower[col] === target;
      const hint = isTarget
        ? { role: 'target' as const, reason: `${h} in ${baseName(t.file)}: the outcome to explain (preferred: ${TARGET_PREFERENCE.join(' > ')})` }
        : { role: 'ignored' as const, reason: `${h} in ${baseName(t.file)}: an alternative target` };
      this.load(t, days, all, col, this.column(`target:${h}`, () => new KeyedColumn(h, h, hint)), false, h);
    });
    this.tables.push({ file: t.file, part: 'conversions', delimiter: t.delimiter, header: t.header, rows: t.records.length, ...rangeOf(days) });
  }

  factorsFile(t: RawTable): void {
    const [dateCol, nameCol, valueCol] = ['date', 'factor_name', 'value'].map((n) => findColumn(t, n));
    if (dateCol < 0 || nameCol < 0 || valueCol < 0) {
      this.report.push(error('external_factors.csv needs the columns date, factor_name, value', { file: t.file, row: 1 }, `the header is: ${t.header.join(', ')}`));
      return;
    }
    const days = readKeyDates(t, dateCol, this.order, this.report, this.dateFormats);
    for (const [factor, subset] of groupBy(t, nameCol)) {
      if (factor === '') {
        for (const i of subset.slice(0, 5)) this.report.push(error('Factor name is missing', { file: t.file, row: t.rowNumbers[i], column: t.header[nameCol] }));
        continue;
      }
      const hint = { role: 'control' as const, reason: `factor "${factor}" from ${baseName(t.file)}` };
      const target = this.column(`factor:${factor}`, () => new KeyedColumn(factor, 'value', hint));
      target.text = true; // a factor may be a label (e.g. "promo"); it is one-hot encoded then
      this.load(t, days, subset, valueCol, target, false, `factor ${factor}`);
    }
    this.tables.push({ file: t.file, part: 'external_factors', delimiter: t.delimiter, header: t.header, rows: t.records.length, ...rangeOf(days) });
  }
}

function rangeOf(days: Float64Array): { first?: string; last?: string; grain: 'day' | 'week' } {
  const { first, last } = dayRange(days);
  return { first, last, grain: cadence(days) };
}

/** Last day a file covers: a weekly row dated d covers d..d+6. */
function coveredUntil(t: TableInfo): string | undefined {
  return t.last && t.grain === 'week' ? isoDate(parseIso(t.last) + 6) : t.last;
}

export function readWorkspace(parts: WorkspaceParts, order: DateOrder | undefined, report: UserError[]): { frame: Frame; tables: TableInfo[] } {
  const reader = new WorkspaceReader(order, report);
  if (!parts.conversions) {
    report.push(error('The workspace has no conversions.csv (date, conversions, revenue)', {}, 'a workspace keeps raw/conversions.csv beside the campaign_spend_*.csv files: add it (in the studio, pick it with the others)'));
  } else reader.conversionsFile(parts.conversions);
  if (parts.spend.length === 0) report.push(error('The workspace has no campaign_spend_*.csv file', {}, 'add the raw/campaign_spend_{platform}.csv files'));
  for (const t of parts.spend) reader.spendFile(t);
  if (parts.factors) reader.factorsFile(parts.factors);
  // Names unique across kinds (a factor called like a channel measure gets "name (2)").
  const keyed = [...reader.columns.values()];
  const taken = new Set(['date']);
  for (const c of keyed) taken.add((c.name = uniqueName(c.name, taken)));
  const allDays = new Set<number>();
  for (const c of keyed) for (const d of c.byDay.keys()) allDays.add(d);
  const days = [...allDays].sort((a, b) => a - b);
  const dateColumn: FrameColumn = {
    name: 'date',
    file: reader.tables.map((t) => t.file).join(' + '),
    sourceColumn: 'date',
    rows: new Int32Array(days.length),
    kind: 'date',
    values: new Float64Array(days.length).fill(NaN),
    cells: days.map(isoDate),
    days: Float64Array.from(days),
    dateFormat: [...reader.dateFormats].join(' + ') || undefined,
    issues: [],
    badCells: 0,
    hint: { role: 'date', reason: 'the date column every workspace file shares' },
  };
  reportMisalignment(reader.tables, report);
  return { frame: { rowCount: days.length, columns: [dateColumn, ...keyed.map((c) => c.toFrameColumn(days))], fixedDate: 'date' }, tables: reader.tables };
}

/** Files covering different date ranges: say which, against the target file's range. */
function reportMisalignment(tables: TableInfo[], report: UserError[]): void {
  const reference = tables.find((t) => t.part === 'conversions') ?? tables[0];
  if (!reference?.first) return;
  const refEnd = coveredUntil(reference);
  for (const t of tables) {
    if (t === reference || !t.first) continue;
    const end = coveredUntil(t);
    if (t.first !== reference.first || end !== refEnd) {
      report.push(
        warning(
          `Date ranges differ: ${baseName(t.file)} covers ${t.first} to ${end}, ${baseName(reference.file)} ${reference.first} to ${refEnd}`,
          { file: t.file },
          'the model uses the dates the target and controls share; spend outside a file\'s range counts as no spend',
        ),
      );
    }
  }
}
