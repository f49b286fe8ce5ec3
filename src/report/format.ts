// Number formatting for the executive report, every estimate written with its 90% interval
// (MODEL.md §5: "every reported number carries its uncertainty"). Outcome quantities use the
// Results step's num (src/core/number-format.ts) so the report and the studio show the same
// digits; amounts, ratios, parameters and ticks are the report's own, fixed to en-US so the
// same run gives the same file on every machine.
import { num } from '../core/number-format';
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
 * A number to `digits` significant digits with a suffix from ten thousand: 12.3M, 45.6k,
 * 1,234, 12.3, 0.0123 (parameters, LOO, ticks). Outcome quantities use fmtQuantity, counts fmtCount.
 */
export function fmtNum(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
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

/** A count such as an ESS (effective draws): a whole number with en-US grouping, 90 / 3,912. */
export function fmtCount(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return Math.round(x).toLocaleString('en-US');
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

/** fmtPct as a Formatter. */
export const pctOf: Formatter = (x) => fmtPct(x);

/** Formats one number of an estimate or a table cell. */
export type Formatter = (x: number | null | undefined) => string;

/**
 * An outcome quantity (contribution, expected outcome, lift, observed total) as the Results
 * step writes it: -82.9k, 1.82M, 950, 0.52. Each number on its own scale: an interval's
 * suffix never forces the mean into "-0.0829M". Missing values read "n/a" as elsewhere here.
 */
export const fmtQuantity: Formatter = (x) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : num(x));

/** "mean (90% interval q05 to q95)", or "n/a" when the estimate could not be computed. */
export function fmtEst(e: Estimate | null | undefined, f: Formatter = fmtQuantity): string {
  if (!e || e.mean === null) return 'n/a (could not be computed)';
  return `${f(e.mean)} (90% interval ${f(e.q05)} to ${f(e.q95)})`;
}

/** "q05 to q95" for table cells. */
export function fmtInterval(e: Estimate | null | undefined, f: Formatter = fmtQuantity): string {
  if (!e || e.q05 === null || e.q95 === null) return 'n/a';
  return `${f(e.q05)} to ${f(e.q95)}`;
}

/**
 * A timestamp as "2026-11-23 07:05 UTC". The report is a file that travels: UTC, said
 * outright, reads the same to every reader in any time zone without offset arithmetic, and
 * keeps the same run's report identical on every machine (a local time would change with
 * the machine's zone). Seconds are dropped (truncated, as a clock shows them); the run file
 * keeps the exact instant. A missing or unreadable stamp is said so, or shown as recorded.
 */
export function fmtDateTime(iso: string | null | undefined): string {
  if (typeof iso !== 'string' || iso.trim() === '') return 'not recorded';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** Tick labels: as fmtNum but keeping the digits a tick step needs. */
export function fmtTick(x: number, step: number): string {
  if (Math.abs(x) < step * 1e-9) return '0';
  const a = Math.abs(x);
  if (a >= 1e4) return fmtNum(x, Math.max(2, Math.min(6, Math.ceil(Math.log10(a / step)) + 1)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
