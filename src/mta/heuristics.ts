// Rule-based attribution, one pass over the touches. Conventions:
// - first / last touch: all of a row's conversions and value to its first / last touch;
// - linear: every touch gets 1/L, so a channel touched k times gets k/L
//   (ChannelAttribution's heuristic_models, R/src/ChannelAttribution.cpp);
// - position-based (the "U-shaped" 40/20/40 rule): one touch gets 100%, two touches 50/50,
//   L >= 3 touches give `first` to the first, `last` to the last and split the rest equally
//   over the L-2 middle touches;
// - time decay: weight 2^(-age / half-life), normalised per journey. Age is the number of
//   touches before the last one (half-life in touches) or the time before the conversion
//   (half-life in days, as Google Analytics' time-decay model with its 7-day default);
//   touch times within a journey are ascending.
import type { AttributionSettings, Credit, HeuristicModel, PathTable } from './types';

const DAY_MS = 86_400_000;

export function emptyCredit(n: number): Credit {
  return { conversions: new Float64Array(n), value: new Float64Array(n) };
}

export function heuristics(t: PathTable, s: AttributionSettings, decayInDays: boolean): Record<HeuristicModel, Credit> {
  const n = t.channels.length;
  const first = emptyCredit(n);
  const last = emptyCredit(n);
  const linear = emptyCredit(n);
  const position = emptyCredit(n);
  const decay = emptyCredit(n);
  const { touches, offsets, conversions, value } = t;
  const rows = conversions.length;
  const middle = 1 - s.positionFirst - s.positionLast;
  const lnHalf = Math.LN2 / (decayInDays ? s.halfLifeDays * DAY_MS : s.halfLifeTouches);
  const times = t.touchTime;
  for (let r = 0; r < rows; r++) {
    const c = conversions[r];
    const v = value[r];
    if (c === 0 && v === 0) continue;
    const a = offsets[r];
    const b = offsets[r + 1];
    const L = b - a;
    const f = touches[a];
    const l = touches[b - 1];
    first.conversions[f] += c;
    first.value[f] += v;
    last.conversions[l] += c;
    last.value[l] += v;
    const cl = c / L;
    const vl = v / L;
    for (let i = a; i < b; i++) {
      linear.conversions[touches[i]] += cl;
      linear.value[touches[i]] += vl;
    }
    positionBased(position, touches, a, b, c, v, s.positionFirst, s.positionLast, middle);
    if (decayInDays && times) timeDecayDays(decay, touches, times, a, b, c, v, lnHalf);
    else timeDecayTouches(decay, touches, a, b, c, v, lnHalf);
  }
  return { first_touch: first, last_touch: last, linear, time_decay: decay, position_based: position };
}

function positionBased(out: Credit, touches: Uint16Array, a: number, b: number, c: number, v: number, wf: number, wl: number, wm: number): void {
  const L = b - a;
  if (L === 1) {
    out.conversions[touches[a]] += c;
    out.value[touches[a]] += v;
    return;
  }
  if (L === 2) {
    out.conversions[touches[a]] += c / 2;
    out.value[touches[a]] += v / 2;
    out.conversions[touches[a + 1]] += c / 2;
    out.value[touches[a + 1]] += v / 2;
    return;
  }
  out.conversions[touches[a]] += wf * c;
  out.value[touches[a]] += wf * v;
  out.conversions[touches[b - 1]] += wl * c;
  out.value[touches[b - 1]] += wl * v;
  const m = wm / (L - 2);
  for (let i = a + 1; i < b - 1; i++) {
    out.conversions[touches[i]] += m * c;
    out.value[touches[i]] += m * v;
  }
}

function timeDecayTouches(out: Credit, touches: Uint16Array, a: number, b: number, c: number, v: number, lnHalf: number): void {
  // Weights 2^(-(L-1-i)/h) for i = 0..L-1; their sum is a geometric series.
  const q = Math.exp(-lnHalf);
  const L = b - a;
  const total = q === 1 ? L : (1 - Math.pow(q, L)) / (1 - q);
  let w = 1 / total; // weight of the last touch
  for (let i = b - 1; i >= a; i--) {
    out.conversions[touches[i]] += w * c;
    out.value[touches[i]] += w * v;
    w *= q;
  }
}

function timeDecayDays(out: Credit, touches: Uint16Array, times: Float64Array, a: number, b: number, c: number, v: number, lnHalf: number): void {
  // 2^(-(T - t_i)/h) normalised over the journey does not depend on the conversion time T,
  // so ages are taken from the youngest touch: its weight is 1 and nothing underflows to 0/0.
  const youngest = times[b - 1];
  let total = 0;
  for (let i = a; i < b; i++) total += Math.exp(-lnHalf * (youngest - times[i]));
  for (let i = a; i < b; i++) {
    const w = Math.exp(-lnHalf * (youngest - times[i])) / total;
    out.conversions[touches[i]] += w * c;
    out.value[touches[i]] += w * v;
  }
}
