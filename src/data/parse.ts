// parseFiles: the files a user picked (or a folder) → one frame in the format they follow.
// Pure and synchronous; the worker (parse.worker.ts) runs the same code for big files.
import type { UserError } from '../core/types';
import { readCsv, type RawTable } from './csv';
import { readDateColumn, type DateOrder } from './dates';
import { datesInfo } from './keyed';
import { isDateName } from './role-rules';
import { dateColumnOf } from './roles';
import { error, warning } from './errors';
import { baseName, classifyTable, isIncrementalityFile, isTableFile, WORKSPACE_PARTS, type TablePart } from './formats';
import { readMeridianGeo, readMeridianNational } from './meridian';
import { columnTexts, tableColumns } from './columns';
import { dropFooter, footerLength } from './footer';
import type { Frame, InputFile, InputFormat, ParsedInput, Passthrough, TableInfo } from './types';
import { readWorkspace } from './workspace';
import { MIN_PERIODS } from './validate';

export interface ParseOptions {
  /** Force the order of a/b/yyyy dates in files the reader keys by date. */
  dateOrder?: DateOrder;
  /** Progress 0..1: the files split into records (by characters), then their columns read. */
  onProgress?: (fraction: number) => void;
}

const EMPTY_FRAME: Frame = { rowCount: 0, columns: [], fixedDate: null };

/**
 * Progress over the two stages of a parse: splitting the files into records (by characters)
 * takes the first READ_SHARE, reading the cells of the columns (by column) the rest. Both
 * report as they go, so a 100 MB file never leaves the bar still for long.
 */
const READ_SHARE = 0.5;

function readTables(files: InputFile[], onProgress: ((fraction: number) => void) | undefined, report: UserError[], passthrough: Passthrough[]): RawTable[] {
  const total = files.reduce((s, f) => s + f.text.length, 0) || 1;
  let done = 0;
  const tables: RawTable[] = [];
  for (const f of files) {
    if (isIncrementalityFile(f.name)) passthrough.push(readJson(f, report));
    else if (isTableFile(f.name)) {
      const t = readCsv(f.name, f.text, onProgress && ((p) => onProgress((done + p * f.text.length) / total)));
      report.push(...t.issues);
      tables.push(t);
    } else {
      report.push(warning(`${baseName(f.name)} is not a CSV file and was skipped`, { file: f.name }));
    }
    done += f.text.length;
  }
  onProgress?.(1);
  return tables;
}

/**
 * In a workspace, a table outside the contract (a notes.txt, a stray export in raw/) is
 * skipped: its own problems (one column, no data rows, an empty file) are not the
 * workspace's and must not stop it, so they leave the report and one warning says it was
 * skipped. A contract file keeps its problems: an empty conversions.csv is an error.
 */
function skipOutsideContract(tables: RawTable[], report: UserError[]): void {
  for (const t of tables) {
    if (WORKSPACE_PARTS.has(classifyTable(t).part)) continue;
    const own = new Set(t.issues);
    for (let i = report.length - 1; i >= 0; i--) if (own.has(report[i])) report.splice(i, 1);
    // conversions.csv is the one contract file known by its name only: a misnamed one
    // ("conversion.csv", "Conversions 2023.csv") is recognised by its columns.
    const h = new Set(t.header.map((c) => c.trim().toLowerCase()));
    const target = h.has('date') && (h.has('conversions') || h.has('revenue'));
    const hint = target
      ? `its columns (${t.header.join(', ')}) are those of conversions.csv: rename it conversions.csv if it holds the target`
      : 'a workspace reads raw/campaign_spend_{platform}.csv, raw/conversions.csv and raw/external_factors.csv; move other files out of raw/ to silence this';
    report.push(warning(`${baseName(t.file)} is not part of the workspace contract and was skipped`, { file: t.file }, hint));
  }
}

/**
 * A table with fewer dated rows than a model needs is said as such, before role detection
 * gets to it: with one row every column is constant, and "no channel" would send the user
 * looking for the wrong thing.
 */
function tooFewRows(frame: Frame, t: RawTable, report: UserError[]): void {
  const n = frame.rowCount;
  if (n === 0 || n >= MIN_PERIODS || report.some((e) => e.severity === 'error' && e.file === t.file)) return;
  const rows = n === 1 ? 'row' : 'rows';
  report.push(error(`Only ${n} data ${rows}: a model needs at least ${MIN_PERIODS} periods (and a year of weekly data to tell seasonality from media)`, { file: t.file }, 'export a longer date range'));
}

function readJson(f: InputFile, report: UserError[]): Passthrough {
  let json: unknown = null;
  try {
    json = JSON.parse(f.text);
  } catch (e) {
    report.push(error(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { file: f.name }, 'the lift tests will be unavailable until the file is fixed'));
  }
  return { file: f.name, kind: 'incrementality_results', text: f.text, json };
}

