// The path field of the WASM path-format parser (see parse.ts) split into pending touches of
// the row being read: streamed byte by byte while the record is scanned (scanPath, unquoted
// fields) or from a finished field (path, quoted ones). Rules as in src/mta/parse-paths.ts:
// channels trimmed, empty names between separators skipped and counted.
import { lookup } from './interner';
import { zalloc } from './mem';
import { isSpace } from './number';
import { CR, LF, QUOTE, delim, input } from './scan-input';

export const TOUCH_CAP: i32 = 1 << 20;
export const FATAL_CHANNELS: i32 = 5;
export const FATAL_NAME: i32 = 6;

let sep: usize = 0;
let sepLen: i32 = 1;

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

/** Keeps a copy of the channel separator; the touch buffer is allocated on the first call. */
export function configurePath(sepPtr: usize, sepBytes: i32): void {
  sep = heap.alloc(<usize>max(sepBytes, 1));
  memory.copy(sep, sepPtr, sepBytes);
  sepLen = sepBytes;
  if (touches == 0) touches = zalloc(<usize>TOUCH_CAP << 1);
}

/** The row the touches, empty names and errors found next belong to. */
export function beginRow(rowNumber: i32): void {
  row = rowNumber;
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

/**
 * Scans an unquoted path field from pos, adding each channel as a pending touch of the row
 * being read, in a single pass over its bytes. Returns the field's end, -1 if the chunk ends
 * first (the caller rolls the pending touches back), -2 on a full buffer or a fatal error.
 */
export function scanPath(pos: i32, n: i32, final: bool): i32 {
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
      return token(input, tokenStart, n, fieldStart, false) ? n : -2;
    }
    const b = <u32>load<u8>(input + <usize>pos);
    if (b == delim || b == LF || b == CR) return token(input, tokenStart, pos, fieldStart, false) ? pos : -2;
    if (sepLen == 1 || (pos + sepLen <= n && memory.compare(input + <usize>pos, sep, sepLen) == 0)) {
      if (!token(input, tokenStart, pos, fieldStart, true)) return -2;
      pos += sepLen;
      tokenStart = pos;
    } else pos++;
  }
  return -1; // unreachable
}

/**
 * Adds the channel in [a, b) of the bytes at base (trimmed) as a pending touch; false on a full
 * buffer or a fatal error. The name is read through the short-name cache, so base needs 16
 * readable bytes past b (the input buffer and the scratch copy have that slack).
 */
function token(base: usize, a: i32, b: i32, fieldStart: i32, bySeparator: bool): bool {
  const tokenStart = a;
  while (a < b && isSpace(load<u8>(base + <usize>a))) a++;
  while (b > a && isSpace(load<u8>(base + <usize>(b - 1)))) b--;
  if (b == a) {
    // An empty name between separators is skipped and counted; an empty field is not one.
    if (bySeparator || tokenStart > fieldStart) {
      if (emptyTokens++ == 0) firstEmptyRow = row;
    }
    return true;
  }
  if (nTouches >= TOUCH_CAP) return false;
  const id = lookup(base + <usize>a, b - a);
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
      if (!token(base, tokenStart, p, s, atSep)) {
        nTouches = first;
        return -1;
      }
      p += atSep ? sepLen : 1;
      tokenStart = p;
    } else p++;
  }
  return nTouches - first;
}
