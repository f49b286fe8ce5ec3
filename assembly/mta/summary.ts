// Journey lengths and most frequent paths of the loaded table: the same output as
// src/mta/summary.ts, which groups every path by hash; here most rows never need hashing.
import { addF64, ldF64, stF64, zalloc } from './mem';
import { channels, rows, tConv, tNulls, tOffsets, tTouches, tValue } from './table';

export const LENGTH_BINS: i32 = 21;

let lengths: usize = 0;
let meanTouches: f64 = 0;
let top_: usize = 0; // first rows of the best groups, i32
let topJourneys: usize = 0;
let topConv: usize = 0;
let topValue: usize = 0;

function off(r: i32): i32 {
  return load<i32>(tOffsets + (<usize>r << 2));
}

function hashPath(a: i32, b: i32): i32 {
  let h: u32 = 0x811c9dc5;
  for (let i = a; i < b; i++) h = (h ^ <u32>load<u16>(tTouches + (<usize>i << 1))) * 0x01000193;
  return <i32>h;
}

function samePath(q: i32, a: i32, b: i32): bool {
  const a0 = off(q);
  const b0 = off(q + 1);
  if (b0 - a0 != b - a) return false;
  return memory.compare(tTouches + (<usize>a0 << 1), tTouches + (<usize>a << 1), <usize>(b - a) << 1) == 0;
}

// Exact top paths without hashing every row. Paths of up to D touches are counted in a
// dense table indexed by their base-(n+1) code (D chosen so it holds at most 2^16 codes).
// A longer path occurs at most as often as its D-touch prefix, so once the dense table
// gives a threshold tau (the `want`-th largest count among short paths), only long rows
// whose prefix count reaches tau can make the list; only those are grouped by hash.
// Ties are broken by first appearance, as in src/mta/summary.ts.

const DENSE: i32 = 1 << 16;
const GROUP: i32 = 32; // hashed group record: first row (i32, padded), journeys, conversions, value

let cand: usize = 0; // candidates: row, journeys, conversions, value (32 bytes each)
let nCand: i32 = 0;
let want: i32 = 0;

/** Offers a group to the sorted top list (journeys desc, first row asc). */
function offer(row: i32, j: f64, c: f64, v: f64): void {
  if (nCand == want) {
    const last = cand + <usize>(want - 1) * 32;
    const lj = load<f64>(last, 8);
    if (j < lj || (j == lj && row > load<i32>(last))) return;
  }
  let i = nCand < want ? nCand++ : want - 1;
  while (i > 0) {
    const prev = cand + <usize>(i - 1) * 32;
    const pj = load<f64>(prev, 8);
    if (pj > j || (pj == j && load<i32>(prev) < row)) break;
    memory.copy(cand + <usize>i * 32, prev, 32);
    i--;
  }
  const e = cand + <usize>i * 32;
  store<i32>(e, row);
  store<f64>(e, j, 8);
  store<f64>(e, c, 16);
  store<f64>(e, v, 24);
}

