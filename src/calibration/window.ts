// Resolving a lift test's date window against the Dataset's periods (MODEL.md §6: n is the
// number of periods in the window; x is the channel's mean spend per period in the window).
import type { Dataset } from '../core/types';
import type { ResolvedWindow } from './types';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date, or NaN when the string is not a valid yyyy-mm-dd. */
export function isoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / DAY_MS;
}

export function periodDays(grain: Dataset['grain']): number {
  return grain === 'week' ? 7 : 1;
}

export type WindowProblem =
  | { kind: 'order' }
  | { kind: 'outside'; dataFirst: string; dataEnd: string };

/**
 * The periods overlapping [start, end] (inclusive dates). A period with start date d covers
 * the days d .. d + periodDays − 1. The window must lie inside the data (Robyn's
 * check_calibration rule: liftStartDate ≥ first date, liftEndDate ≤ last date + interval − 1).
 * n = window days / period days, which is the period count when the window is aligned;
 * for a window that cuts periods it is the fractional length the per-period lift needs
 * (Robyn scales likewise by liftDays / decompDays in lift_calibration).
 */
export function resolveWindow(data: Dataset, channel: number, start: string, end: string): ResolvedWindow | WindowProblem {
  const s = isoDay(start);
  const e = isoDay(end);
  if (e < s) return { kind: 'order' };
  const step = periodDays(data.grain);
  const days = data.dates.map(isoDay);
  const dataEnd = days[days.length - 1] + step - 1;
  if (s < days[0] || e > dataEnd) {
    return { kind: 'outside', dataFirst: data.dates[0], dataEnd: new Date(dataEnd * DAY_MS).toISOString().slice(0, 10) };
  }
  let first = -1;
  let last = -1;
  for (let t = 0; t < days.length; t++) {
    if (days[t] + step - 1 >= s && days[t] <= e) {
      if (first < 0) first = t;
      last = t;
    }
  }
  const spend = data.channels[channel].spend;
  let total = 0;
  for (let t = first; t <= last; t++) total += spend[t];
  const endsOnBoundary = last === days.length - 1 ? e === dataEnd : days[last + 1] === e + 1;
  return {
    start,
    end,
    first,
    last,
    periods: (e - s + 1) / step,
    aligned: days[first] === s && endsOnBoundary,
    data_spend: total,
  };
}

/** The channel's mean spend per period over the window's periods (x of MODEL.md §6). */
export function meanSpend(w: ResolvedWindow): number {
  return w.data_spend / (w.last - w.first + 1);
}
