// The path-format reader on the WASM parser (assembly/mta/parse.ts): same input rules, same
// outcome and messages as PathParser (parse-paths.ts), which stays the reference. JS reads
// the header line, the module reads every data row; the chunks it returns are joined here,
// and the few numbers its exact fast path leaves (exponents, over 15 digits) are read by JS.
import type { UserError } from '../core/types';
import { CsvScanner, type CsvRecord } from './csv-scan';
import { headerNames } from './columns';
import { parseNumber } from './parse-number';
import { PATH_PROBLEMS, numberProblem, pathColumns, type PathColumns, type PathParseOptions } from './parse-paths';
import { MAX_CHANNELS } from './table-builder';
import { ParseErrors } from './parse-errors';
import { MAX_REPORTED_ERRORS, type ParseOutcome, type PathTable } from './types';
import { WASM_COLUMN, WASM_ERR, type ChunkOutput, type MtaWasm } from './wasm-mta';

const enc = new TextEncoder();

/** A number the module handed back as text, read by the same rules as the TypeScript reader. */
function textNumber(text: string): number {
  const bytes = enc.encode(text);
  return parseNumber(bytes, 0, bytes.length);
}

export class WasmPathParser {
  private head: Uint8Array | null = new Uint8Array(0);
  private cols: PathColumns | null = null;
  private delimiter = '';
  private readonly chunks: ChunkOutput[] = [];
  private bytes = 0;
  /** Row errors arrive out of order across chunks: all are listed, then sorted and cut in finish(). */
  private readonly errs: ParseErrors;

