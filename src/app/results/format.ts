// Number formatting for results: every number with its 90% interval (MODEL.md §5).
import type { Estimate } from '../../core/types';

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

/** Per-point "mean [q05, q95]" of a band (for hover labels of series drawn as their means). */
export function bandText(b: { mean: ArrayLike<number>; q05: ArrayLike<number>; q95: ArrayLike<number> }): string[] {
  return Array.from(b.mean, (m, t) => `${num(m)} [${num(b.q05[t])}, ${num(b.q95[t])}]`);
}
