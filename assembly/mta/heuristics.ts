// Rule-based attribution on the loaded table; the same rules and sources as
// src/mta/heuristics.ts (ChannelAttribution's heuristic_models for first/last/linear, the
// 40/20/40 position rule, half-life time decay). Output: 5 models x (conversions, value) x n,
// in the order first_touch, last_touch, linear, time_decay, position_based.
import { addF64, zalloc } from './mem';
import { channels, rows, tConv, tOffsets, tTime, tTouches, tValue } from './table';

const FIRST: i32 = 0;
const LAST: i32 = 1;
const LINEAR: i32 = 2;
const DECAY: i32 = 3;
const POSITION: i32 = 4;

let out: usize = 0;

function credit(model: i32, ch: i32, c: f64, v: f64): void {
  const base = model * 2 * channels;
  addF64(out, base + ch, c);
  addF64(out, base + channels + ch, v);
}

function touch(i: i32): i32 {
  return <i32>load<u16>(tTouches + (<usize>i << 1));
}

/** halfLife is in touches, or in milliseconds when useDays (timestamps present). */
export function heuristicsRun(halfLife: f64, useDays: i32, wFirst: f64, wLast: f64): usize {
  out = zalloc(<usize>(10 * channels) << 3);
  const wMid = 1 - wFirst - wLast;
  const lnHalf = Math.LN2 / halfLife;
  const q = Math.exp(-lnHalf);
  for (let r = 0; r < rows; r++) {
    const c = load<f64>(tConv + (<usize>r << 3));
    const v = load<f64>(tValue + (<usize>r << 3));
    if (c == 0 && v == 0) continue;
    const a = load<i32>(tOffsets + (<usize>r << 2));
    const b = load<i32>(tOffsets + (<usize>(r + 1) << 2));
    const L = b - a;
    credit(FIRST, touch(a), c, v);
    credit(LAST, touch(b - 1), c, v);
    const cl = c / <f64>L;
    const vl = v / <f64>L;
    for (let i = a; i < b; i++) credit(LINEAR, touch(i), cl, vl);
    if (L == 1) credit(POSITION, touch(a), c, v);
    else if (L == 2) {
      credit(POSITION, touch(a), c / 2, v / 2);
      credit(POSITION, touch(a + 1), c / 2, v / 2);
    } else {
      credit(POSITION, touch(a), wFirst * c, wFirst * v);
      credit(POSITION, touch(b - 1), wLast * c, wLast * v);
      const m = wMid / <f64>(L - 2);
      for (let i = a + 1; i < b - 1; i++) credit(POSITION, touch(i), m * c, m * v);
    }
    if (useDays != 0 && tTime != 0) decayDays(a, b, c, v, lnHalf);
    else decayTouches(a, b, c, v, q);
  }
  return out;
}

function decayTouches(a: i32, b: i32, c: f64, v: f64, q: f64): void {
  const L = b - a;
  const total = q == 1 ? <f64>L : (1 - Math.pow(q, <f64>L)) / (1 - q);
  let w = 1 / total;
  for (let i = b - 1; i >= a; i--) {
    credit(DECAY, touch(i), w * c, w * v);
    w *= q;
  }
}

function decayDays(a: i32, b: i32, c: f64, v: f64, lnHalf: f64): void {
  const youngest = load<f64>(tTime + (<usize>(b - 1) << 3));
  let total: f64 = 0;
  for (let i = a; i < b; i++) total += Math.exp(-lnHalf * (youngest - load<f64>(tTime + (<usize>i << 3))));
  for (let i = a; i < b; i++) {
    const w = Math.exp(-lnHalf * (youngest - load<f64>(tTime + (<usize>i << 3)))) / total;
    credit(DECAY, touch(i), w * c, w * v);
  }
}
