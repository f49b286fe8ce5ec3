// ChannelAttribution's path format, parsed on bytes in one pass per record: the same rules
// as the JavaScript reader (src/mta/parse-paths.ts, csv-scan.ts), which stays the reference.
// JS reads the header and configures the columns; then it writes the file into `input` a
// piece at a time and calls parseChunk. Rows land in fixed-size chunk buffers that JS copies
// out after each call; when a buffer would overflow, parsing stops at a record boundary
// (status MORE) and resumes on the next call. Numbers beyond the exact fast path, and rows
// with errors, are reported with a copy of their text for JS to finish or explain.
import { MAX_CHANNELS, MAX_NAME, intern, internerInit } from './interner';
import { zalloc } from './mem';

const QUOTE: u32 = 0x22;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;

export const STATUS_DONE: i32 = 0;
export const STATUS_MORE: i32 = 1;

export const ERR_FIELD_COUNT: i32 = 1;
export const ERR_QUOTE: i32 = 2;
export const ERR_NUMBER: i32 = 3;
export const ERR_EMPTY_PATH: i32 = 4;
export const FATAL_CHANNELS: i32 = 5;
export const FATAL_NAME: i32 = 6;

/** Column codes in errors and fixups. */
export const COL_PATH: i32 = 0;
export const COL_CONV: i32 = 1;
export const COL_VALUE: i32 = 2;
export const COL_NULL: i32 = 3;

const ROW_CAP: i32 = 1 << 17;
const TOUCH_CAP: i32 = 1 << 20;
const FIX_CAP: i32 = 1 << 14;
const ERR_CAP: i32 = 64;
const TEXT: i32 = 64; // bytes of text kept per error / fixup
const ERR_STRIDE: i32 = 4; // code, row, column, text length (i32)

// Configuration.
let delim: u32 = 0x3b;
let sep: usize = 0;
let sepLen: i32 = 1;
let colPath: i32 = 0;
let colConv: i32 = 1;
let colValue: i32 = -1;
let colNull: i32 = -1;
let needed: i32 = 2;
let nextRow: i32 = 2;

// Input.
let input: usize = 0;
let inputCap: i32 = 0;
let carry: i32 = 0;

// Fields of the record being read.
let fStart: usize = 0;
let fEnd: usize = 0;
let fQuoted: usize = 0;
let fCap: i32 = 0;
let fCount: i32 = 0;
let unterminated: bool = false;

// Chunk outputs.
let touches: usize = 0;
let offsets: usize = 0;
let conv: usize = 0;
let value: usize = 0;
let nulls: usize = 0;
let nRows: i32 = 0;
let nTouches: i32 = 0;
let fixups: usize = 0; // (row in chunk, column, text length, sheet row) i32 x 4, text in fixText
let fixText: usize = 0;
let nFix: i32 = 0;
let errors: usize = 0;
let errText: usize = 0;
let nErr: i32 = 0;
let errTotal: i32 = 0;
let status: i32 = STATUS_DONE;
let fatal: i32 = 0;
let fatalRow: i32 = 0;
let emptyTokens: i32 = 0;
let firstEmptyRow: i32 = 0;
let scratch: usize = 0;
let scratchCap: i32 = 0;
let pow10: usize = 0;

export function parseBegin(delimiter: i32, sepPtr: usize, sepBytes: i32, cPath: i32, cConv: i32, cValue: i32, cNull: i32, firstRow: i32): void {
  internerInit();
  delim = <u32>delimiter;
  sep = heap.alloc(<usize>max(sepBytes, 1));
  memory.copy(sep, sepPtr, sepBytes);
  sepLen = sepBytes;
  colPath = cPath;
  colConv = cConv;
  colValue = cValue;
  colNull = cNull;
  needed = max(max(cPath, cConv), max(cValue, cNull)) + 1;
  nextRow = firstRow;
  if (touches == 0) {
    touches = zalloc(<usize>TOUCH_CAP << 1);
    offsets = zalloc(<usize>(ROW_CAP + 1) << 2);
    conv = zalloc(<usize>ROW_CAP << 3);
    value = zalloc(<usize>ROW_CAP << 3);
    nulls = zalloc(<usize>ROW_CAP << 3);
    fixups = zalloc(<usize>FIX_CAP * 16);
    fixText = zalloc(<usize>FIX_CAP * TEXT);
    errors = zalloc(<usize>ERR_CAP * ERR_STRIDE * 4);
    errText = zalloc(<usize>ERR_CAP * TEXT);
    growFields(64);
    pow10 = heap.alloc(23 << 3);
    let p: f64 = 1;
    for (let i = 0; i <= 22; i++) {
      store<f64>(pow10 + (<usize>i << 3), p); // 10^i, exact up to 10^22
      p *= 10;
    }
  }
}

