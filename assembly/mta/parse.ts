// ChannelAttribution's path format, parsed on bytes in one pass per record: the same rules
// as the JavaScript reader (src/mta/parse-paths.ts, csv-scan.ts), which stays the reference.
// JS reads the header and configures the columns; then it writes the file into the input
// buffer (scan-input.ts) a piece at a time and calls parseChunk. Rows land in fixed-size chunk
// buffers that JS copies out after each call; when a buffer would overflow, parsing stops at
// a record boundary (status MORE) and resumes on the next call. Numbers beyond the exact fast
// path, and rows with errors, are reported with a copy of their text for JS to finish or explain.
import { internerInit } from './interner';
import { zalloc } from './mem';
import { inexact, numberInit, parseDecimal } from './number';
import * as I from './scan-input';
import * as P from './scan-path';
import * as S from './scan';

const QUOTE: u32 = 0x22;

export const STATUS_DONE: i32 = 0;
export const STATUS_MORE: i32 = 1;

export const ERR_FIELD_COUNT: i32 = 1;
export const ERR_QUOTE: i32 = 2;
export const ERR_NUMBER: i32 = 3;
export const ERR_EMPTY_PATH: i32 = 4;

/** Column codes in errors and fixups. */
export const COL_PATH: i32 = 0;
export const COL_CONV: i32 = 1;
export const COL_VALUE: i32 = 2;
export const COL_NULL: i32 = 3;

const ROW_CAP: i32 = 1 << 17;
const FIX_CAP: i32 = 1 << 14;
const ERR_CAP: i32 = 64;
export const TEXT: i32 = 64; // bytes of text kept per error / fixup
const ERR_STRIDE: i32 = 4; // code, row, column, text length (i32)

let colPath: i32 = 0;
let colConv: i32 = 1;
let colValue: i32 = -1;
let colNull: i32 = -1;
let needed: i32 = 2;
let nextRow: i32 = 2;

export let offsets: usize = 0;
export let conv: usize = 0;
export let value: usize = 0;
export let nulls: usize = 0;
export let nRows: i32 = 0;
export let fixups: usize = 0; // (row in chunk, column, text length, sheet row) i32 x 4, text in fixText
export let fixText: usize = 0;
export let nFix: i32 = 0;
export let errors: usize = 0;
export let errText: usize = 0;
export let nErr: i32 = 0;
export let errTotal: i32 = 0;

export function parseBegin(delimiter: i32, sepPtr: usize, sepBytes: i32, cPath: i32, cConv: i32, cValue: i32, cNull: i32, firstRow: i32): void {
  internerInit();
  numberInit();
  S.scanConfigure(<u32>delimiter, sepPtr, sepBytes, cPath);
  colPath = cPath;
  colConv = cConv;
  colValue = cValue;
  colNull = cNull;
  needed = max(max(cPath, cConv), max(cValue, cNull)) + 1;
  nextRow = firstRow;
  if (offsets == 0) {
    offsets = zalloc(<usize>(ROW_CAP + 1) << 2);
    conv = zalloc(<usize>ROW_CAP << 3);
    value = zalloc(<usize>ROW_CAP << 3);
    nulls = zalloc(<usize>ROW_CAP << 3);
    fixups = zalloc(<usize>FIX_CAP * 16);
    fixText = zalloc(<usize>FIX_CAP * TEXT);
    errors = zalloc(<usize>ERR_CAP * ERR_STRIDE * 4);
    errText = zalloc(<usize>ERR_CAP * TEXT);
  }
}

export function parseInput(len: i32): usize {
  return I.scanInput(len);
}

function fs(i: i32): i32 {
  return S.fieldStart(i);
}

function fe(i: i32): i32 {
  return S.fieldEnd(i);
}

function number(s: i32, e: i32): f64 {
  return parseDecimal(I.input, s, e);
}

/** Copies up to TEXT bytes of a field, collapsing "" when the field was quoted. */
function copyText(dst: usize, s: i32, e: i32, quoted: bool): i32 {
  let n = 0;
  for (let p = s; p < e && n < TEXT; p++) {
    const b = load<u8>(I.input + <usize>p);
    store<u8>(dst + <usize>(n++), b);
    if (quoted && <u32>b == QUOTE && p + 1 < e && <u32>load<u8>(I.input + <usize>(p + 1)) == QUOTE) p++;
  }
  return n;
}

function rowError(code: i32, row: i32, column: i32, s: i32, e: i32): void {
  errTotal++;
  if (nErr >= ERR_CAP) return;
  const p = errors + <usize>(nErr * ERR_STRIDE * 4);
  store<i32>(p, code);
  store<i32>(p + 4, row);
  store<i32>(p + 8, column);
  const quoted = code == ERR_NUMBER && S.fieldQuoted(fieldOf(column));
  store<i32>(p + 12, s < e ? copyText(errText + <usize>(nErr * TEXT), s, e, quoted) : 0);
  nErr++;
}

