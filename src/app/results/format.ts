// Number formatting for results: every number with its 90% interval (MODEL.md §5). The
// formatters live in src/core/number-format.ts, shared with the offline report.
import { num } from '../../core/number-format';

export { num, pct, withInterval } from '../../core/number-format';

/** Per-point "mean [q05, q95]" of a band (for hover labels of series drawn as their means). */
export function bandText(b: { mean: ArrayLike<number>; q05: ArrayLike<number>; q95: ArrayLike<number> }): string[] {
  return Array.from(b.mean, (m, t) => `${num(m)} [${num(b.q05[t])}, ${num(b.q95[t])}]`);
}
