// The studio's number formatting, shared by the Results step (src/app/results) and the
// offline executive report (src/report), so a number reads the same on screen and on paper:
// k from ten thousand, M from a million, each number on its own scale ("-82.9k", never
// "-0.0829M" to match its interval's suffix). Pure: no DOM, no app state.
import type { Estimate } from './types';

export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return v.toFixed(0);
  // From 0.995 up, two significant digits would round to "1.0" next to "1.52": use the same two decimals.
  if (a >= 0.995) return v.toFixed(2);
  return v.toPrecision(2);
}

/** "mean [q05, q95]". */
export function withInterval(e: Estimate | null | undefined): string {
  if (!e || e.mean === null) return '—';
  return `${num(e.mean)} [${num(e.q05)}, ${num(e.q95)}]`;
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`;
}