  constructor(
    private readonly wasm: MtaWasm,
    private readonly options: PathParseOptions,
  ) {
    this.errs = new ParseErrors(options.file, Infinity);
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.errs.fatal) return;
    if (this.head) {
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      const eol = joined.indexOf(0x0a);
      if (eol < 0) {
        this.head = joined;
        return;
      }
      this.head = null;
      if (!this.header(joined.subarray(0, eol + 1))) return;
      chunk = joined.subarray(eol + 1);
    }
    this.feed(chunk, false);
  }

  finish(): ParseOutcome {
    if (this.head) {
      const rest = this.head;
      this.head = null;
      if (rest.length > 0 && this.header(rest)) this.feed(new Uint8Array(0), true);
    } else if (!this.errs.fatal) this.feed(new Uint8Array(0), true);
    if (!this.errs.fatal && !this.cols) this.errs.fail({ message: 'The file is empty.', hint: 'Choose a CSV with a header row: path;total_conversions;total_conversion_value;total_null.' });
    const table = this.errs.fatal ? null : this.join();
    const stats = this.wasm.parseStats();
    if (!this.errs.fatal) this.errs.count += stats.errorTotal;
    const rows = this.chunks.reduce((a, c) => a + c.rows, 0);
    if (!this.errs.fatal && rows === 0 && this.errs.count === 0) this.errs.fail({ message: 'The file has a header but no journeys.', row: 2 });
    const warnings: UserError[] = [];
    if (stats.emptyTokens > 0) {
      warnings.push({
        severity: 'warning',
        file: this.options.file,
        row: stats.firstEmptyRow,
        column: 'path',
        message: `${stats.emptyTokens} empty channel name(s) between separators were skipped (first at row ${stats.firstEmptyRow}).`,
      });
    }
    this.errs.list.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const ok = this.errs.count === 0 && table !== null;
    return {
      table: ok ? table : null,
      source: { file: this.options.file, format: 'paths', delimiter: this.delimiter, channelSeparator: this.options.channelSeparator ?? '>', rows: rows + this.errs.count, bytes: this.bytes },
      stats: { unattributedConversions: 0, unattributedValue: 0, touchesOutsideLookback: 0, journeysClosedByInactivity: 0 },
      errors: this.errs.list.slice(0, MAX_REPORTED_ERRORS),
      warnings,
      errorCount: this.errs.count,
    };
  }

  /** Reads the header line with the JS scanner and configures the module; false on failure. */
  private header(line: Uint8Array): boolean {
    const scanner = new CsvScanner(this.options.delimiter);
    let names: string[] = [];
    const take = (rec: CsvRecord) => {
      if (names.length === 0) names = headerNames(rec);
    };
    scanner.push(line, take);
    scanner.finish(take);
    this.delimiter = scanner.delimiter;
    if (names.length === 0) return true; // blank first line: finish() reports the empty file
    const cols = pathColumns(names);
    if ('message' in cols) {
      this.errs.fail({ row: 1, ...cols });
      return false;
    }
    this.cols = cols;
    this.wasm.parseBegin(this.delimiter, enc.encode(this.options.channelSeparator ?? '>'), cols, 2);
    return true;
  }

  private feed(bytes: Uint8Array, final: boolean): void {
    if (!this.cols) return;
    const r = this.wasm.parse(bytes, final);
    for (const c of r.chunks) {
      this.fixChunk(c);
      for (const e of c.errors) this.chunkError(e);
      this.chunks.push(c);
    }
    if (r.fatal < 0) {
      const row = this.wasm.parseStats().fatalRow;
      if (-r.fatal === WASM_ERR.tooManyChannels) this.errs.fail({ row, column: 'path', ...PATH_PROBLEMS.tooManyChannels(MAX_CHANNELS) });
      else this.errs.fail({ row, column: 'path', message: 'A channel name is longer than 1,024 bytes.', hint: 'Check the channel separator; the path may not have been split.' });
    } else if (r.stuck) {
      this.errs.fail({ message: 'A row holds more than a million touches.', hint: 'Check the channel separator and the line endings.' });
    }
  }

  private fixChunk(c: ChunkOutput): void {
    for (const f of c.fixups) {
      const column = WASM_COLUMN[f.column];
      const v = f.text === null ? NaN : textNumber(f.text);
      const problem = numberProblem(v, f.text ?? '(over 64 characters)', column);
      if (problem) {
        this.errs.row(f.sheetRow, column, problem);
        continue;
      }
      const target = f.column === 1 ? c.conversions : f.column === 2 ? c.value : c.nulls;
      target[f.row] = v;
    }
  }

  private chunkError(e: ChunkOutput['errors'][number]): void {
    // Counted through parseStats().errorTotal; listed here.
    const problem =
      e.code === WASM_ERR.fieldCount
        ? PATH_PROBLEMS.fieldCount(e.column, this.cols!.needed, this.delimiter)
        : e.code === WASM_ERR.quote
          ? PATH_PROBLEMS.quote()
          : e.code === WASM_ERR.number
            ? (numberProblem(textNumber(e.text), e.text, WASM_COLUMN[e.column]) ?? PATH_PROBLEMS.number(e.text, WASM_COLUMN[e.column]))
            : PATH_PROBLEMS.emptyPath();
    const column = e.code === WASM_ERR.number || e.code === WASM_ERR.emptyPath ? WASM_COLUMN[e.column] : undefined;
    if (this.errs.list.length < 4 * MAX_REPORTED_ERRORS) this.errs.list.push({ severity: 'error', file: this.options.file, row: e.row, column, ...problem });
  }

  private join(): PathTable | null {
    if (!this.cols) return null;
    let rows = 0;
    let touches = 0;
    for (const c of this.chunks) {
      rows += c.rows;
      touches += c.touches.length;
    }
    const t: PathTable = {
      channels: [...this.wasm.channelNames()],
      touches: new Uint16Array(touches),
      offsets: new Uint32Array(rows + 1),
      conversions: new Float64Array(rows),
      value: new Float64Array(rows),
      nulls: new Float64Array(rows),
      hasValue: this.cols.value >= 0,
      hasNulls: this.cols.nulls >= 0,
    };
    let r = 0;
    let k = 0;
    for (const c of this.chunks) {
      t.touches.set(c.touches, k);
      for (let i = 1; i <= c.rows; i++) t.offsets[r + i] = k + c.offsets[i];
      t.conversions.set(c.conversions, r);
      t.value.set(c.value, r);
      t.nulls.set(c.nulls, r);
      r += c.rows;
      k += c.touches.length;
    }
    return t;
  }
}
