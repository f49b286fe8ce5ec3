// The input buffer of the WASM path-format parser (see parse.ts): JS writes each piece of the
// file after the partial record carried over from the previous piece. Also the field delimiter
// and the bytes the record and path scanners (scan.ts, scan-path.ts) stop at.
import { zalloc } from './mem';

export const QUOTE: u32 = 0x22;
export const LF: u32 = 0x0a;
export const CR: u32 = 0x0d;

export let delim: u32 = 0x3b;

export let input: usize = 0;
let inputCap: i32 = 0;
export let carry: i32 = 0;

export function setDelimiter(delimiter: u32): void {
  delim = delimiter;
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
