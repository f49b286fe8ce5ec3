// The record scanner of the WASM path-format parser (see parse.ts): the field ranges of the
// record being read in the input buffer (scan-input.ts), with the path field split into
// pending touches in the same pass (scan-path.ts). Rules as in src/mta/csv-scan.ts
// (RFC 4180 quoting, CRLF or LF).
import { zalloc } from './mem';
import { CR, LF, QUOTE, delim, input, setDelimiter } from './scan-input';
import { beginRow, configurePath, scanPath } from './scan-path';

let colPath: i32 = 0;

let fStart: usize = 0;
let fEnd: usize = 0;
let fQuoted: usize = 0;
let fCap: i32 = 0;
export let fCount: i32 = 0;
export let unterminated: bool = false;
/** Set by record() when it already split the path field into pending touches. */
export let pathScanned = false;

export function scanConfigure(delimiter: u32, sepPtr: usize, sepBytes: i32, pathColumn: i32): void {
  setDelimiter(delimiter);
  configurePath(sepPtr, sepBytes);
  colPath = pathColumn;
  if (fCap == 0) growFields(64);
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
  beginRow(rowNumber);
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