export function summaryRun(top: i32): i32 {
  want = max(top, 1);
  cand = zalloc(<usize>want * 32);
  nCand = 0;
  lengths = zalloc(<usize>(LENGTH_BINS + 1) << 3);
  const base = channels + 1;
  let D = 0;
  let space = 1;
  while (space * base <= DENSE) {
    space *= base;
    D++;
  }
  const dJ = zalloc(<usize>space << 3);
  const dC = zalloc(<usize>space << 3);
  const dV = zalloc(<usize>space << 3);
  const dRow = zalloc(<usize>space << 2); // first row + 1
  const prefix = zalloc(<usize>space << 3);
  let touchJourneys: f64 = 0;
  let journeys: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const a = off(r);
    const b = off(r + 1);
    const c = ldF64(tConv, r);
    const w = c + ldF64(tNulls, r);
    addF64(lengths, min(b - a, LENGTH_BINS), w);
    touchJourneys += <f64>(b - a) * w;
    journeys += w;
    let code = 0;
    const end = min(b, a + D);
    for (let i = a; i < end; i++) code = code * base + <i32>load<u16>(tTouches + (<usize>i << 1)) + 1;
    if (b - a <= D) {
      addF64(dJ, code, w);
      addF64(dC, code, c);
      addF64(dV, code, ldF64(tValue, r));
      if (load<i32>(dRow + (<usize>code << 2)) == 0) store<i32>(dRow + (<usize>code << 2), r + 1);
    } else addF64(prefix, code, w);
  }
  meanTouches = journeys > 0 ? touchJourneys / journeys : 0;
  for (let code = 0; code < space; code++) {
    const r1 = load<i32>(dRow + (<usize>code << 2));
    if (r1 != 0) offer(r1 - 1, ldF64(dJ, code), ldF64(dC, code), ldF64(dV, code));
  }
  const tau = nCand == want ? load<f64>(cand + <usize>(want - 1) * 32, 8) : -Infinity;
  hashLong(D, base, prefix, tau);
  top_ = zalloc(<usize>nCand << 2);
  topJourneys = zalloc(<usize>nCand << 3);
  topConv = zalloc(<usize>nCand << 3);
  topValue = zalloc(<usize>nCand << 3);
  for (let i = 0; i < nCand; i++) {
    const e = cand + <usize>i * 32;
    store<i32>(top_ + (<usize>i << 2), load<i32>(e));
    stF64(topJourneys, i, load<f64>(e, 8));
    stF64(topConv, i, load<f64>(e, 16));
    stF64(topValue, i, load<f64>(e, 24));
  }
  return nCand;
}

/** Groups, by hash, the long rows whose prefix count reaches tau, and offers each group. */
function hashLong(D: i32, base: i32, prefix: usize, tau: f64): void {
  let size = 1024;
  while (size < rows * 2) size <<= 1;
  let slots: usize = 0;
  let groupsBuf: usize = 0;
  let groups = 0;
  for (let r = 0; r < rows; r++) {
    const a = off(r);
    const b = off(r + 1);
    if (b - a <= D) continue;
    let code = 0;
    for (let i = a; i < a + D; i++) code = code * base + <i32>load<u16>(tTouches + (<usize>i << 1)) + 1;
    if (ldF64(prefix, code) < tau) continue;
    if (slots == 0) {
      slots = zalloc(<usize>size << 3);
      groupsBuf = zalloc(<usize>max(rows, 1) * GROUP);
    }
    const h = hashPath(a, b);
    let s = h & (size - 1);
    let g: i32;
    while (true) {
      const slot = slots + (<usize>s << 3);
      g = load<i32>(slot, 4) - 1;
      if (g < 0) {
        g = groups++;
        store<i32>(slot, h);
        store<i32>(slot, g + 1, 4);
        store<i32>(groupsBuf + <usize>g * GROUP, r);
        break;
      }
      if (load<i32>(slot) == h && samePath(load<i32>(groupsBuf + <usize>g * GROUP), a, b)) break;
      s = (s + 1) & (size - 1);
    }
    const rec = groupsBuf + <usize>g * GROUP;
    const c = ldF64(tConv, r);
    store<f64>(rec, load<f64>(rec, 8) + c + ldF64(tNulls, r), 8);
    store<f64>(rec, load<f64>(rec, 16) + c, 16);
    store<f64>(rec, load<f64>(rec, 24) + ldF64(tValue, r), 24);
  }
  for (let g = 0; g < groups; g++) {
    const rec = groupsBuf + <usize>g * GROUP;
    offer(load<i32>(rec), load<f64>(rec, 8), load<f64>(rec, 16), load<f64>(rec, 24));
  }
}

export function summaryLengths(): usize {
  return lengths;
}
export function summaryMeanTouches(): f64 {
  return meanTouches;
}
export function summaryTopRows(): usize {
  return top_;
}
export function summaryTopJourneys(): usize {
  return topJourneys;
}
export function summaryTopConversions(): usize {
  return topConv;
}
export function summaryTopValue(): usize {
  return topValue;
}
