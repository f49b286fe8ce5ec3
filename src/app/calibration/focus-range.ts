// The x range of an interval plot that must stay readable when one interval dwarfs the others.
// In the calibration panel the prior (what the model expected before the data and the tests)
// is often 10–100× wider than the posterior and the test it is compared with (dev_workspace_hill:
// radio's prior lift 105k [7.7k, 274k] per week against a test of 3.8k ± 0.6k): drawn in full it
// squeezes the comparison the panel is for — does the posterior agree with the test? — into a
// few pixels. So the range is built around the intervals being compared (the focus) and grows to
// take in the others (the context) only up to FOCUS_SHARE: the focus keeps at least a third of
// the width. A context interval that runs past the range is drawn to the edge and its numbers
// are written there (lift-figure.ts), so nothing is hidden.

export interface Interval {
  lo: number;
  hi: number;
}

export interface FocusRange {
  range: [number, number];
  /** Per context interval: which of its ends lie outside the range. */
  clipped: Array<{ lo: boolean; hi: boolean }>;
}

/** The focus spans at least 1 / MAX_WIDTH_RATIO of the range (before the edge padding). */
export const MAX_WIDTH_RATIO = 3;
/** Room left at each end, as a share of the range, so markers and bar caps are not cut. */
const PAD = 0.06;

const finite = (i: Interval) => Number.isFinite(i.lo) && Number.isFinite(i.hi);

/**
 * Range over the focus intervals, widened towards the context intervals by at most
 * (MAX_WIDTH_RATIO − 1)/2 focus widths on each side, then padded by PAD. Non-finite intervals
 * are ignored; a focus of zero width gets the width of its magnitude's tenth (or 1 at zero).
 */
export function focusRange(focus: readonly Interval[], context: readonly Interval[]): FocusRange {
  const f = focus.filter(finite);
  if (f.length === 0) throw new Error('focusRange needs at least one finite focus interval');
  const fLo = Math.min(...f.map((i) => Math.min(i.lo, i.hi)));
  const fHi = Math.max(...f.map((i) => Math.max(i.lo, i.hi)));
  const width = fHi > fLo ? fHi - fLo : Math.max(Math.abs(fHi), Math.abs(fLo)) / 10 || 1;
  const c = context.filter(finite);
  const cLo = Math.min(fLo, ...c.map((i) => Math.min(i.lo, i.hi)));
  const cHi = Math.max(fHi, ...c.map((i) => Math.max(i.lo, i.hi)));
  const reach = ((MAX_WIDTH_RATIO - 1) / 2) * width;
  let lo = Math.max(cLo, fLo - reach);
  let hi = Math.min(cHi, fHi + reach);
  if (hi <= lo) [lo, hi] = [lo - width / 2, hi + width / 2];
  const pad = PAD * (hi - lo);
  const range: [number, number] = [lo - pad, hi + pad];
  return {
    range,
    clipped: context.map((i) => (finite(i) ? { lo: Math.min(i.lo, i.hi) < range[0], hi: Math.max(i.lo, i.hi) > range[1] } : { lo: false, hi: false })),
  };
}
