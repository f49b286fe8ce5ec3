// Reads ChannelAttribution's path format, streaming:
//   path;total_conversions;total_conversion_value;total_null
//   eta > iota > alpha > eta;1;0.244;3
// The field delimiter is detected from the header (csv-scan.ts); the channel separator is
// '>' unless given, and spaces around a channel name are trimmed, as ChannelAttribution's
// parser does. `total_conversion_value` and `total_null` are optional.
import type { UserError } from '../core/types';
import { CsvScanner, fieldText, type CsvRecord } from './csv-scan';
import { PATH_COLUMNS, findColumn, headerNames } from './columns';
import { ByteInterner } from './interner';
import { parseNumber } from './parse-number';
import { MAX_CHANNELS, TableBuilder } from './table-builder';
import type { ParseOutcome } from './types';
import { ParseErrors } from './parse-errors';

export interface PathParseOptions {
  file: string;
  /** Field delimiter; detected from the header when omitted. */
  delimiter?: string;
  /** Channel separator inside a path (default '>'). */
  channelSeparator?: string;
  /** File size, if known, to size the arrays once. */
  expectedBytes?: number;
}

export interface PathColumns {
  path: number;
  conversions: number;
  value: number;
  nulls: number;
  needed: number;
}

type Problem = { message: string; hint: string };

/** Row problems, worded once for both readers (this one and the WASM one). */
export const PATH_PROBLEMS = {
  fieldCount: (count: number, needed: number, delimiter: string): Problem => ({
    message: `Row has ${count} field(s); the header has at least ${needed}.`,
    hint: `Check the delimiter ('${delimiter}') and quoting on this row.`,
  }),
  quote: (): Problem => ({ message: 'A quote opened on this row is never closed.', hint: 'Close the quote or remove it.' }),
  number: (text: string, column: string): Problem => ({
    message: `"${text}" is not ${column === 'total_conversion_value' ? 'a number' : 'a non-negative number'}.`,
    hint: 'Fix or delete this row.',
  }),
  /**
   * A negative count or value, refused as the event reader refuses a negative conversion
   * value (parse-events.ts): credit is shared out in proportion to these, so a negative one
   * would take credit away from the channels on its path.
   */
  negative: (text: string, column: string): Problem => ({
    message: `${column} is ${text.trim()}, a negative number.`,
    hint:
      column === 'total_conversion_value'
        ? 'A path is credited with its value, so it must be 0 or more. If the row holds refunds or returns, net them into the sales of the same path (or leave the row out); if the minus sign is an export error, remove it.'
        : `${column} counts journeys, so it must be 0 or more; fix the count or delete this row.`,
  }),
  emptyPath: (): Problem => ({ message: 'The path is empty.', hint: 'Every row needs at least one channel, e.g. "search > email".' }),
  tooManyChannels: (max: number): Problem => ({ message: `More than ${max} distinct channels.`, hint: 'Group channels before attributing.' }),
};

/** Maps header names to columns, or says what is missing. */
export function pathColumns(names: string[]): PathColumns | Problem {
  const path = findColumn(names, PATH_COLUMNS.path);
  const conversions = findColumn(names, PATH_COLUMNS.conversions);
  if (path < 0 || conversions < 0) {
    const missing = [path < 0 ? 'path' : '', conversions < 0 ? 'total_conversions' : ''].filter(Boolean).join(' and ');
    return {
      message: `No ${missing} column in the header (found: ${names.join(', ') || 'nothing'}).`,
      hint: 'Path files need columns path;total_conversions (optional total_conversion_value, total_null). For user-level events choose the event format.',
    };
  }
  const value = findColumn(names, PATH_COLUMNS.value);
  const nulls = findColumn(names, PATH_COLUMNS.nulls);
  return { path, conversions, value, nulls, needed: Math.max(path, conversions, value, nulls) + 1 };
}

/**
 * What is wrong with a number read for a column, or null when it is valid: every column
 * (counts and value alike) holds a finite number that is 0 or more.
 */
export function numberProblem(v: number, text: string, column: string): Problem | null {
  if (!Number.isFinite(v)) return PATH_PROBLEMS.number(text, column);
  return v < 0 ? PATH_PROBLEMS.negative(text, column) : null;
}

export class PathParser {
  private readonly scanner: CsvScanner;
  private readonly channels = new ByteInterner(true, 256);
  private readonly builder: TableBuilder;
  private readonly sep: Uint8Array;
  private cols: PathColumns | null = null;
  private rows = 0;
  private emptyTokens = 0;
  private firstEmptyTokenRow = 0;
  private scratch = new Uint8Array(256);
  readonly warnings: UserError[] = [];
  private readonly errs: ParseErrors;
  private readonly onRecord = (rec: CsvRecord) => this.record(rec);

  constructor(private readonly options: PathParseOptions) {
    this.scanner = new CsvScanner(options.delimiter);
    this.errs = new ParseErrors(options.file);
    this.sep = new TextEncoder().encode(options.channelSeparator ?? '>');
    // PathData averages ~51 bytes and ~6 touches per row.
    const bytes = options.expectedBytes ?? 0;
    this.builder = new TableBuilder(bytes / 40, bytes / 6);
  }

  push(chunk: Uint8Array): void {
    if (!this.errs.fatal) this.scanner.push(chunk, this.onRecord);
  }

