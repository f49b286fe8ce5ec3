// Number formatting for the executive report: three significant digits, thousands
// separators, k/M/B above ten thousand, and every estimate written with its 90% interval
// (MODEL.md §5: "every reported number carries its uncertainty"). Fixed to en-US so the same
// run gives the same file on every machine.
import type { Estimate } from '../core/types';

/** [threshold, divisor, suffix]: thousands get a suffix only from ten thousand on. */
const SUFFIXES: Array<[number, number, string]> = [
  [1e12, 1e12, 'T'],
  [1e9, 1e9, 'B'],
  [1e6, 1e6, 'M'],
  [1e4, 1e3, 'k'],
];

/** Significant digits, trailing zeros dropped, en-US grouping. */
function sig(x: number, digits: number): string {
  if (x === 0) return '0';
  const mag = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, digits - 1 - mag);
  const rounded = Number(x.toFixed(Math.min(decimals, 20)));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: decimals, useGrouping: true });
}

/**
 * A quantity (outcome, spend, contribution): 12.3M, 45.6k, 1,234, 12.3, 0.0123. With `ref`
 * (the largest magnitude of a group, e.g. an estimate and its interval) the suffix follows
 * it, so a mean and its interval are written on one scale.
 */
export function fmtNum(x: number | null | undefined, digits = 3, ref?: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.max(Math.abs(x), ref !== undefined && Number.isFinite(ref) ? Math.abs(ref) : 0);
  let bigger: [number, string] | null = null;
  for (const [threshold, divisor, suffix] of SUFFIXES) {
    if (a >= threshold) {
      const v = x / divisor;
      // 999.96k rounds to 1000k: use the next suffix up instead (1M).
      if (Math.abs(Number((a / divisor).toPrecision(digits))) >= 1000 && bigger) return sig(x / bigger[0], digits) + bigger[1];
      return sig(v, digits) + suffix;
    }
    bigger = [divisor, suffix];
  }
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : sig(x, digits);
}

/** Full-precision-ish spend for tables: whole units with separators (small values keep 3 digits). */
export function fmtAmount(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : sig(x, 3);
}

/** A ratio such as ROAS: two decimals (1.23), whole numbers from 100 on (4,887), three significant digits below 0.1. */
export function fmtRatio(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  return a >= 0.1 ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : sig(x, 3);
}

/** A fraction as a percentage: 0.1234 → 12.3%. */
export function fmtPct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return `${(100 * x).toFixed(digits)}%`;
}

/** fmtPct as a Formatter (the group reference does not change a percentage). */
export const pctOf: Formatter = (x) => fmtPct(x);

/** Formats one number; `ref` is the largest magnitude of the group it is shown with. */
export type Formatter = (x: number | null | undefined, ref?: number) => string;

const quantity: Formatter = (x, ref) => fmtNum(x, 3, ref);

function groupRef(e: Estimate): number {
  return Math.max(...[e.mean, e.q05, e.q95].map((v) => (v === null || !Number.isFinite(v) ? 0 : Math.abs(v))));
}

/** "mean (90% interval q05 to q95)", or "n/a" when the estimate could not be computed. */
export function fmtEst(e: Estimate | null | undefined, f: Formatter = quantity): string {
  if (!e || e.mean === null) return 'n/a (could not be computed)';
  const ref = groupRef(e);
  return `${f(e.mean, ref)} (90% interval ${f(e.q05, ref)} to ${f(e.q95, ref)})`;
}

/** "q05 to q95" for table cells. */
export function fmtInterval(e: Estimate | null | undefined, f: Formatter = quantity): string {
  if (!e || e.q05 === null || e.q95 === null) return 'n/a';
  const ref = groupRef(e);
  return `${f(e.q05, ref)} to ${f(e.q95, ref)}`;
}

/** Tick labels: as fmtNum but keeping the digits a tick step needs. */
export function fmtTick(x: number, step: number): string {
  if (Math.abs(x) < step * 1e-9) return '0';
  const a = Math.abs(x);
  if (a >= 1e4) return fmtNum(x, Math.max(2, Math.min(6, Math.ceil(Math.log10(a / step)) + 1)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
