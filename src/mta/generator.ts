// A seeded journey generator shaped like ChannelAttribution's PathData (12 channels, about
// 5.9 touches per path, about 22% converting) with a known truth, for the benchmark and the
// studio's demo. Journeys walk a Markov chain over channels and stop after each touch with
// probability 1/5.8. A journey converts by a noisy-OR of the distinct channels it saw:
// P(conv) = 1 - (1 - base) * prod_c (1 - lift_c). Half of the converting journeys then end with
// a navigational touch (brand search or email) that caused nothing: last-click gives those
// channels credit they did not earn, which is the comparison the Attribution view shows.
import { Rng } from '../core/rng';

export const DEMO_CHANNELS = [
  'paid_search',
  'brand_search',
  'email',
  'paid_social',
  'display',
  'video',
  'affiliate',
  'organic_social',
  'referral',
  'push',
  'sms',
  'podcast',
] as const;

/** True incremental lift of each channel on the conversion probability (noisy-OR term). */
export const DEMO_LIFT = [0.05, 0.01, 0.015, 0.09, 0.06, 0.07, 0.03, 0.04, 0.03, 0.01, 0.01, 0.05];
const BASE_RATE = 0.08;
const STOP = 1 / 5.8;
const NAVIGATIONAL_SHARE = 0.5;
/** Where journeys start (upper funnel heavy) and how sticky a channel is (repeat touches). */
const START_WEIGHT = [10, 4, 3, 14, 10, 8, 4, 6, 4, 2, 1, 3];
const STAY = [0.25, 0.1, 0.2, 0.35, 0.3, 0.3, 0.1, 0.25, 0.1, 0.1, 0.1, 0.2];
/** Where journeys move next, lower funnel increasingly likely. */
const MOVE_WEIGHT = [10, 6, 6, 8, 6, 5, 4, 5, 4, 3, 2, 2];

function cumulative(w: number[]): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i];
  for (let i = 0; i < w.length; i++) c[i] /= s;
  return c;
}

function pick(cum: Float64Array, u: number): number {
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]) i++;
  return i;
}

export interface GeneratedJourneys {
  channels: string[];
  touches: Uint16Array;
  offsets: Uint32Array;
  converted: Uint8Array;
  value: Float64Array;
}

export function generateJourneys(count: number, seed: number): GeneratedJourneys {
  const rng = new Rng(seed);
  const n = DEMO_CHANNELS.length;
  const start = cumulative(START_WEIGHT);
  const move = DEMO_CHANNELS.map((_, from) => cumulative(MOVE_WEIGHT.map((w, to) => (to === from ? 0 : w))));
  let touches = new Uint16Array(count * 7);
  const offsets = new Uint32Array(count + 1);
  const converted = new Uint8Array(count);
  const value = new Float64Array(count);
  const seen = new Int32Array(n).fill(-1);
  let k = 0;
  for (let j = 0; j < count; j++) {
    if (k + 256 > touches.length) {
      const t = new Uint16Array(touches.length * 2);
      t.set(touches);
      touches = t;
    }
    let c = pick(start, rng.uniform());
    let miss = 1 - BASE_RATE;
    for (let len = 0; ; len++) {
      touches[k++] = c;
      if (seen[c] !== j) {
        seen[c] = j;
        miss *= 1 - DEMO_LIFT[c];
      }
      if (rng.uniform() < STOP || len === 200) break;
      c = rng.uniform() < STAY[c] ? c : pick(move[c], rng.uniform());
    }
    if (rng.uniform() < 1 - miss) {
      converted[j] = 1;
      if (rng.uniform() < NAVIGATIONAL_SHARE) touches[k++] = rng.uniform() < 0.6 ? 1 : 2;
      // Log-normal order value, median e^1.2 ≈ 3.3 (Box–Muller).
      const z = Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
      value[j] = Math.round(Math.exp(1.2 + 0.7 * z) * 100) / 100;
    }
    offsets[j + 1] = k;
  }
  return { channels: [...DEMO_CHANNELS], touches: touches.slice(0, k), offsets, converted, value };
}

/** One journey per row in ChannelAttribution's path format, written straight to bytes. */
export function journeysToPathCsv(g: GeneratedJourneys): Uint8Array {
  const enc = new TextEncoder();
  const names = g.channels.map((c) => enc.encode(c));
  const sep = enc.encode(' > ');
  const rows = g.converted.length;
  let out = new Uint8Array(g.touches.length * 12 + rows * 24 + 64);
  let p = 0;
  const put = (b: Uint8Array) => {
    if (p + b.length > out.length) {
      const o = new Uint8Array(out.length * 2);
      o.set(out);
      out = o;
    }
    out.set(b, p);
    p += b.length;
  };
  put(enc.encode('path;total_conversions;total_conversion_value;total_null\n'));
  const convTail = (v: number) => enc.encode(`;1;${v};0\n`);
  const nullTail = enc.encode(';0;0;1\n');
  for (let j = 0; j < rows; j++) {
    for (let i = g.offsets[j]; i < g.offsets[j + 1]; i++) {
      if (i > g.offsets[j]) put(sep);
      put(names[g.touches[i]]);
    }
    put(g.converted[j] ? convTail(g.value[j]) : nullTail);
  }
  return out.slice(0, p);
}