  finish(): ParseOutcome {
    if (!this.errs.fatal) this.scanner.finish(this.onRecord);
    if (!this.errs.fatal && !this.cols) this.errs.fail({ message: 'The file is empty.', hint: 'Choose a CSV with a header row: path;total_conversions;total_conversion_value;total_null.' });
    if (!this.errs.fatal && this.builder.rows === 0 && this.errs.count === 0) {
      this.errs.fail({ message: 'The file has a header but no journeys.', row: 2 });
    }
    if (this.emptyTokens > 0) {
      this.warnings.push({
        severity: 'warning',
        file: this.options.file,
        row: this.firstEmptyTokenRow,
        column: 'path',
        message: `${this.emptyTokens} empty channel name(s) between separators were skipped (first at row ${this.firstEmptyTokenRow}).`,
      });
    }
    const ok = this.errs.count === 0;
    return {
      table: ok ? this.builder.build(this.channels.names, this.cols!.value >= 0, this.cols!.nulls >= 0) : null,
      source: {
        file: this.options.file,
        format: 'paths',
        delimiter: this.scanner.delimiter,
        channelSeparator: this.options.channelSeparator ?? '>',
        rows: this.rows,
        bytes: this.scanner.bytesSeen,
      },
      stats: { unattributedConversions: 0, unattributedValue: 0, touchesOutsideLookback: 0, journeysClosedByInactivity: 0 },
      errors: this.errs.list,
      warnings: this.warnings,
      errorCount: this.errs.count,
    };
  }

  private record(rec: CsvRecord): void {
    if (this.errs.fatal) return;
    if (!this.cols) {
      this.header(rec);
      return;
    }
    this.rows++;
    const c = this.cols;
    if (rec.unterminatedQuote) {
      this.rowError(rec.row, undefined, PATH_PROBLEMS.quote());
      return;
    }
    if (rec.count < c.needed) {
      this.rowError(rec.row, undefined, PATH_PROBLEMS.fieldCount(rec.count, c.needed, this.scanner.delimiter));
      return;
    }
    // One error per row: the first bad number is reported.
    const conv = this.number(rec, c.conversions, 'total_conversions');
    if (Number.isNaN(conv)) return;
    const value = c.value >= 0 ? this.number(rec, c.value, 'total_conversion_value') : 0;
    if (Number.isNaN(value)) return;
    const nulls = c.nulls >= 0 ? this.number(rec, c.nulls, 'total_null') : 0;
    if (Number.isNaN(nulls)) return;
    if (!this.path(rec, c.path)) return;
    this.builder.endRow(conv, value, nulls);
  }

  private header(rec: CsvRecord): void {
    const cols = pathColumns(headerNames(rec));
    if ('message' in cols) this.errs.fail({ row: 1, ...cols });
    else this.cols = cols;
  }

  /** A finite number that is 0 or more; NaN after reporting. */
  private number(rec: CsvRecord, i: number, column: string): number {
    const v = parseNumber(rec.buf, rec.starts[i], rec.ends[i]);
    const problem = numberProblem(v, fieldText(rec, i), column);
    if (!problem) return v;
    this.rowError(rec.row, column, problem);
    return NaN;
  }

  /** Splits the path field into touches of the open row; false (after reporting) when it has none. */
  private path(rec: CsvRecord, i: number): boolean {
    let buf = rec.buf;
    let s = rec.starts[i];
    let e = rec.ends[i];
    if (rec.quoted[i]) [buf, s, e] = this.unescape(buf, s, e);
    const sep = this.sep;
    const sep0 = sep[0];
    const sepLen = sep.length;
    let tokenStart = s;
    let p = s;
    while (p <= e) {
      const atSep = p < e && buf[p] === sep0 && (sepLen === 1 || this.matches(buf, p, e));
      if (p === e || atSep) {
        let a = tokenStart;
        let b = p;
        while (a < b && (buf[a] === 0x20 || buf[a] === 0x09)) a++;
        while (b > a && (buf[b - 1] === 0x20 || buf[b - 1] === 0x09)) b--;
        if (b > a) {
          const id = this.channels.lookup(buf, a, b);
          if (id >= MAX_CHANNELS) {
            this.errs.fail({ row: rec.row, column: 'path', ...PATH_PROBLEMS.tooManyChannels(MAX_CHANNELS) });
            return false;
          }
          this.builder.addTouch(id);
        } else if (p < e || tokenStart > s) {
          if (this.emptyTokens++ === 0) this.firstEmptyTokenRow = rec.row;
        }
        p += atSep ? sepLen : 1;
        tokenStart = p;
      } else p++;
    }
    if (this.builder.openTouches === 0) {
      this.builder.discardOpenRow();
      this.rowError(rec.row, 'path', PATH_PROBLEMS.emptyPath());
      return false;
    }
    return true;
  }

  private matches(buf: Uint8Array, p: number, e: number): boolean {
    const sep = this.sep;
    if (p + sep.length > e) return false;
    for (let k = 1; k < sep.length; k++) if (buf[p + k] !== sep[k]) return false;
    return true;
  }

  /** Copies a quoted field with "" collapsed into a scratch buffer. */
  private unescape(buf: Uint8Array, s: number, e: number): [Uint8Array, number, number] {
    if (this.scratch.length < e - s) this.scratch = new Uint8Array((e - s) * 2);
    let n = 0;
    for (let p = s; p < e; p++) {
      this.scratch[n++] = buf[p];
      if (buf[p] === 0x22 && p + 1 < e && buf[p + 1] === 0x22) p++;
    }
    return [this.scratch, 0, n];
  }

  private rowError(row: number, column: string | undefined, problem: Problem): void {
    this.builder.discardOpenRow();
    this.errs.row(row, column, problem);
  }
}

/** Parses a whole path file held in memory (the CLI, tests). */
export function parsePathBytes(bytes: Uint8Array, options: PathParseOptions): ParseOutcome {
  const p = new PathParser({ expectedBytes: bytes.length, ...options });
  p.push(bytes);
  return p.finish();
}
