// Days → Monday-start weeks (MODEL.md §7). Spend, impressions, clicks and the target are
// summed; controls are averaged over the week's days (rates, indices, prices), except 0/1
// indicators, which take the maximum (1 if the event happens in that week, the same rule as
// the holiday dummies), and any control the user sets to 'sum'.
import { mondayOf } from './calendar';
import type { ControlAggregate } from './types';

export interface WeekPlan {
  /** Day number of each week's Monday. */
  starts: number[];
  /** Week index of each day slot. */
  weekOfDay: Int32Array;
  /** Days of each week the data covers (7 except maybe the first and last). */
  coverage: Int32Array;
}

/** Weeks covering `length` consecutive days from day `first`. */
export function weekPlan(first: number, length: number): WeekPlan {
  const firstMonday = mondayOf(first);
  const weeks = Math.floor((mondayOf(first + length - 1) - firstMonday) / 7) + 1;
  const weekOfDay = new Int32Array(length);
  const coverage = new Int32Array(weeks);
  for (let i = 0; i < length; i++) {
    const w = (mondayOf(first + i) - firstMonday) / 7;
    weekOfDay[i] = w;
    coverage[w]++;
  }
  return { starts: Array.from({ length: weeks }, (_, w) => firstMonday + 7 * w), weekOfDay, coverage };
}

/** Combine a complete daily series into weeks. */
export function toWeeks(daily: Float64Array, plan: WeekPlan, how: ControlAggregate): Float64Array {
  const out = new Float64Array(plan.starts.length).fill(how === 'max' ? -Infinity : 0);
  for (let i = 0; i < daily.length; i++) {
    const w = plan.weekOfDay[i];
    out[w] = how === 'max' ? Math.max(out[w], daily[i]) : out[w] + daily[i];
  }
  if (how === 'mean') for (let w = 0; w < out.length; w++) out[w] /= plan.coverage[w];
  return out;
}

/**
 * A series given once a week inside daily data (e.g. weekly factors dated Mondays): each
 * week takes its observed value(s) (summed for totals, else averaged); NaN where none.
 */
export function weeklyFromSparse(daily: Float64Array, plan: WeekPlan, how: ControlAggregate): Float64Array {
  const sum = new Float64Array(plan.starts.length);
  const count = new Int32Array(plan.starts.length);
  const max = new Float64Array(plan.starts.length).fill(-Infinity);
  for (let i = 0; i < daily.length; i++) {
    if (Number.isNaN(daily[i])) continue;
    const w = plan.weekOfDay[i];
    sum[w] += daily[i];
    count[w]++;
    max[w] = Math.max(max[w], daily[i]);
  }
  return sum.map((s, w) => (count[w] === 0 ? NaN : how === 'sum' ? s : how === 'max' ? max[w] : s / count[w]));
}

/** True if the observed cells all fall on one weekday (a weekly series in a daily frame). */
export function isSparseWeekly(daily: Float64Array): boolean {
  let phase = -1;
  let n = 0;
  for (let i = 0; i < daily.length; i++) {
    if (Number.isNaN(daily[i])) continue;
    if (phase < 0) phase = i % 7;
    else if (i % 7 !== phase) return false;
    n++;
  }
  return n >= 2;
}
