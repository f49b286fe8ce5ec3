// Sampler health from NUTS statistics (ArviZ sample_stats names): divergences and where
// they happen, tree-depth saturation, E-BFMI per chain, step sizes.

export interface ChainHealth {
  chain: number;
  draws: number;
  divergences: number;
  /** Draw indices (0-based, within the chain) of the divergent transitions. */
  divergent_draws: number[];
  /** Transitions that stopped at the maximum tree depth (tree_depth ≥ max_treedepth). */
  max_treedepth_hits: number;
  /** Energy Bayesian fraction of missing information; NaN when energy is not recorded. */
  e_bfmi: number;
  /** Mean post-warmup step size (constant after adaptation, so the mean is that value). */
  step_size: number;
  mean_acceptance: number;
  mean_tree_depth: number;
}

/**
 * E-BFMI = Σ (E_n − E_{n−1})² / (N−1)  ÷  Σ (E_n − Ē)² / N, as ArviZ's `bfmi` computes it:
 * Betancourt (2016) "Diagnosing suboptimal cotangent disintegrations in Hamiltonian Monte
 * Carlo", arXiv:1604.00695, eq. 3 estimated from the energy at each draw. Values below 0.3
 * mean the momentum resampling explores the energy distribution poorly (heavy tails).
 */
export function eBfmi(energy: ArrayLike<number>): number {
  const n = energy.length;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += energy[i];
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) num += (energy[i] - energy[i - 1]) ** 2;
    den += (energy[i] - mean) ** 2;
  }
  if (den === 0) return NaN;
  return num / (n - 1) / (den / n);
}

export interface SampleStatChains {
  diverging?: Float64Array[] | null;
  tree_depth?: Float64Array[] | null;
  energy?: Float64Array[] | null;
  step_size?: Float64Array[] | null;
  acceptance_rate?: Float64Array[] | null;
}

function meanOf(x: ArrayLike<number> | undefined): number {
  if (!x || x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Health per chain; a missing statistic gives NaN (0 for counts of what was not recorded is wrong, so NaN). */
export function chainHealth(stats: SampleStatChains, maxTreedepth: number): ChainHealth[] {
  const nChains =
    stats.diverging?.length ?? stats.energy?.length ?? stats.tree_depth?.length ?? stats.step_size?.length ?? 0;
  const out: ChainHealth[] = [];
  for (let c = 0; c < nChains; c++) {
    const div = stats.diverging?.[c];
    const depth = stats.tree_depth?.[c];
    const divergentDraws: number[] = [];
    if (div) for (let d = 0; d < div.length; d++) if (div[d] !== 0 && !Number.isNaN(div[d])) divergentDraws.push(d);
    let hits = 0;
    if (depth) for (let d = 0; d < depth.length; d++) if (depth[d] >= maxTreedepth) hits++;
    out.push({
      chain: c,
      draws: div?.length ?? depth?.length ?? stats.energy?.[c]?.length ?? 0,
      divergences: div ? divergentDraws.length : NaN,
      divergent_draws: divergentDraws,
      max_treedepth_hits: depth ? hits : NaN,
      e_bfmi: stats.energy?.[c] ? eBfmi(stats.energy[c]) : NaN,
      step_size: meanOf(stats.step_size?.[c]),
      mean_acceptance: meanOf(stats.acceptance_rate?.[c]),
      mean_tree_depth: meanOf(depth),
    });
  }
  return out;
}

export interface SamplerTotals {
  draws: number;
  divergences: number;
  divergence_rate: number;
  max_treedepth_hits: number;
  min_e_bfmi: number;
}

export function samplerTotals(chains: ChainHealth[]): SamplerTotals {
  const draws = chains.reduce((a, c) => a + c.draws, 0);
  const divergences = chains.reduce((a, c) => a + c.divergences, 0);
  const bfmis = chains.map((c) => c.e_bfmi).filter((v) => !Number.isNaN(v));
  return {
    draws,
    divergences,
    divergence_rate: draws > 0 ? divergences / draws : NaN,
    max_treedepth_hits: chains.reduce((a, c) => a + c.max_treedepth_hits, 0),
    min_e_bfmi: bfmis.length > 0 ? Math.min(...bfmis) : NaN,
  };
}
