// The order-k absorbing chain of ChannelAttribution's markov_model built from counts; the
// rules and sources are in src/mta/markov-chain.ts (windows of k touches sliding by one,
// consecutive repeats merged, weights conversions + nulls). Codes of windows index a direct
// table here; code spaces above DIRECT_CODES are left to the JavaScript builder.
import { addF64, zalloc } from './mem';
import { channels, rows, tConv, tNulls, tOffsets, tTouches, tValue } from './table';

const DIRECT_CODES: f64 = <f64>(1 << 20);

export let order: i32 = 1;
export let states: i32 = 0;
let cap: i32 = 0;
let direct: usize = 0;
export let codes: usize = 0; // i32 per state
export let start: usize = 0;
export let edges: usize = 0; // states x channels
export let conv: usize = 0;
export let nulls: usize = 0;
export let value: usize = 0;

function grow(): void {
  const c = cap == 0 ? 256 : cap * 2;
  const n = channels;
  const move = (old: usize, bytes: usize, newBytes: usize): usize => {
    const p = zalloc(newBytes);
    if (old != 0) memory.copy(p, old, bytes);
    return p;
  };
  codes = move(codes, <usize>cap << 2, <usize>c << 2);
  start = move(start, <usize>cap << 3, <usize>c << 3);
  edges = move(edges, <usize>(cap * n) << 3, <usize>(c * n) << 3);
  conv = move(conv, <usize>cap << 3, <usize>c << 3);
  nulls = move(nulls, <usize>cap << 3, <usize>c << 3);
  value = move(value, <usize>cap << 3, <usize>c << 3);
  cap = c;
}

/** Creates the state of a code seen for the first time (the rare path, kept out of the loop). */
function newState(code: i32): i32 {
  const s = states++;
  store<i32>(direct + (<usize>code << 2), s + 1);
  if (s >= cap) grow();
  store<i32>(codes + (<usize>s << 2), code);
  return s;
}

// @ts-ignore: decorator
@inline
function stateOf(code: i32): i32 {
  const s = load<i32>(direct + (<usize>code << 2)) - 1;
  return s >= 0 ? s : newState(code);
}

/** Builds the chain of order k; the number of states, or -1 when the code space is too large. */
export function chainBuild(k: i32, merge: i32): i32 {
  const n = channels;
  const base = n + 1;
  if (Math.pow(<f64>base, <f64>k) > DIRECT_CODES) return -1;
  let top = 1;
  for (let i = 1; i < k; i++) top *= base;
  order = k;
  states = 0;
  cap = 0;
  codes = 0;
  start = 0;
  edges = 0;
  conv = 0;
  nulls = 0;
  value = 0;
  grow();
  direct = zalloc(<usize>(top * base) << 2); // 0 = unseen, else state + 1
  for (let r = 0; r < rows; r++) {
    const c = load<f64>(tConv + (<usize>r << 3));
    const u = load<f64>(tNulls + (<usize>r << 3));
    const w = c + u;
    if (w == 0) continue;
    const a = load<i32>(tOffsets + (<usize>r << 2));
    const b = load<i32>(tOffsets + (<usize>(r + 1) << 2));
    const headEnd = a + min(k, b - a);
    let code = 0;
    for (let i = a; i < headEnd; i++) code = code * base + <i32>load<u16>(tTouches + (<usize>i << 1)) + 1;
    let s = stateOf(code);
    addF64(start, s, w);
    for (let i = headEnd; i < b; i++) {
      const d = <i32>load<u16>(tTouches + (<usize>i << 1));
      // Drop the oldest touch of the full window (a subtraction, not a modulo: 5x cheaper).
      code = (code - (<i32>load<u16>(tTouches + (<usize>(i - k) << 1)) + 1) * top) * base + d + 1;
      const s2 = stateOf(code);
      if (s2 == s && merge != 0) continue;
      addF64(edges, s * n + d, w);
      s = s2;
    }
    addF64(conv, s, c);
    addF64(nulls, s, u);
    addF64(value, s, load<f64>(tValue + (<usize>r << 3)));
  }
  return states;
}

/** State reached from s when channel d enters (-1 if that window was never seen). */
export function successor(s: i32, d: i32): i32 {
  const base = channels + 1;
  let top = 1;
  for (let i = 1; i < order; i++) top *= base;
  const code = (load<i32>(codes + (<usize>s << 2)) % top) * base + d + 1;
  return load<i32>(direct + (<usize>code << 2)) - 1;
}

export function chainCodes(): usize {
  return codes;
}
export function chainStart(): usize {
  return start;
}
export function chainEdges(): usize {
  return edges;
}
export function chainConversions(): usize {
  return conv;
}
export function chainNulls(): usize {
  return nulls;
}
export function chainValue(): usize {
  return value;
}
