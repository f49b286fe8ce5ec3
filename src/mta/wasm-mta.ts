// The only TypeScript module that does pointer arithmetic on the MTA WASM module
// (assembly/mta/index.ts). One MtaWasm wraps one instance, which serves one analysis: the
// module runs on a never-freeing bump allocator, so an instance is dropped when done.
// The boundary is crossed once per phase: a piece of the file, the table, one call per model.
// Memory grows on allocation and growth detaches views, so every view is made right before
// it is read and copied out at once.
import { LENGTH_BINS } from './summary';

export interface MtaExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  channelTotal(): number;
  channelNamePtr(id: number): number;
  channelNameLen(id: number): number;
  parseBegin(delimiter: number, sepPtr: number, sepLen: number, cPath: number, cConv: number, cValue: number, cNull: number, firstRow: number): void;
  parseInput(len: number): number;
  /** 0 = done, 1 = buffers full (call again with 0 bytes), negative = fatal error code. */
  parseChunk(len: number, final: number): number;
  chunkRows(): number;
  chunkTouchCount(): number;
  chunkTouches(): number;
  chunkOffsets(): number;
  chunkConversions(): number;
  chunkValue(): number;
  chunkNulls(): number;
  chunkFixupCount(): number;
  chunkFixups(): number;
  chunkFixupText(): number;
  chunkErrorCount(): number;
  chunkErrors(): number;
  chunkErrorText(): number;
  parseErrorTotal(): number;
  parseFatalRow(): number;
  parseEmptyTokens(): number;
  parseFirstEmptyRow(): number;
  textCap(): number;
  tableAlloc(rows: number, touches: number, channels: number, timed: number): void;
  tableTouches(): number;
  tableOffsets(): number;
  tableConversions(): number;
  tableValue(): number;
  tableNulls(): number;
  tableTime(): number;
  heuristicsRun(halfLife: number, useDays: number, wFirst: number, wLast: number): number;
  shapleySimplifiedRun(): number;
  shapleyFullRun(): number;
  shapleyFullObserved(): number;
  chainBuild(order: number, merge: number): number;
  chainCodes(): number;
  chainStart(): number;
  chainEdges(): number;
  chainConversions(): number;
  chainNulls(): number;
  chainValue(): number;
  markovSolve(): number;
  markovPConversion(): number;
  markovExpectedValue(): number;
  markovSweeps(): number;
  markovResidual(): number;
  summaryRun(top: number): number;
  summaryLengths(): number;
  summaryMeanTouches(): number;
  summaryTopRows(): number;
  summaryTopJourneys(): number;
  summaryTopConversions(): number;
  summaryTopValue(): number;
}

/** Largest piece of input handed to the parser at once (bounds the module's input buffer). */
export const PIECE_BYTES = 4 << 20;

/** Error codes of assembly/mta/parse.ts. */
export const WASM_ERR = { fieldCount: 1, quote: 2, number: 3, emptyPath: 4, tooManyChannels: 5, nameTooLong: 6 } as const;
/** Column codes of assembly/mta/parse.ts. */
export const WASM_COLUMN = ['path', 'total_conversions', 'total_conversion_value', 'total_null'] as const;

export interface ChunkOutput {
  rows: number;
  touches: Uint16Array;
  /** rows + 1 offsets, local to this chunk. */
  offsets: Uint32Array;
  conversions: Float64Array;
  value: Float64Array;
  nulls: Float64Array;
  /** Numbers the fast path left to JS: row (in this chunk), column code, text, spreadsheet row. */
  fixups: Array<{ row: number; column: number; text: string | null; sheetRow: number }>;
  errors: Array<{ code: number; row: number; column: number; text: string }>;
}

export interface ParsePieceResult {
  chunks: ChunkOutput[];
  /** Negative fatal code, 0 otherwise. */
  fatal: number;
  /** The buffers filled up without a single row: one record is larger than they are. */
  stuck: boolean;
}

export interface ChainCounts {
  states: number;
  codes: Int32Array;
  start: Float64Array;
  edges: Float64Array;
  conversions: Float64Array;
  nulls: Float64Array;
  value: Float64Array;
}

const decoder = new TextDecoder('utf-8');

export class MtaWasm {
  readonly exports: MtaExports;
  private channelsRead = 0;
  private names: string[] = [];

