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
  return h | 0;
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
  // Slots hold the hash and the group; groups are dense, in order of first appearance.
  const slotHash = new Int32Array(size);
  const slotGroup = new Int32Array(size).fill(-1);
  const groupRow = new Int32Array(rows);
  const groupJourneys = new Float64Array(rows);
  const groupConv = new Float64Array(rows);
  const groupValue = new Float64Array(rows);
  let groups = 0;
  const mask = size - 1;
  for (let r = 0; r < rows; r++) {
    const a = offsets[r];
    const b = offsets[r + 1];
    const w = conversions[r] + nulls[r];
    lengthCounts[b - a < LENGTH_BINS ? b - a : LENGTH_BINS] += w;
    touchJourneys += (b - a) * w;
    journeys += w;
    const h = hashPath(touches, a, b);
    let s = h & mask;
    let g: number;
    for (;;) {
      g = slotGroup[s];
      if (g < 0) {
        g = slotGroup[s] = groups++;
        slotHash[s] = h;
        groupRow[g] = r;
        break;
      }
      if (slotHash[s] === h) {
        const q = groupRow[g];
        if (samePath(touches, offsets[q], offsets[q + 1], a, b)) break;
      }
      s = (s + 1) & mask;
    }
    groupJourneys[g] += w;
    groupConv[g] += conversions[r];
    groupValue[g] += value[r];
  }
  const topPaths = topGroups(t, groupRow, groupJourneys, groupConv, groupValue, groups, top);
  return { lengthCounts, meanTouches: journeys > 0 ? touchJourneys / journeys : 0, topPaths };
}

function topGroups(t: PathTable, groupRow: Int32Array, j: Float64Array, c: Float64Array, v: Float64Array, groups: number, top: number): PathSummary['topPaths'] {
  // Keep the `top` heaviest groups in a small sorted buffer; ties keep the earlier path.
  const best: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (best.length === top && j[g] <= j[best[top - 1]]) continue;
    let i = best.length < top ? best.length : top - 1;
    best[i] = g;
    while (i > 0 && j[best[i - 1]] < j[best[i]]) {
      [best[i - 1], best[i]] = [best[i], best[i - 1]];
      i--;
    }
  }
  return best.map((g) => {
    const r = groupRow[g];
    return { path: Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1])), journeys: j[g], conversions: c[g], value: v[g] };
  });
}