/** Where JS writes the next `len` bytes (after the carried partial record). */
export function parseInput(len: i32): usize {
  if (carry + len > inputCap) {
    const cap = max(carry + len, inputCap * 2);
    const p = zalloc(<usize>cap + 32); // slack: names are read a word, bytes scanned 16, at a time
    if (carry > 0) memory.copy(p, input, carry);
    input = p;
    inputCap = cap;
  }
  return input + <usize>carry;
}

function growFields(cap: i32): void {
  const s = zalloc(<usize>cap << 2);
  const e = zalloc(<usize>cap << 2);
  const q = zalloc(<usize>cap);
  if (fCap > 0) {
    memory.copy(s, fStart, <usize>fCap << 2);
    memory.copy(e, fEnd, <usize>fCap << 2);
    memory.copy(q, fQuoted, fCap);
  }
  fStart = s;
  fEnd = e;
  fQuoted = q;
  fCap = cap;
}

function setField(i: i32, s: i32, e: i32, q: bool): void {
  if (i >= fCap) growFields(fCap * 2);
  store<i32>(fStart + (<usize>i << 2), s);
  store<i32>(fEnd + (<usize>i << 2), e);
  store<u8>(fQuoted + <usize>i, q ? 1 : 0);
}

/**
 * Reads one record at pos into the field arrays; an unquoted path field is split into touches
 * on the way (scanPath). Returns the position after the record, -1 if it is incomplete, or -2
 * when the touch buffer is full or a fatal error occurred.
 */
function record(pos: i32, n: i32, final: bool): i32 {
  let count = 0;
  unterminated = false;
  pathScanned = false;
  while (true) {
    let start = pos;
    let end: i32;
    let quoted = false;
    if (pos < n && <u32>load<u8>(input + <usize>pos) == QUOTE) {
      quoted = true;
      start = ++pos;
      while (true) {
        if (pos >= n) {
          if (!final) return -1;
          setField(count, start, n, true);
          fCount = count + 1;
          unterminated = true;
          return n;
        }
        if (<u32>load<u8>(input + <usize>pos) == QUOTE) {
          if (pos + 1 < n && <u32>load<u8>(input + <usize>(pos + 1)) == QUOTE) pos += 2;
          else if (pos + 1 >= n && !final) return -1;
          else break;
        } else pos++;
      }
      end = pos++;
      while (pos < n) {
        const b = <u32>load<u8>(input + <usize>pos);
        if (b == delim || b == LF || b == CR) break;
        pos++;
      }
    } else if (count == colPath) {
      pos = scanPath(pos, n, final);
      if (pos < 0) return pos;
      end = pos;
      pathScanned = true;
    } else {
      while (pos < n) {
        const b = <u32>load<u8>(input + <usize>pos);
        if (b == delim || b == LF || b == CR) break;
        pos++;
      }
      end = pos;
    }
    setField(count++, start, end, quoted);
    if (pos >= n) {
      if (!final) return -1;
      fCount = count;
      return n;
    }
    const b = <u32>load<u8>(input + <usize>pos);
    if (b == delim) {
      pos++;
      continue;
    }
    pos++;
    if (b == CR) {
      if (pos >= n && !final) return -1;
      if (pos < n && <u32>load<u8>(input + <usize>pos) == LF) pos++;
    }
    fCount = count;
    return pos;
  }
  return -1; // unreachable: the loop returns
}

/** Set by record() when it already split the path field into pending touches. */
let pathScanned = false;

/**
 * Scans an unquoted path field from pos, adding each channel as a pending touch of the row
 * being read, in a single pass over its bytes. Returns the field's end, -1 if the chunk ends
 * first (the caller rolls the pending touches back), -2 on a full buffer or a fatal error.
 */
