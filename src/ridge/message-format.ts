// Numbers in the ridge fallback's messages, formatted as the rest of the studio formats them
// (src/core/number-format.ts: "7.22M", "16.6k", "25.6%"), so a warning reads like the table it
// is about; the raw doubles ("7222102", "0.2557550624") did not.
import { num, pct } from '../core/number-format';

/** num(v), or the value itself when it is not finite (num shows "—", which would hide the NaN an error is about). */
export function shown(v: number): string {
  return Number.isFinite(v) ? num(v) : String(v);
}

/**
 * num(v) with `extra` more decimals at the same scale (same k/M suffix), for telling apart two
 * numbers that num shows alike. extra = 0 is num(v) itself.
 */
export function numFiner(v: number, extra: number): string {
  if (extra === 0 || !Number.isFinite(v)) return num(v);
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(2 + extra)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1 + extra)}k`;
  if (a >= 100) return v.toFixed(extra);
  if (a >= 0.995) return v.toFixed(2 + extra);
  return v.toPrecision(2 + extra);
}

/** pct(v) with `extra` more decimals. */
export function pctFiner(v: number, extra: number): string {
  return extra === 0 || !Number.isFinite(v) ? pct(v) : `${(100 * v).toFixed(1 + extra)}%`;
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
    const scale = s.endsWith('M') ? 1e6 : s.endsWith('k') ? 1e3 : 1;
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
