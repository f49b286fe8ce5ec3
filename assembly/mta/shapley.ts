// Shapley attribution on the loaded table; formulas and sources as in src/mta/shapley.ts
// (Zhao et al. 2018 simplified form; Dalessandro et al. 2012 on conversion rates through
// Harsanyi dividends). Outputs: (conversions, value) x n.
import { addF64, ldF64, stF64, zalloc } from './mem';
import { channels, rows, tConv, tNulls, tOffsets, tTouches, tValue } from './table';

let observed: i32 = 0;

export function shapleySimplifiedRun(): usize {
  const n = channels;
  const out = zalloc(<usize>(2 * n) << 3);
  const seen = zalloc(<usize>n << 2);
  const distinct = zalloc(<usize>n << 2);
  memory.fill(seen, 0xff, <usize>n << 2);
  for (let r = 0; r < rows; r++) {
    const c = ldF64(tConv, r);
    const v = ldF64(tValue, r);
    if (c == 0 && v == 0) continue;
    const a = load<i32>(tOffsets + (<usize>r << 2));
    const b = load<i32>(tOffsets + (<usize>(r + 1) << 2));
    let k = 0;
    for (let i = a; i < b; i++) {
      const ch = <i32>load<u16>(tTouches + (<usize>i << 1));
      if (load<i32>(seen + (<usize>ch << 2)) != r) {
        store<i32>(seen + (<usize>ch << 2), r);
        store<i32>(distinct + (<usize>(k++) << 2), ch);
      }
    }
    const cs = c / <f64>k;
    const vs = v / <f64>k;
    for (let j = 0; j < k; j++) {
      const ch = load<i32>(distinct + (<usize>j << 2));
      addF64(out, ch, cs);
      addF64(out, n + ch, vs);
    }
  }
  return out;
}

function popcount(x: i32): i32 {
  return <i32>popcnt<u32>(<u32>x);
}

/** a[S] <- sum_{W ⊆ S} (-1)^{|S|-|W|} a[W] (Möbius inverse of the subset sum). */
function mobius(a: usize, n: i32): void {
  const size = 1 << n;
  for (let bit = 0; bit < n; bit++) {
    const b = 1 << bit;
    for (let s = 0; s < size; s++) if ((s & b) != 0) stF64(a, s, ldF64(a, s) - ldF64(a, s ^ b));
  }
}

/** a[S] <- sum_{W ⊆ S} a[W]. */
function zeta(a: usize, n: i32): void {
  const size = 1 << n;
  for (let bit = 0; bit < n; bit++) {
    const b = 1 << bit;
    for (let s = 0; s < size; s++) if ((s & b) != 0) stF64(a, s, ldF64(a, s) + ldF64(a, s ^ b));
  }
}

/** Requires channels <= 20 (2^n coalitions). */
export function shapleyFullRun(): usize {
  const n = channels;
  const size = 1 << n;
  const journeys = zalloc(<usize>size << 3);
  const conv = zalloc(<usize>size << 3);
  const value = zalloc(<usize>size << 3);
  for (let r = 0; r < rows; r++) {
    let mask = 0;
    const a = load<i32>(tOffsets + (<usize>r << 2));
    const b = load<i32>(tOffsets + (<usize>(r + 1) << 2));
    for (let i = a; i < b; i++) mask |= 1 << <i32>load<u16>(tTouches + (<usize>i << 1));
    addF64(journeys, mask, ldF64(tConv, r) + ldF64(tNulls, r));
    addF64(conv, mask, ldF64(tConv, r));
    addF64(value, mask, ldF64(tValue, r));
  }
  const rate = zalloc(<usize>size << 3);
  observed = 0;
  for (let s = 1; s < size; s++) {
    if (ldF64(journeys, s) > 0) {
      stF64(rate, s, ldF64(conv, s) / ldF64(journeys, s));
      observed++;
    }
  }
  const dividends = zalloc(<usize>size << 3);
  memory.copy(dividends, rate, <usize>size << 3);
  mobius(dividends, n);
  const out = zalloc(<usize>(2 * n) << 3);
  const g = zalloc(<usize>size << 3);
  for (let k = 0; k < n; k++) {
    const bk = 1 << k;
    for (let s = 0; s < size; s++) stF64(g, s, (s & bk) != 0 ? ldF64(dividends, s) / <f64>popcount(s) : 0);
    zeta(g, n);
    let cSum: f64 = 0;
    let vSum: f64 = 0;
    for (let s = 1; s < size; s++) {
      const j = ldF64(journeys, s);
      if ((s & bk) == 0 || j == 0) continue;
      cSum += j * ldF64(g, s);
      if (ldF64(conv, s) > 0) vSum += (ldF64(value, s) * ldF64(g, s)) / ldF64(rate, s);
    }
    stF64(out, k, cSum);
    stF64(out, n + k, vSum);
  }
  return out;
}

export function shapleyFullObserved(): i32 {
  return observed;
}
