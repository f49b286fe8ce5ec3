// Descriptive numbers for the Attribution view: totals, journey lengths, most common paths.
// Paths are grouped with a typed open-addressing table keyed by a hash of the touch ids
// (collisions are resolved by comparing the touches), so a million distinct journeys do not
// become a million JS strings.
import type { PathSummary, PathTable, Totals } from './types';

export const LENGTH_BINS = 21; // 1..20 touches, then 21+

export function totals(t: PathTable): Totals {
  let conv = 0;
  let value = 0;
  let nulls = 0;
  for (let r = 0; r < t.conversions.length; r++) {
    conv += t.conversions[r];
    value += t.value[r];
    nulls += t.nulls[r];
  }
  return { rows: t.conversions.length, touches: t.touches.length, journeys: conv + nulls, conversions: conv, value, nulls };
}

function hashPath(touches: Uint16Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ touches[i], 0x01000193);
  return h >>> 0;
}

function samePath(t: Uint16Array, a0: number, b0: number, a1: number, b1: number): boolean {
  if (b0 - a0 !== b1 - a1) return false;
  for (let i = 0; i < b0 - a0; i++) if (t[a0 + i] !== t[a1 + i]) return false;
  return true;
}

export function pathSummary(t: PathTable, top = 20): PathSummary {
  const { touches, offsets, conversions, nulls, value } = t;
  const rows = conversions.length;
  const lengthCounts = new Float64Array(LENGTH_BINS + 1);
  let touchJourneys = 0;
  let journeys = 0;
  let size = 1024;
  while (size < rows * 2) size *= 2;
  const slotRow = new Int32Array(size).fill(-1);
  const slotJourneys = new Float64Array(size);
  const slotConv = new Float64Array(size);
  const slotValue = new Float64Array(size);
  const mask = size - 1;
  for (let r = 0; r < rows; r++) {
    const a = offsets[r];
    const b = offsets[r + 1];
    const w = conversions[r] + nulls[r];
    lengthCounts[Math.min(b - a, LENGTH_BINS)] += w;
    touchJourneys += (b - a) * w;
    journeys += w;
    let s = hashPath(touches, a, b) & mask;
    for (;;) {
      const q = slotRow[s];
      if (q < 0) {
        slotRow[s] = r;
        break;
      }
      if (samePath(touches, offsets[q], offsets[q + 1], a, b)) break;
      s = (s + 1) & mask;
    }
    slotJourneys[s] += w;
    slotConv[s] += conversions[r];
    slotValue[s] += value[r];
  }
  return { lengthCounts, meanTouches: journeys > 0 ? touchJourneys / journeys : 0, topPaths: topSlots(t, slotRow, slotJourneys, slotConv, slotValue, top) };
}

function topSlots(t: PathTable, slotRow: Int32Array, j: Float64Array, c: Float64Array, v: Float64Array, top: number): PathSummary['topPaths'] {
  // Keep the `top` heaviest slots with a small sorted buffer (top is tiny next to the table).
  const best: number[] = [];
  for (let s = 0; s < slotRow.length; s++) {
    if (slotRow[s] < 0) continue;
    if (best.length === top && j[s] <= j[best[top - 1]]) continue;
    let i = best.length < top ? best.length : top - 1;
    best[i] = s;
    while (i > 0 && j[best[i - 1]] < j[best[i]]) {
      [best[i - 1], best[i]] = [best[i], best[i - 1]];
      i--;
    }
  }
  return best.map((s) => {
    const r = slotRow[s];
    return { path: Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1])), journeys: j[s], conversions: c[s], value: v[s] };
  });
}