function scanPath(pos: i32, n: i32, final: bool): i32 {
  const fieldStart = pos;
  const sep0 = <u32>load<u8>(sep);
  const vDelim = i8x16.splat(<i8>delim);
  const vLF = i8x16.splat(<i8>LF);
  const vCR = i8x16.splat(<i8>CR);
  const vSep = i8x16.splat(<i8>sep0);
  let tokenStart = pos;
  while (true) {
    // Next delimiter, line end or separator byte, 16 bytes at a time (the input has slack).
    let bits = 0;
    while (pos < n) {
      const v = v128.load(input + <usize>pos);
      const hit = v128.or(v128.or(i8x16.eq(v, vDelim), i8x16.eq(v, vSep)), v128.or(i8x16.eq(v, vLF), i8x16.eq(v, vCR)));
      bits = i8x16.bitmask(hit);
      if (bits != 0) break;
      pos += 16;
    }
    if (bits != 0) pos += ctz(bits);
    if (pos >= n) {
      if (!final) return -1;
      return token(tokenStart, n, fieldStart, false) ? n : -2;
    }
    const b = <u32>load<u8>(input + <usize>pos);
    if (b == delim || b == LF || b == CR) return token(tokenStart, pos, fieldStart, false) ? pos : -2;
    if (sepLen == 1 || (pos + sepLen <= n && memory.compare(input + <usize>pos, sep, sepLen) == 0)) {
      if (!token(tokenStart, pos, fieldStart, true)) return -2;
      pos += sepLen;
      tokenStart = pos;
    } else pos++;
  }
  return -1; // unreachable
}

// A direct-mapped cache of short names (up to 16 bytes, read as two words): a hit needs no
// hashing at all. Entries: word 0, word 1, length, id.
const CACHE: i32 = 256;
let cache: usize = 0;

function mask(w: u64, len: i32): u64 {
  return len >= 8 ? w : len <= 0 ? 0 : w & ((<u64>1 << (<u64>len << 3)) - 1);
}

function lookup(p: usize, len: i32): i32 {
  if (len > 16) return intern(p, len);
  if (cache == 0) {
    cache = zalloc(<usize>CACHE * 24);
    memory.fill(cache, 0xff, <usize>CACHE * 24);
  }
  const w0 = mask(load<u64>(p), len);
  const w1 = mask(load<u64>(p + 8), len - 8);
  const e = cache + <usize>(<i32>(((w0 ^ (w1 * 0x9e3779b97f4a7c15) ^ <u64>len) * 0xbf58476d1ce4e5b9) >> 56) * 24);
  if (load<u64>(e) == w0 && load<u64>(e, 8) == w1 && load<i32>(e, 16) == len) return load<i32>(e, 20);
  const id = intern(p, len);
  if (id >= 0) {
    store<u64>(e, w0);
    store<u64>(e, w1, 8);
    store<i32>(e, len, 16);
    store<i32>(e, id, 20);
  }
  return id;
}

/** Adds the channel in [a, b) (trimmed) as a pending touch; false on a full buffer or a fatal error. */
function token(a: i32, b: i32, fieldStart: i32, bySeparator: bool): bool {
  const tokenStart = a;
  while (a < b && isSpace(load<u8>(input + <usize>a))) a++;
  while (b > a && isSpace(load<u8>(input + <usize>(b - 1)))) b--;
  if (b == a) {
    // An empty name between separators is skipped and counted; an empty field is not one.
    if (bySeparator || tokenStart > fieldStart) {
      if (emptyTokens++ == 0) firstEmptyRow = nextRow;
    }
    return true;
  }
  if (nTouches >= TOUCH_CAP) return false;
  const id = lookup(input + <usize>a, b - a);
  if (id < 0) {
    fatal = id == -1 ? FATAL_CHANNELS : FATAL_NAME;
    fatalRow = nextRow;
    return false;
  }
  store<u16>(touches + (<usize>nTouches << 1), <u16>id);
  nTouches++;
  return true;
}

function fs(i: i32): i32 {
  return load<i32>(fStart + (<usize>i << 2));
}

function fe(i: i32): i32 {
  return load<i32>(fEnd + (<usize>i << 2));
}