  private constructor(instance: WebAssembly.Instance) {
    this.exports = instance.exports as unknown as MtaExports;
  }

  static create(module: WebAssembly.Module): MtaWasm {
    return new MtaWasm(new WebAssembly.Instance(module, {}));
  }

  private get buffer(): ArrayBuffer {
    return this.exports.memory.buffer;
  }

  private f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.buffer, ptr, n).slice();
  }

  private text(ptr: number, n: number): string {
    return decoder.decode(new Uint8Array(this.buffer, ptr, n));
  }

  // ---- parsing -------------------------------------------------------------------------

  parseBegin(delimiter: string, separator: Uint8Array, cols: { path: number; conversions: number; value: number; nulls: number }, firstRow: number): void {
    const e = this.exports;
    const sep = e.alloc(Math.max(1, separator.length));
    new Uint8Array(this.buffer, sep, separator.length).set(separator);
    e.parseBegin(delimiter.charCodeAt(0), sep, separator.length, cols.path, cols.conversions, cols.value, cols.nulls, firstRow);
  }

  /** Feeds bytes (any length; split into pieces here) and collects every chunk they produce. */
  parse(bytes: Uint8Array, final: boolean): ParsePieceResult {
    const out: ParsePieceResult = { chunks: [], fatal: 0, stuck: false };
    let p = 0;
    do {
      const len = Math.min(PIECE_BYTES, bytes.length - p);
      const ptr = this.exports.parseInput(len);
      new Uint8Array(this.buffer, ptr, len).set(bytes.subarray(p, p + len));
      p += len;
      const last = final && p === bytes.length;
      let status = this.exports.parseChunk(len, last ? 1 : 0);
      for (;;) {
        if (status < 0) {
          out.fatal = status;
          return out;
        }
        const chunk = this.readChunk();
        if (status === 1 && chunk.rows === 0 && chunk.errors.length === 0) {
          out.stuck = true;
          return out;
        }
        out.chunks.push(chunk);
        if (status !== 1) break;
        status = this.exports.parseChunk(0, last ? 1 : 0);
      }
    } while (p < bytes.length);
    return out;
  }

  private readChunk(): ChunkOutput {
    const e = this.exports;
    const rows = e.chunkRows();
    const nt = e.chunkTouchCount();
    const nf = e.chunkFixupCount();
    const ne = e.chunkErrorCount();
    const cap = e.textCap();
    const fix = new Int32Array(this.buffer, e.chunkFixups(), nf * 4);
    const fixText = e.chunkFixupText();
    const fixups = [];
    for (let i = 0; i < nf; i++) {
      const len = fix[i * 4 + 2];
      fixups.push({ row: fix[i * 4], column: fix[i * 4 + 1], text: len < 0 ? null : this.text(fixText + i * cap, len), sheetRow: fix[i * 4 + 3] });
    }
    const err = new Int32Array(this.buffer, e.chunkErrors(), ne * 4);
    const errText = e.chunkErrorText();
    const errors = [];
    for (let i = 0; i < ne; i++) {
      errors.push({ code: err[i * 4], row: err[i * 4 + 1], column: err[i * 4 + 2], text: this.text(errText + i * cap, err[i * 4 + 3]) });
    }
    return {
      rows,
      touches: new Uint16Array(this.buffer, e.chunkTouches(), nt).slice(),
      offsets: new Uint32Array(this.buffer, e.chunkOffsets(), rows + 1).slice(),
      conversions: this.f64(e.chunkConversions(), rows),
      value: this.f64(e.chunkValue(), rows),
      nulls: this.f64(e.chunkNulls(), rows),
      fixups,
      errors,
    };
  }

  /** Names of every channel seen so far, by id. */
  channelNames(): string[] {
    const total = this.exports.channelTotal();
    for (let id = this.channelsRead; id < total; id++) this.names.push(this.text(this.exports.channelNamePtr(id), this.exports.channelNameLen(id)));
    this.channelsRead = total;
    return this.names;
  }

  parseStats(): { errorTotal: number; emptyTokens: number; firstEmptyRow: number; fatalRow: number } {
    const e = this.exports;
    return { errorTotal: e.parseErrorTotal(), emptyTokens: e.parseEmptyTokens(), firstEmptyRow: e.parseFirstEmptyRow(), fatalRow: e.parseFatalRow() };
  }

  // ---- the table and the kernels ---------------------------------------------------------

  loadTable(t: { touches: Uint16Array; offsets: Uint32Array; conversions: Float64Array; value: Float64Array; nulls: Float64Array; touchTime?: Float64Array; channels: string[] }): void {
    const e = this.exports;
    const rows = t.conversions.length;
    e.tableAlloc(rows, t.touches.length, t.channels.length, t.touchTime ? 1 : 0);
    const b = this.buffer;
    new Uint16Array(b, e.tableTouches(), t.touches.length).set(t.touches);
    new Uint32Array(b, e.tableOffsets(), rows + 1).set(t.offsets);
    new Float64Array(b, e.tableConversions(), rows).set(t.conversions);
    new Float64Array(b, e.tableValue(), rows).set(t.value);
    new Float64Array(b, e.tableNulls(), rows).set(t.nulls);
    if (t.touchTime) new Float64Array(b, e.tableTime(), t.touches.length).set(t.touchTime);
  }

  /**
   * Overwrites the loaded table's per-row counts in place (same rows and touches): the
   * bootstrap's replicates differ only in these, so the table is not copied in again.
   */
  setCounts(conversions: Float64Array, value: Float64Array, nulls: Float64Array): void {
    const e = this.exports;
    const b = this.buffer;
    new Float64Array(b, e.tableConversions(), conversions.length).set(conversions);
    new Float64Array(b, e.tableValue(), value.length).set(value);
    new Float64Array(b, e.tableNulls(), nulls.length).set(nulls);
  }

  /** Bytes of linear memory in use (the bump allocator only grows it). */
  memoryBytes(): number {
    return this.buffer.byteLength;
  }

  /** 5 models x (conversions, value) x n: first, last, linear, time decay, position based. */
  heuristics(n: number, halfLife: number, useDays: boolean, wFirst: number, wLast: number): Float64Array {
    return this.f64(this.exports.heuristicsRun(halfLife, useDays ? 1 : 0, wFirst, wLast), 10 * n);
  }

  shapleySimplified(n: number): Float64Array {
    return this.f64(this.exports.shapleySimplifiedRun(), 2 * n);
  }

  shapleyFull(n: number): { credit: Float64Array; observed: number } {
    const ptr = this.exports.shapleyFullRun();
    return { credit: this.f64(ptr, 2 * n), observed: this.exports.shapleyFullObserved() };
  }

  /** The chain's counts, or null when its code space is too large for the direct table. */
  chain(n: number, order: number, merge: boolean): ChainCounts | null {
    const e = this.exports;
    const S = e.chainBuild(order, merge ? 1 : 0);
    if (S < 0) return null;
    return {
      states: S,
      codes: new Int32Array(this.buffer, e.chainCodes(), S).slice(),
      start: this.f64(e.chainStart(), S),
      edges: this.f64(e.chainEdges(), S * n),
      conversions: this.f64(e.chainConversions(), S),
      nulls: this.f64(e.chainNulls(), S),
      value: this.f64(e.chainValue(), S),
    };
  }

  /** Removal effects of the chain built last: (conversions, value) x n, and the solve's figures. */
  markovSolve(n: number): { removal: Float64Array; pConversion: number; expectedValue: number; sweeps: number; residual: number } {
    const e = this.exports;
    const removal = this.f64(e.markovSolve(), 2 * n);
    return { removal, pConversion: e.markovPConversion(), expectedValue: e.markovExpectedValue(), sweeps: e.markovSweeps(), residual: e.markovResidual() };
  }

  summary(top: number): { lengths: Float64Array; meanTouches: number; rows: Int32Array; journeys: Float64Array; conversions: Float64Array; value: Float64Array } {
    const e = this.exports;
    const k = e.summaryRun(top);
    return {
      lengths: this.f64(e.summaryLengths(), LENGTH_BINS + 1),
      meanTouches: e.summaryMeanTouches(),
      rows: new Int32Array(this.buffer, e.summaryTopRows(), k).slice(),
      journeys: this.f64(e.summaryTopJourneys(), k),
      conversions: this.f64(e.summaryTopConversions(), k),
      value: this.f64(e.summaryTopValue(), k),
    };
  }
}