function datasetName(files: InputFile[]): string {
  if (files.length === 1) return baseName(files[0].name).replace(/\.[^.]+$/, '');
  const folders = files.map((f) => f.name.split(/[\\/]/)).filter((p) => p.length > 1);
  const root = folders.length === files.length && folders.every((p) => p[0] === folders[0][0]) ? folders[0][0] : '';
  return root || `${files.length} files`;
}

export function parseFiles(files: InputFile[], options: ParseOptions = {}): ParsedInput {
  const report: UserError[] = [];
  const passthrough: Passthrough[] = [];
  const progress = options.onProgress;
  const tables = readTables(files, progress && ((f) => progress(READ_SHARE * f)), report, passthrough);
  const columnsProgress = progress && ((f: number) => progress(READ_SHARE + (1 - READ_SHARE) * f));
  const name = datasetName(files);
  const usable = tables.filter((t) => t.header.length > 0);
  if (usable.length === 0) {
    if (!report.some((e) => e.severity === 'error')) report.push(error('No CSV file among the files picked', {}, 'pick a .csv file, or the raw/ folder of a workspace'));
    return { format: 'wide', formatReason: 'no table', name, tables: [], frame: EMPTY_FRAME, report, passthrough };
  }
  const parts = usable.map((t) => ({ t, ...classifyTable(t) }));
  const workspace = parts.filter((p) => WORKSPACE_PARTS.has(p.part));
  if (workspace.length > 0) {
    skipOutsideContract(tables, report);
    const pick = (part: TablePart) => workspace.filter((p) => p.part === part).map((p) => p.t);
    const extra = [...pick('conversions').slice(1), ...pick('external_factors').slice(1)];
    for (const t of extra) report.push(error(`More than one ${baseName(t.file)} picked`, { file: t.file }, 'pick one file of each kind'));
    const { frame, tables: info } = readWorkspace(
      { spend: pick('campaign_spend'), conversions: pick('conversions')[0] ?? null, factors: pick('external_factors')[0] ?? null },
      options.dateOrder,
      report,
    );
    const reason = `measurement workspace: ${workspace.map((p) => p.reason).join('; ')}`;
    return { format: 'workspace', formatReason: reason, name, tables: info, frame, report, passthrough };
  }
  if (parts.length > 1) {
    report.push(error(`${parts.length} separate tables picked; only ${baseName(parts[0].t.file)} is read`, {}, 'pick one wide CSV, or the files of a measurement workspace'));
  }
  const { t, part, reason } = parts[0];
  const read = single(t, part, options, report, columnsProgress);
  tooFewRows(read.frame, t, report);
  progress?.(1);
  return { format: read.format, formatReason: reason, name, tables: read.tables, frame: read.frame, report, passthrough };
}

/**
 * First and last date, and the cadence, of a table read as one frame (wide CSV, Meridian
 * national), from the column role detection proposes as the date, read as the build reads
 * it (grid.ts rowDays). Formats keyed by date (workspace, Meridian geo) set them themselves.
 * The grain is said only when the dates are daily or weekly: other cadences are the
 * build's error to explain, not a label to put on the file.
 */
export function frameDates(frame: Frame, order: DateOrder | undefined): Pick<TableInfo, 'first' | 'last' | 'grain'> {
  const date = dateColumnOf(frame);
  if (!date) return {};
  const days = date.days ?? readDateColumn(columnTexts(date), { order, allowNumeric: isDateName(date.name) || date.kind === 'number' }).days;
  return datesInfo(days);
}

function single(
  t: RawTable,
  part: TablePart,
  options: ParseOptions,
  report: UserError[],
  onProgress?: (fraction: number) => void,
): { format: InputFormat; frame: Frame; tables: TableInfo[] } {
  if (part === 'meridian_geo') return { format: 'meridian_geo', ...readMeridianGeo(t, options.dateOrder, report, onProgress) };
  if (part === 'meridian_national') {
    let national = readMeridianNational(t, onProgress);
    // A totals or notes footer, as in a wide export (footer.ts); the columns are read again without it.
    const footer = footerLength(national.frame);
    if (footer.rows > 0) national = readMeridianNational(dropFooter(t, footer.rows, footer.dateColumn!, report));
    const tables = national.tables.map((info) => ({ ...info, ...frameDates(national.frame, options.dateOrder) }));
    return { format: 'meridian_national', frame: national.frame, tables };
  }
  let table = t;
  let frame: Frame = { rowCount: t.records.length, columns: tableColumns(t, onProgress), fixedDate: null };
  const footer = footerLength(frame);
  if (footer.rows > 0) {
    table = dropFooter(t, footer.rows, footer.dateColumn!, report); // rare: the columns are read again without it
    frame = { rowCount: table.records.length, columns: tableColumns(table), fixedDate: null };
  }
  const info: TableInfo = { file: t.file, part: 'wide', delimiter: t.delimiter, header: t.header, rows: table.records.length, ...frameDates(frame, options.dateOrder) };
  return { format: 'wide', frame, tables: [info] };
}
