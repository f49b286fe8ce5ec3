// Per-chain time left, from the pace so far: elapsed / iterations done × iterations left.
// Warmup iterations are slower than sampling ones early on (step size still adapting), so
// the estimate errs long at first; it is shown rounded and only after a few iterations.
import type { ChainProgress } from '../../core/types';

/** Seconds left for a chain, or null while the pace is unknown. */
export function etaSeconds(p: ChainProgress): number | null {
  if (p.phase === 'done') return 0;
  if (p.iteration < 5 || p.elapsed_ms <= 0) return null;
  return ((p.elapsed_ms / p.iteration) * (p.total - p.iteration)) / 1000;
}

export function formatDuration(s: number | null): string {
  if (s === null) return 'estimating…';
  if (s < 1) return '< 1 s';
  if (s < 90) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const r = Math.round(s - 60 * m);
  return m < 60 ? `${m} min ${r} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
