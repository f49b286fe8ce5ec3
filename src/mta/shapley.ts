// Shapley-value attribution in two forms.
//
// Simplified (Zhao, Mahboobi & Bagheri 2018, "Shapley Value Methods for Attribution Modeling
// in Online Advertising"): with the characteristic function v(S) = conversions of the
// journeys whose set of distinct channels is a subset of S, the Shapley value collapses to
// phi_k = sum over channel sets T containing k of conversions(T) / |T|: every converting
// journey splits its conversions equally among its distinct channels.
//
// Full (Dalessandro, Perlich, Stitelman & Provost 2012, "Causally motivated attribution for
// online advertising", ADKDD): v(S) = P(conversion | exposed to exactly the channels S),
// estimated as the conversion rate of the journeys (converting and not) whose distinct
// channel set is S, with v(empty) = 0 and v(S) = 0 for a set no journey took. A user exposed
// to T is credited with the Shapley values of the game restricted to the subsets of T; they
// sum to v(T), so journeys(T) * phi_k(T) summed over k gives back conversions(T) exactly.
// We compute them from the Harsanyi dividends d(U) = sum_{W ⊆ U} (-1)^{|U|-|W|} v(W) (a fast
// Möbius transform), since phi_k(T) = sum_{U ⊆ T, k ∈ U} d(U) / |U| (Harsanyi 1963): a zeta
// transform per channel, O(n^2 2^n) in all, exact for the 15 channels we allow.
import { emptyCredit } from './heuristics';
import type { Credit, PathTable } from './types';

export function shapleySimplified(t: PathTable): Credit {
  const n = t.channels.length;
  const out = emptyCredit(n);
  const seen = new Int32Array(n).fill(-1);
  const distinct = new Uint16Array(n);
  const { touches, offsets, conversions, value } = t;
  for (let r = 0; r < conversions.length; r++) {
    const c = conversions[r];
    const v = value[r];
    if (c === 0 && v === 0) continue;
    let k = 0;
    for (let i = offsets[r]; i < offsets[r + 1]; i++) {
      const ch = touches[i];
      if (seen[ch] !== r) {
        seen[ch] = r;
        distinct[k++] = ch;
      }
    }
    const cs = c / k;
    const vs = v / k;
    for (let j = 0; j < k; j++) {
      out.conversions[distinct[j]] += cs;
      out.value[distinct[j]] += vs;
    }
  }
  return out;
}

/** Journeys, conversions and value per distinct-channel set (bit mask), n <= 30. */
export interface CoalitionTotals {
  journeys: Float64Array;
  conversions: Float64Array;
  value: Float64Array;
}

export function coalitionTotals(t: PathTable): CoalitionTotals {
  const n = t.channels.length;
  const size = 1 << n;
  const out = { journeys: new Float64Array(size), conversions: new Float64Array(size), value: new Float64Array(size) };
  const { touches, offsets, conversions, value, nulls } = t;
  for (let r = 0; r < conversions.length; r++) {
    let mask = 0;
    for (let i = offsets[r]; i < offsets[r + 1]; i++) mask |= 1 << touches[i];
    out.journeys[mask] += conversions[r] + nulls[r];
    out.conversions[mask] += conversions[r];
    out.value[mask] += value[r];
  }
  return out;
}

/** In place: a[S] <- sum_{W ⊆ S} (-1)^{|S|-|W|} a[W] (the Möbius inverse of the subset sum). */
export function mobiusTransform(a: Float64Array, n: number): void {
  for (let bit = 0; bit < n; bit++) {
    const b = 1 << bit;
    for (let s = 0; s < a.length; s++) if (s & b) a[s] -= a[s ^ b];
  }
}

/** In place: a[S] <- sum_{W ⊆ S} a[W]. */
export function zetaTransform(a: Float64Array, n: number): void {
  for (let bit = 0; bit < n; bit++) {
    const b = 1 << bit;
    for (let s = 0; s < a.length; s++) if (s & b) a[s] += a[s ^ b];
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export interface ShapleyFullOutcome {
  credit: Credit;
  coalitionsObserved: number;
}

export function shapleyFull(t: PathTable): ShapleyFullOutcome {
  const n = t.channels.length;
  const totals = coalitionTotals(t);
  const size = 1 << n;
  const rate = new Float64Array(size);
  let observed = 0;
  for (let s = 1; s < size; s++) {
    if (totals.journeys[s] > 0) {
      rate[s] = totals.conversions[s] / totals.journeys[s];
      observed++;
    }
  }
  const dividends = rate.slice();
  mobiusTransform(dividends, n);
  const out = emptyCredit(n);
  const g = new Float64Array(size);
  for (let k = 0; k < n; k++) {
    const bk = 1 << k;
    for (let s = 0; s < size; s++) g[s] = s & bk ? dividends[s] / popcount(s) : 0;
    zetaTransform(g, n);
    let conv = 0;
    let val = 0;
    for (let s = 1; s < size; s++) {
      if (!(s & bk) || totals.journeys[s] === 0) continue;
      conv += totals.journeys[s] * g[s];
      if (totals.conversions[s] > 0) val += (totals.value[s] * g[s]) / rate[s];
    }
    out.conversions[k] = conv;
    out.value[k] = val;
  }
  return { credit: out, coalitionsObserved: observed };
}
