// The data layer's own contracts: what parseFiles returns, what role detection proposes
// and the user edits, and what buildDataset takes. Plain data (typed arrays, strings), so
// all of it crosses a worker boundary by structured clone.
import type { Dataset, UserError } from '../core/types';

export interface InputFile {
  /** File name, or its path inside a picked folder (e.g. "ws/raw/conversions.csv"). */
  name: string;
  text: string;
}

export type InputFormat = 'wide' | 'workspace' | 'meridian_national' | 'meridian_geo';
export type Measure = 'spend' | 'impressions' | 'clicks';
export type RoleName = 'date' | 'target' | 'channel' | 'control' | 'ignored';
/** How a control is summed up when days become weeks. */
export type ControlAggregate = 'mean' | 'sum' | 'max';

export interface RoleHint {
  role: RoleName;
  channel?: string;
  measure?: Measure;
  reason: string;
}

/** A cell that is not a number, where it is. */
export interface BadCell {
  /** Spreadsheet row (header = 1). */
  row: number;
  cell: string;
}

/** One column of the table the formats are read into: one row per source record or date. */
export interface FrameColumn {
  name: string;
  /** Where the cells came from, for messages. */
  file: string;
  /** The header in that file (for long files, e.g. "spend" of channel search). */
  sourceColumn: string;
  /** Spreadsheet row (header = 1) of each frame row's cell; 0 where the file had no cell. */
  rows: Int32Array;
  kind: 'number' | 'text' | 'date' | 'empty';
  /** Numeric reading; NaN where the cell is empty or not a number (the latter in issues). */
  values: Float64Array;
  /** Raw trimmed cells, kept where a text or date reading may be needed. */
  cells?: string[];
  /** Day numbers, set on the date column of formats that key rows by date themselves. */
  days?: Float64Array;
  /** How the source file(s) wrote those dates ("dd.mm.yyyy"; files that differ joined by " + "). */
  dateFormat?: string;
  /** Problems reading cells as numbers; they count only if the column is used as numbers. */
  issues: UserError[];
  /** Non-empty cells that are not numbers. */
  badCells: number;
  /** The first few of those cells, for role reasons and hints (absent: none kept). */
  badExamples?: BadCell[];
  /** The format's suggestion for this column's role (workspace and Meridian contracts). */
  hint?: RoleHint;
}

export interface Frame {
  rowCount: number;
  columns: FrameColumn[];
  /** The date column a format fixes (workspace "date", Meridian "time"); null: roles choose. */
  fixedDate: string | null;
}

export interface TableInfo {
  file: string;
  /** What the file is in its format: "wide", "campaign_spend", "conversions", ... */
  part: string;
  delimiter: string;
  header: string[];
  rows: number;
  /** First and last date (ISO) where the reader keyed rows by date. */
  first?: string;
  last?: string;
  /** Cadence of the file's dates, where the reader keyed rows by date. */
  grain?: 'day' | 'week';
}

export interface Passthrough {
  file: string;
  kind: 'incrementality_results';
  text: string;
  json: unknown;
}

export interface ParsedInput {
  format: InputFormat;
  /** Why this format was chosen, in words. */
  formatReason: string;
  /** A label for the dataset, from the file names. */
  name: string;
  tables: TableInfo[];
  frame: Frame;
  /** File-level problems; cell problems live on the columns until roles say which matter. */
  report: UserError[];
  /** Files handed on untouched (the workspace's lift tests, for the calibration step). */
  passthrough: Passthrough[];
}

export interface ColumnRole {
  column: string;
  role: RoleName;
  /** For channel columns: the channel they belong to and what they measure. */
  channel?: string;
  measure?: Measure;
  /** For controls: how days are summed up into weeks (default: max for 0/1 columns, else mean). */
  aggregate?: ControlAggregate;
  /** Why this role was proposed (shown in the UI; "set by you" after an edit). */
  reason: string;
}

export interface RoleAssignment {
  columns: ColumnRole[];
}

export interface BuildOptions {
  /** Output grain: weeks (default) or days (only for data spanning 2+ years). */
  grain?: 'week' | 'day';
  /** Weeks at either end that the daily data covers only in part (default 'drop'). */
  partialWeeks?: 'drop' | 'keep';
  /** Force the order of a/b/yyyy dates when the column does not decide it. */
  dateOrder?: 'dmy' | 'mdy';
  /** Add a trend control t = 0..T-1 named "trend". */
  trend?: boolean;
  /** Quarterly Fourier order (0 = none): controls q_sin_k, q_cos_k. */
  quarterlyOrder?: number;
  /** Holiday dummies from the bundled calendar (see holidays.ts). */
  holidays?: { calendar: import('./holidays').HolidayCalendar; country: string; mode?: 'any' | 'each' };
  /** Dataset name (default: the parsed input's). */
  name?: string;
}

/** What buildDataset did, beyond the report, for the UI to explain. */
export interface BuildDetails {
  sourceGrain: 'day' | 'week';
  dateFormat: string;
  /** ISO dates of weeks dropped (or kept and flagged) because the data covers them in part. */
  partialWeeks: string[];
  /** Per output column: how days were combined into weeks. */
  aggregation: Record<string, ControlAggregate>;
  notes: string[];
}

export interface BuildResult {
  dataset?: Dataset;
  report: UserError[];
  details?: BuildDetails;
}