/** Field index of a column code. */
function fieldOf(column: i32): i32 {
  return column == COL_CONV ? colConv : column == COL_VALUE ? colValue : column == COL_NULL ? colNull : colPath;
}

// State at the start of the record being read, to roll back its pending touches.
let markEmpty: i32 = 0;
let markFirstEmpty: i32 = 0;

/** Drops the pending touches of the current record (and its empty-name count, unless kept). */
function discard(keepEmpty: bool): void {
  P.rollback(load<i32>(offsets + (<usize>nRows << 2)), keepEmpty, markEmpty, markFirstEmpty);
}

/** Handles one data record; false when the chunk buffers are full (retry the record later). */
function dataRecord(row: i32): bool {
  if (S.fCount == 1 && fs(0) == fe(0) && !S.fieldQuoted(0)) return true; // blank line
  if (S.unterminated) {
    discard(false);
    rowError(ERR_QUOTE, row, -1, 0, 0);
    return true;
  }
  if (S.fCount < needed) {
    discard(false);
    rowError(ERR_FIELD_COUNT, row, S.fCount, 0, 0); // the column slot carries the field count
    return true;
  }
  if (nRows >= ROW_CAP || nFix + 3 > FIX_CAP) {
    discard(false);
    return false;
  }
  // Same order as the JS reader: the first bad number, then the path.
  const c = number(fs(colConv), fe(colConv));
  const fixC = inexact;
  if (isNaN(c) || c < 0) {
    discard(false);
    rowError(ERR_NUMBER, row, COL_CONV, fs(colConv), fe(colConv));
    return true;
  }
  let v: f64 = 0;
  let fixV = false;
  if (colValue >= 0) {
    v = number(fs(colValue), fe(colValue));
    fixV = inexact;
    // Refused like a negative count: credit is shared in proportion to value (src/mta/parse-paths.ts).
    if (isNaN(v) || v < 0) {
      discard(false);
      rowError(ERR_NUMBER, row, COL_VALUE, fs(colValue), fe(colValue));
      return true;
    }
  }
  let u: f64 = 0;
  let fixU = false;
  if (colNull >= 0) {
    u = number(fs(colNull), fe(colNull));
    fixU = inexact;
    if (isNaN(u) || u < 0) {
      discard(false);
      rowError(ERR_NUMBER, row, COL_NULL, fs(colNull), fe(colNull));
      return true;
    }
  }
  const k = S.pathScanned ? P.nTouches - load<i32>(offsets + (<usize>nRows << 2)) : P.path(fs(colPath), fe(colPath), S.fieldQuoted(colPath));
  if (k < 0) return P.fatal != 0; // fatal stops everything; an overflow retries the record
  if (k == 0) {
    discard(true);
    rowError(ERR_EMPTY_PATH, row, COL_PATH, 0, 0);
    return true;
  }
  store<f64>(conv + (<usize>nRows << 3), c);
  store<f64>(value + (<usize>nRows << 3), v);
  store<f64>(nulls + (<usize>nRows << 3), u);
  if (fixC) fixup(COL_CONV, fs(colConv), fe(colConv), row);
  if (fixV) fixup(COL_VALUE, fs(colValue), fe(colValue), row);
  if (fixU) fixup(COL_NULL, fs(colNull), fe(colNull), row);
  nRows++;
  store<i32>(offsets + (<usize>nRows << 2), P.nTouches);
  return true;
}

function fixup(column: i32, s: i32, e: i32, row: i32): void {
  const p = fixups + <usize>(nFix * 16);
  store<i32>(p, nRows);
  store<i32>(p + 4, column);
  // A number longer than TEXT bytes is cut; JS then reports it as not a number.
  store<i32>(p + 8, e - s > TEXT ? -1 : copyText(fixText + <usize>(nFix * TEXT), s, e, S.fieldQuoted(fieldOf(column))));
  store<i32>(p + 12, row);
  nFix++;
}

let status: i32 = STATUS_DONE;

/**
 * Parses the carried bytes plus `len` new ones. Returns the status (DONE, or MORE when the
 * chunk buffers filled up: call again with len 0), or -code after a fatal error.
 */
export function parseChunk(len: i32, final: i32): i32 {
  const n = I.carry + len;
  nRows = 0;
  P.resetTouches();
  nFix = 0;
  nErr = 0;
  store<i32>(offsets, 0);
  let pos = 0;
  status = STATUS_DONE;
  while (pos < n) {
    markEmpty = P.emptyTokens;
    markFirstEmpty = P.firstEmptyRow;
    const next = S.record(pos, n, final != 0, nextRow);
    if (next < 0) {
      if (P.fatal != 0) return -P.fatal;
      discard(false);
      if (next == -2) status = STATUS_MORE;
      break;
    }
    if (!dataRecord(nextRow)) {
      status = STATUS_MORE;
      break;
    }
    if (P.fatal != 0) return -P.fatal;
    nextRow++;
    pos = next;
  }
  I.keepCarry(pos, n);
  return status;
}

