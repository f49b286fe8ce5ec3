// A chain's divergences split into warmup and sampling. The engine's running count covers
// every iteration, warmup included, but divergences while the sampler is still adapting its
// step size are common and leave no trace in the results: warmup draws are discarded, and the
// Diagnostics step counts only the kept draws (Stan and ArviZ do the same: CmdStan's
// summary and az.summary report post-warmup divergences). Showing the running total in red
// next to a Diagnostics check that says "0 divergent" contradicted itself.
import type { ChainProgress, InferenceData } from '../../core/types';

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

/** Divergent kept draws per chain, keyed by the chain's number (idata coords.chain). */
export function keptDivergences(idata: InferenceData): Map<number, number> {
  const out = new Map<number, number>();
  const chains = (idata.coords?.chain ?? []).map(Number);
  const div = idata.sample_stats?.diverging as unknown as number[][] | undefined;
  if (!Array.isArray(div)) return out;
  chains.forEach((chain, k) => {
    const row = div[k];
    if (Array.isArray(row)) out.set(chain, row.reduce((s, v) => s + (Number(v) > 0 ? 1 : 0), 0));
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