/** Copies up to TEXT bytes of a field, collapsing "" when the field was quoted. */
function copyText(dst: usize, s: i32, e: i32, quoted: bool): i32 {
  let n = 0;
  for (let p = s; p < e && n < TEXT; p++) {
    const b = load<u8>(input + <usize>p);
    store<u8>(dst + <usize>(n++), b);
    if (quoted && <u32>b == QUOTE && p + 1 < e && <u32>load<u8>(input + <usize>(p + 1)) == QUOTE) p++;
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
  const quoted = code == ERR_NUMBER && load<u8>(fQuoted + <usize>fieldOf(column)) != 0;
  store<i32>(p + 12, s < e ? copyText(errText + <usize>(nErr * TEXT), s, e, quoted) : 0);
  nErr++;
}

/** Field index of a column code. */
function fieldOf(column: i32): i32 {
  return column == COL_CONV ? colConv : column == COL_VALUE ? colValue : column == COL_NULL ? colNull : colPath;
}

/** Set by number() when its result is approximate and JS must read the exact value. */
let inexact = false;

/**
 * The number in [s, e): exact on the fast path (at most 15 significant digits, no exponent:
 * Clinger 1990), NaN when the text is not a decimal number (the syntax JS accepts:
 * [+-]digits[.digits][e[+-]digits]). Otherwise an approximation good enough to check sign
 * and range, with `inexact` set so JS replaces it with the correctly rounded value.
 */
function number(s: i32, e: i32): f64 {
  inexact = false;
  while (s < e && isSpace(load<u8>(input + <usize>s))) s++;
  while (e > s && isSpace(load<u8>(input + <usize>(e - 1)))) e--;
  if (s == e) return NaN;
  let i = s;
  let negative = false;
  const first = <u32>load<u8>(input + <usize>i);
  if (first == 0x2d || first == 0x2b) {
    negative = first == 0x2d;
    i++;
  }
  let mantissa: f64 = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  let any = false;
  for (; i < e; i++) {
    const b = <u32>load<u8>(input + <usize>i);
    if (b >= 0x30 && b <= 0x39) {
      any = true;
      if (mantissa == 0 && b == 0x30 && !dot) continue;
      mantissa = mantissa * 10 + <f64>(b - 0x30);
      digits++;
      if (dot) fraction++;
    } else if (b == 0x2e && !dot) {
      dot = true;
    } else break;
  }
  if (!any) return NaN;
  let exponent = 0;
  if (i < e) {
    const b = <u32>load<u8>(input + <usize>i);
    if (b != 0x65 && b != 0x45) return NaN;
    i++;
    let expNegative = false;
    if (i < e && (<u32>load<u8>(input + <usize>i) == 0x2d || <u32>load<u8>(input + <usize>i) == 0x2b)) {
      expNegative = <u32>load<u8>(input + <usize>i) == 0x2d;
      i++;
    }
    if (i >= e) return NaN;
    for (; i < e; i++) {
      const d = <u32>load<u8>(input + <usize>i);
      if (d < 0x30 || d > 0x39) return NaN;
      if (exponent < 100000) exponent = exponent * 10 + <i32>(d - 0x30);
    }
    if (expNegative) exponent = -exponent;
    inexact = true;
  }
  if (digits > 15 || fraction > 22) inexact = true;
  let v: f64;
  if (!inexact) v = fraction == 0 ? mantissa : mantissa / load<f64>(pow10 + (<usize>fraction << 3));
  else v = mantissa * Math.pow(10, <f64>(exponent - fraction));
  if (!isFinite(v)) return NaN;
  return negative ? -v : v;
}

function isSpace(b: u8): bool {
  return b == 0x20 || b == 0x09;
}

/** Splits the path field into touches of the row being built; the touch count, or -1 on overflow/fatal. */
function path(s: i32, e: i32, quoted: bool, row: i32): i32 {
  let base = input;
  if (quoted) {
    // Collapse "" into scratch when the quoted field holds any.
    let has = false;
    for (let p = s; p < e; p++) if (<u32>load<u8>(input + <usize>p) == QUOTE) has = true;
    if (has) {
      if (scratchCap < e - s) {
        scratchCap = (e - s) * 2;
        scratch = zalloc(<usize>scratchCap + 16);
      }
      let n = 0;
      for (let p = s; p < e; p++) {
        store<u8>(scratch + <usize>(n++), load<u8>(input + <usize>p));
        if (<u32>load<u8>(input + <usize>p) == QUOTE && p + 1 < e && <u32>load<u8>(input + <usize>(p + 1)) == QUOTE) p++;
      }
      base = scratch;
      s = 0;
      e = n;
    }
  }
  const sep0 = <u32>load<u8>(sep);
  const first = nTouches;
  let tokenStart = s;
  let p = s;
  while (p <= e) {
    let atSep = false;
    if (p < e && <u32>load<u8>(base + <usize>p) == sep0) {
      atSep = sepLen == 1 || (p + sepLen <= e && memory.compare(base + <usize>p, sep, sepLen) == 0);
    }
    if (p == e || atSep) {
      let a = tokenStart;
      let b = p;
      while (a < b && isSpace(load<u8>(base + <usize>a))) a++;
      while (b > a && isSpace(load<u8>(base + <usize>(b - 1)))) b--;
      if (b > a) {
        if (nTouches >= TOUCH_CAP) {
          nTouches = first;
          return -1;
        }
        const id = intern(base + <usize>a, b - a);
        if (id < 0) {
          fatal = id == -1 ? FATAL_CHANNELS : FATAL_NAME;
          fatalRow = row;
          nTouches = first;
          return -1;
        }
        store<u16>(touches + (<usize>nTouches << 1), <u16>id);
        nTouches++;
      } else if (p < e || tokenStart > s) {
        if (emptyTokens++ == 0) firstEmptyRow = row;
      }
      p += atSep ? sepLen : 1;
      tokenStart = p;
    } else p++;
  }
  return nTouches - first;
}

/** Handles one data record; false when the chunk buffers are full (retry the record later). */
// State at the start of the record being read, to roll back its pending touches.
let markEmpty: i32 = 0;
let markFirstEmpty: i32 = 0;

/** Drops the pending touches of the current record (and its empty-name count, unless kept). */
function discard(keepEmpty: bool): void {
  nTouches = load<i32>(offsets + (<usize>nRows << 2));
  if (!keepEmpty) {
    emptyTokens = markEmpty;
    firstEmptyRow = markFirstEmpty;
  }
}

/** Handles one data record; false when the chunk buffers are full (retry the record later). */
function dataRecord(row: i32): bool {
  if (fCount == 1 && fs(0) == fe(0) && load<u8>(fQuoted) == 0) return true; // blank line
  if (unterminated) {
    discard(false);
    rowError(ERR_QUOTE, row, -1, 0, 0);
    return true;
  }
  if (fCount < needed) {
    discard(false);
    rowError(ERR_FIELD_COUNT, row, fCount, 0, 0); // the column slot carries the field count
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
    if (isNaN(v)) {
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
  const k = pathScanned ? nTouches - load<i32>(offsets + (<usize>nRows << 2)) : path(fs(colPath), fe(colPath), load<u8>(fQuoted + <usize>colPath) != 0, row);
  if (k < 0) return fatal != 0; // fatal stops everything; an overflow retries the record
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
  store<i32>(offsets + (<usize>nRows << 2), nTouches);
  return true;
}

function fixup(column: i32, s: i32, e: i32, row: i32): void {
  const p = fixups + <usize>(nFix * 16);
  store<i32>(p, nRows);
  store<i32>(p + 4, column);
  // A number longer than TEXT bytes is cut; JS then reports it as not a number.
  store<i32>(p + 8, e - s > TEXT ? -1 : copyText(fixText + <usize>(nFix * TEXT), s, e, load<u8>(fQuoted + <usize>fieldOf(column)) != 0));
  store<i32>(p + 12, row);
  nFix++;
}

/**
 * Parses the carried bytes plus `len` new ones. Returns the status (DONE, or MORE when the
 * chunk buffers filled up: call again with len 0), or -code after a fatal error.
 */
export function parseChunk(len: i32, final: i32): i32 {
  const n = carry + len;
  nRows = 0;
  nTouches = 0;
  nFix = 0;
  nErr = 0;
  store<i32>(offsets, 0);
  let pos = 0;
  status = STATUS_DONE;
  while (pos < n) {
    markEmpty = emptyTokens;
    markFirstEmpty = firstEmptyRow;
    const next = record(pos, n, final != 0);
    if (next < 0) {
      if (fatal != 0) return -fatal;
      discard(false);
      if (next == -2) status = STATUS_MORE;
      break;
    }
    if (!dataRecord(nextRow)) {
      status = STATUS_MORE;
      break;
    }
    if (fatal != 0) return -fatal;
    nextRow++;
    pos = next;
  }
  carry = n - pos;
  if (carry > 0 && pos > 0) memory.copy(input, input + <usize>pos, carry);
  return status;
}

export function chunkRows(): i32 {
  return nRows;
}
export function chunkTouchCount(): i32 {
  return nTouches;
}
export function chunkTouches(): usize {
  return touches;
}
export function chunkOffsets(): usize {
  return offsets;
}
export function chunkConversions(): usize {
  return conv;
}
export function chunkValue(): usize {
  return value;
}
export function chunkNulls(): usize {
  return nulls;
}
export function chunkFixupCount(): i32 {
  return nFix;
}
export function chunkFixups(): usize {
  return fixups;
}
export function chunkFixupText(): usize {
  return fixText;
}
export function chunkErrorCount(): i32 {
  return nErr;
}
export function chunkErrors(): usize {
  return errors;
}
export function chunkErrorText(): usize {
  return errText;
}
export function parseErrorTotal(): i32 {
  return errTotal;
}
export function parseFatalRow(): i32 {
  return fatalRow;
}
export function parseEmptyTokens(): i32 {
  return emptyTokens;
}
export function parseFirstEmptyRow(): i32 {
  return firstEmptyRow;
}
export function textCap(): i32 {
  return TEXT;
}
export function maxChannelName(): i32 {
  return MAX_NAME;
}
export function maxChannels(): i32 {
  return MAX_CHANNELS;
}
