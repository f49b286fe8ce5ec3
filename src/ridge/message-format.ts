// Numbers in the ridge fallback's messages, formatted as the rest of the studio formats them
// (src/core/number-format.ts: "7.22M", "16.6k", "25.6%"), so a warning reads like the table it
// is about; the raw doubles ("7222102", "0.2557550624") did not.
import { num, pct } from '../core/number-format';

/** num(v), or the value itself when it is not finite (num shows "—", which would hide the NaN an error is about). */
export function shown(v: number): string {
  return Number.isFinite(v) ? num(v) : String(v);
}

/** The suffixes the shared formatter writes ("7.22M", "16.6k", "25.6%"): the value each stands for, and the mantissa it shows (the same operation as num/pct, so the same rounding). */
const SUFFIXES: Record<string, { scale: number; mantissa: (v: number) => number }> = {
  M: { scale: 1e6, mantissa: (v) => v / 1e6 },
  k: { scale: 1e3, mantissa: (v) => v / 1e3 },
  '%': { scale: 1e-2, mantissa: (v) => 100 * v },
};

/**
 * `shownAs` (num(v) or pct(v)) with `extra` more digits of the same kind, read back from the
 * string itself, so the formatter's thresholds live in src/core/number-format.ts alone: the
 * suffix gives the scale, and the digits give the precision — fixed decimals ("512", "1.50",
 * "16.6k"), or significant digits where the mantissa has no integer part ("0.0063",
 * "1.2e-7": num's toPrecision(2) branch). For a mantissa whose first decimal is non-zero both
 * readings give the same string, so where num's branches meet (0.995) it does not matter which.
 * pct always writes fixed decimals (`fixed`): its "0.1%" may be 0.06% rounded up.
 */
function moreDigits(shownAs: string, v: number, extra: number, fixed = false): string {
  const last = shownAs.at(-1)!;
  const unit = SUFFIXES[last];
  const suffix = unit === undefined ? '' : last;
  const m = unit === undefined ? shownAs : shownAs.slice(0, -1);
  const x = unit === undefined ? v : unit.mantissa(v);
  const [mantissa] = m.replace(/^-/, '').split('e');
  const [whole, decimals = ''] = mantissa.split('.');
  const significant = decimals.replace(/^0+/, '');
  if (!fixed && (m.includes('e') || (whole === '0' && significant !== ''))) {
    const digits = m.includes('e') ? mantissa.replace('.', '').length : significant.length;
    return x.toPrecision(digits + extra) + suffix;
  }
  return x.toFixed(decimals.length + extra) + suffix;
}

/**
 * num(v) with `extra` more decimals at the same scale (same k/M suffix), for telling apart two
 * numbers that num shows alike. extra = 0 is num(v) itself.
 */
export function numFiner(v: number, extra: number): string {
  return extra === 0 || !Number.isFinite(v) ? num(v) : moreDigits(num(v), v, extra);
}

/** pct(v) with `extra` more decimals. */
export function pctFiner(v: number, extra: number): string {
  return extra === 0 || !Number.isFinite(v) ? pct(v) : moreDigits(pct(v), v, extra, true);
}

/**
 * A value the user typed (a search range), in the shared format when that shows it exactly, else
 * with as many more decimals as it takes (at most 6): a range rejected for ending at
 * 1.0000001 must not read "[0.0, 1.00]".
 */
export function typed(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let extra = 0; extra < 6; extra++) {
    const s = numFiner(v, extra);
    const scale = SUFFIXES[s.at(-1)!]?.scale ?? 1;
    if (Math.abs(parseFloat(s) * scale - v) <= 1e-12 * Math.abs(v)) return s;
  }
  return numFiner(v, 6);
}

/**
 * The fewest extra decimals (at most 6) at which `fmt` shows a and b differently: a message that
 * says a lies below b must not print them alike ("7.22M lies below [7.22M, …]").
 */
export function digitsApart(a: number, b: number, fmt: (v: number, extra: number) => string): number {
  let extra = 0;
  while (extra < 6 && fmt(a, extra) === fmt(b, extra)) extra++;
  return extra;
}
