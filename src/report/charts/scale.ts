// Linear scales and "nice" tick values for the report's SVG charts. Ticks follow Heckbert's
// loose labelling (P. Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the
// step is 1, 2 or 5 × 10^k, and the axis is widened to whole steps.

export interface LinearScale {
  domain: [number, number];
  range: [number, number];
  map(v: number): number;
}

export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 !== d0 ? (r1 - r0) / (d1 - d0) : 0;
  return { domain, range, map: (v) => r0 + (v - d0) * k };
}

/** Heckbert's nicenum: the nice number near x (rounded, or the ceiling when round is false). */
function niceNum(x: number, round: boolean): number {
  const e = Math.floor(Math.log10(x));
  const f = x / 10 ** e;
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** e;
}

export interface Ticks {
  lo: number;
  hi: number;
  step: number;
  values: number[];
}

/** About `count` nice ticks covering [lo, hi]; a degenerate range is widened around its value. */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { lo: 0, hi: 1, step: 0.5, values: [0, 0.5, 1] };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const range = niceNum(hi - lo, false);
  const step = niceNum(range / Math.max(1, count - 1), true);
  let first = Math.floor(lo / step) * step;
  let last = Math.ceil(hi / step) * step;
  // floor(lo/step)·step can round above lo when |lo| ≫ step; one more step restores coverage.
  if (first > lo) first -= step;
  if (last < hi) last += step;
  const values: number[] = [];
  // Index-based so that rounding does not add or drop a tick; rounded to the step's own
  // decimals (not to significant digits, which would merge ticks of a narrow range far from 0).
  const n = Math.round((last - first) / step);
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(step))));
  for (let i = 0; i <= n; i++) values.push(Number((first + i * step).toFixed(decimals)));
  return { lo: first, hi: last, step, values };
}

/** Coordinates in the SVG: two decimals are far below a pixel and keep the file small. */
export const px = (v: number): string => (Math.round(v * 100) / 100).toString();
