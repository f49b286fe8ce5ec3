// The record scanner of the WASM path-format parser (see parse.ts): the input buffer with the
// partial record carried between pieces, the field ranges of the record being read, and the
// path field split into pending touches in the same pass. Rules as in src/mta/csv-scan.ts
// (RFC 4180 quoting, CRLF or LF) and src/mta/parse-paths.ts (channels trimmed, empty names
// between separators skipped and counted).
import { lookup, intern } from './interner';
import { zalloc } from './mem';
import { isSpace } from './number';

const QUOTE: u32 = 0x22;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;

export const TOUCH_CAP: i32 = 1 << 20;
export const FATAL_CHANNELS: i32 = 5;
export const FATAL_NAME: i32 = 6;

let delim: u32 = 0x3b;
let sep: usize = 0;
let sepLen: i32 = 1;
let colPath: i32 = 0;

export let input: usize = 0;
let inputCap: i32 = 0;
export let carry: i32 = 0;

let fStart: usize = 0;
let fEnd: usize = 0;
let fQuoted: usize = 0;
let fCap: i32 = 0;
export let fCount: i32 = 0;
export let unterminated: bool = false;

export let touches: usize = 0;
export let nTouches: i32 = 0;
export let emptyTokens: i32 = 0;
export let firstEmptyRow: i32 = 0;
export let fatal: i32 = 0;
export let fatalRow: i32 = 0;
let scratch: usize = 0;
let scratchCap: i32 = 0;
/** The row number errors and counts refer to while a record is read. */
let row: i32 = 0;

export function scanConfigure(delimiter: u32, sepPtr: usize, sepBytes: i32, pathColumn: i32): void {
  delim = delimiter;
  sep = heap.alloc(<usize>max(sepBytes, 1));
  memory.copy(sep, sepPtr, sepBytes);
  sepLen = sepBytes;
  colPath = pathColumn;
  if (touches == 0) {
    touches = zalloc(<usize>TOUCH_CAP << 1);
    growFields(64);
  }
}

/** Where JS writes the next `len` bytes (after the carried partial record). */
export function scanInput(len: i32): usize {
  if (carry + len > inputCap) {
    const cap = max(carry + len, inputCap * 2);
    const p = zalloc(<usize>cap + 32); // slack: names are read a word, bytes scanned 16, at a time
    if (carry > 0) memory.copy(p, input, carry);
    input = p;
    inputCap = cap;
  }
  return input + <usize>carry;
}

/** Keeps the bytes from pos to n (an unfinished record) for the next piece. */
export function keepCarry(pos: i32, n: i32): void {
  carry = n - pos;
  if (carry > 0 && pos > 0) memory.copy(input, input + <usize>pos, carry);
}

/** Starts a chunk: pending touches restart at 0. */
export function resetTouches(): void {
  nTouches = 0;
}

/** Rolls the pending touches back to `mark` and, unless kept, the empty-name count too. */
export function rollback(mark: i32, keepEmpty: bool, emptyMark: i32, firstEmptyMark: i32): void {
  nTouches = mark;
  if (!keepEmpty) {
    emptyTokens = emptyMark;
    firstEmptyRow = firstEmptyMark;
  }
}

export function fieldStart(i: i32): i32 {
  return load<i32>(fStart + (<usize>i << 2));
}

export function fieldEnd(i: i32): i32 {
  return load<i32>(fEnd + (<usize>i << 2));
}

export function fieldQuoted(i: i32): bool {
  return load<u8>(fQuoted + <usize>i) != 0;
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
export function record(pos: i32, n: i32, final: bool, rowNumber: i32): i32 {
  row = rowNumber;
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
export let pathScanned = false;

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

/** Adds the channel in [a, b) (trimmed) as a pending touch; false on a full buffer or a fatal error. */
function token(a: i32, b: i32, fieldStart: i32, bySeparator: bool): bool {
  const tokenStart = a;
  while (a < b && isSpace(load<u8>(input + <usize>a))) a++;
  while (b > a && isSpace(load<u8>(input + <usize>(b - 1)))) b--;
  if (b == a) {
    // An empty name between separators is skipped and counted; an empty field is not one.
    if (bySeparator || tokenStart > fieldStart) {
      if (emptyTokens++ == 0) firstEmptyRow = row;
    }
    return true;
  }
  if (nTouches >= TOUCH_CAP) return false;
  const id = lookup(input + <usize>a, b - a);
  if (id < 0) {
    fatal = id == -1 ? FATAL_CHANNELS : FATAL_NAME;
    fatalRow = row;
    return false;
  }
  store<u16>(touches + (<usize>nTouches << 1), <u16>id);
  nTouches++;
  return true;
}

/** Splits the path field into touches of the row being built; the touch count, or -1 on overflow/fatal. */
export function path(s: i32, e: i32, quoted: bool): i32 {
  let base = input;
  if (quoted) {
    // Collapse "" into scratch when the quoted field holds any.
    let has = false;
    for (let p = s; p < e; p++) if (<u32>load<u8>(input + <usize>p) == QUOTE) has = true;
    if (has) {
      if (scratchCap < e - s) {
        scratchCap = (e - s) * 2;
        scratch = zalloc(<usize>scratchCap + 32);
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
