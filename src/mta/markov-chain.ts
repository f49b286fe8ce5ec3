// The absorbing Markov chain of ChannelAttribution's markov_model (R/src/ChannelAttribution.cpp,
// markov_model_cpp), built from transition counts instead of being simulated:
// - a state of order k is a window of k consecutive touches, sliding by one touch; a path
//   shorter than k is one state of its own length;
// - consecutive identical states are merged (so order 1 has no self-loops);
// - (start) -> first state, and every state -> next, are weighted by conversions + nulls of
//   the row; the last state -> (conversion) by conversions and -> (null) by nulls.
// Because a window slides by one touch, the state after s is determined by s and the channel
// that enters: transitions live in a dense states x channels table, no hashing needed.
import type { PathTable } from './types';
import { grown } from './grow';

/** Direct code -> state lookup up to this many codes (4 MB); beyond that a Map. */
const DIRECT_CODES = 1 << 20;

export interface MarkovChain {
  order: number;
  channels: number;
  states: number;
  /** Channels of each state, `order` slots per state (unused slots hold 0xffff). */
  stateChannels: Uint16Array;
  start: Float64Array;
  /** edges[s * channels + d]: weight of s -> the state entered with channel d. */
  edges: Float64Array;
  /** succ[s * channels + d]: that state's id, or -1 when the transition never occurs. */
  succ: Int32Array;
  conversions: Float64Array;
  nulls: Float64Array;
  /** Conversion value of the journeys whose last state is s. */
  value: Float64Array;
}

/** Per-state accumulators, grown by doubling as states appear. */
class Accumulators {
  cap = 64;
  start = new Float64Array(64);
  edges: Float64Array;
  conv = new Float64Array(64);
  nulls = new Float64Array(64);
  value = new Float64Array(64);

  constructor(readonly n: number) {
    this.edges = new Float64Array(64 * n);
  }

  grow(): void {
    const c = this.cap * 2;
    this.start = grown(this.start, c);
    this.edges = grown(this.edges, c * this.n);
    this.conv = grown(this.conv, c);
    this.nulls = grown(this.nulls, c);
    this.value = grown(this.value, c);
    this.cap = c;
  }
}

/** Largest order the integer state codes can hold for n channels ((n+1)^k below 2^53). */
export function maxOrder(n: number): number {
  return Math.floor(53 / Math.log2(n + 1));
}

export function buildChain(t: PathTable, order: number, mergeRepeats = true): MarkovChain {
  const n = t.channels.length;
  const base = n + 1;
  const top = Math.pow(base, order - 1); // a window code modulo this drops the oldest touch
  const space = Math.pow(base, order);
  // Code -> state: a direct table for the usual case, a Map when the code space is huge.
  const direct = space <= DIRECT_CODES ? new Int32Array(space).fill(-1) : null;
  const mapped = direct ? null : new Map<number, number>();
  const codes: number[] = [];
  const stateOf = (code: number): number => {
    let s = mapped ? (mapped.get(code) ?? -1) : -1;
    if (s >= 0) return s;
    s = codes.length;
    codes.push(code);
    if (direct) direct[code] = s;
    else mapped!.set(code, s);
    return s;
  };
  const acc = new Accumulators(n);
  let { start, edges, conv, nulls, value } = acc;
  const { touches, offsets, conversions } = t;
  for (let r = 0; r < conversions.length; r++) {
    const c = conversions[r];
    const w = c + t.nulls[r];
    if (w === 0) continue;
    const a = offsets[r];
    const b = offsets[r + 1];
    const headEnd = a + Math.min(order, b - a);
    let code = 0;
    for (let i = a; i < headEnd; i++) code = code * base + touches[i] + 1;
    let s = direct ? direct[code] : -1;
    if (s < 0) s = stateOf(code);
    if (codes.length > acc.cap) {
      acc.grow();
      ({ start, edges, conv, nulls, value } = acc);
    }
    start[s] += w;
    for (let i = headEnd; i < b; i++) {
      const d = touches[i];
      code = (code - (touches[i - order] + 1) * top) * base + d + 1; // drop the oldest touch
      let s2 = direct ? direct[code] : -1;
      if (s2 < 0) {
        s2 = stateOf(code);
        if (codes.length > acc.cap) {
          acc.grow();
          ({ start, edges, conv, nulls, value } = acc);
        }
      }
      if (s2 === s && mergeRepeats) continue;
      edges[s * n + d] += w;
      s = s2;
    }
    conv[s] += c;
    nulls[s] += t.nulls[r];
    value[s] += t.value[r];
  }
  return chainFromCounts(codes, order, n, start, edges, conv, nulls, value);
}

/** Completes a chain from its counts (also used for the counts the WASM kernel returns). */
export function chainFromCounts(codes: ArrayLike<number>, order: number, n: number, start: Float64Array, edges: Float64Array, conv: Float64Array, nulls: Float64Array, value: Float64Array): MarkovChain {
  const S = codes.length;
  const base = n + 1;
  const top = Math.pow(base, order - 1);
  const stateChannels = new Uint16Array(S * order).fill(0xffff);
  const codeToState = new Map<number, number>();
  for (let s = 0; s < S; s++) {
    codeToState.set(codes[s], s);
    let code = codes[s];
    const digits: number[] = [];
    while (code > 0) {
      digits.unshift((code % base) - 1);
      code = Math.floor(code / base);
    }
    for (let j = 0; j < digits.length; j++) stateChannels[s * order + j] = digits[j];
  }
  const succ = new Int32Array(S * n).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let d = 0; d < n; d++) {
      if (edges[s * n + d] === 0) continue;
      succ[s * n + d] = codeToState.get((codes[s] % top) * base + d + 1)!;
    }
  }
  return {
    order,
    channels: n,
    states: S,
    stateChannels,
    start: start.slice(0, S),
    edges: edges.slice(0, S * n),
    succ,
    conversions: conv.slice(0, S),
    nulls: nulls.slice(0, S),
    value: value.slice(0, S),
  };
}
