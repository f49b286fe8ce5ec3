// A chain's divergences split into warmup and sampling. The engine's running count covers
// every iteration, warmup included, but divergences while the sampler is still adapting its
// step size are common and leave no trace in the results: warmup draws are discarded, and the
// Diagnostics step counts only the kept draws (Stan and ArviZ do the same: CmdStan's
// summary and az.summary report post-warmup divergences). Showing the running total in red
// next to a Diagnostics check that says "0 divergent" contradicted itself.
import type { ChainProgress, InferenceData } from '../../core/types';
import { statChains } from '../../diagnostics/idata';
import { chainHealth, type ChainHealth } from '../../diagnostics/sampler';

export interface DivergenceSplit {
  warmup: number;
  sampling: number;
  /** True once the sampling count comes from the kept draws themselves (the fit ended). */
  exact: boolean;
}

/**
 * The split from the running count and the count at the last report still in warmup.
 * A report whose chunk crossed the end of warmup puts that chunk's warmup divergences on
 * the sampling side until the fit ends and the exact count replaces it.
 */
export function divergenceSplit(p: ChainProgress, warmupCount: number | undefined, exactSampling: number | undefined): DivergenceSplit {
  if (exactSampling !== undefined) return { warmup: Math.max(0, p.divergences - exactSampling, warmupCount ?? 0), sampling: exactSampling, exact: true };
  if (p.phase === 'init' || p.phase === 'warmup') return { warmup: p.divergences, sampling: 0, exact: false };
  const w = Math.min(warmupCount ?? 0, p.divergences);
  return { warmup: w, sampling: p.divergences - w, exact: false };
}

/**
 * Divergent kept draws per chain, keyed by the chain's number (idata coords.chain: chains left
 * out after failing keep their numbers). Counted by diagnostics' chainHealth, the count the
 * Diagnostics step shows, so the two cannot disagree; a chain without the statistic is left out.
 */
export function keptDivergences(idata: InferenceData): Map<number, number> {
  const out = new Map<number, number>();
  let health: ChainHealth[];
  try {
    // Only the divergences are read; the tree-depth limit does not enter them.
    health = chainHealth({ diverging: statChains(idata, 'diverging') }, Infinity);
  } catch {
    return out; // not chain × draw: the Fit step keeps the split from the progress reports
  }
  (idata.coords?.chain ?? []).map(Number).forEach((chain, k) => {
    const n = health[k]?.divergences;
    if (n !== undefined && !Number.isNaN(n)) out.set(chain, n);
  });
  return out;
}

const plural = (n: number) => `${n} divergence${n === 1 ? '' : 's'}`;

/** What the chain's row says: the count that matters (red when > 0) and the warmup note. */
export function divergenceText(s: DivergenceSplit, phase: ChainProgress['phase']): { main: string; bad: boolean; note: string } {
  if (phase === 'init' || phase === 'warmup') return { main: `${plural(s.warmup)} in warmup`, bad: false, note: '' };
  return { main: plural(s.sampling), bad: s.sampling > 0, note: s.warmup > 0 ? `(+${s.warmup} in warmup, discarded)` : '' };
}

/** The hover text on the count: why warmup divergences are not alarming. */
export const WARMUP_DIVERGENCE_HELP =
  'Divergences while the sampler adapts its step size (warmup) are common and those draws are discarded; only divergences after warmup affect the results (Diagnostics → Divergent transitions).';

/**
 * The count when no split is known (the Diagnostics refits' progress): said as what it is,
 * warmup included, and not in red; the refit's own health check counts the kept draws.
 */
export function unsplitDivergenceText(p: ChainProgress): string {
  const n = `${p.divergences} divergence${p.divergences === 1 ? '' : 's'}`;
  return p.phase === 'init' || p.phase === 'warmup' ? `${n} in warmup` : `${n}, warmup included`;
}
