// Data behind the diagnostic plots the studio draws (the drawing stays in the UI):
// rank histograms per chain and the energy plot.

import { averageRanks, type Chains, flatten } from './draws';

/**
 * Rank plot (Vehtari et al. 2021 §4.1 and Fig. 5): rank all draws together, then count
 * each chain's ranks in equal-width bins over 1..S. With mixing chains every bin holds
 * about draws/bins; a chain that sits elsewhere piles up at one end.
 */
export function rankHistograms(chains: Chains, bins = 20): { counts: number[][]; expected: number } {
  const ranks = averageRanks(flatten(chains));
  const s = ranks.length;
  const counts: number[][] = [];
  let o = 0;
  for (const c of chains) {
    const h = new Array<number>(bins).fill(0);
    for (let d = 0; d < c.length; d++) {
      const b = Math.min(bins - 1, Math.floor(((ranks[o++] - 1) / s) * bins));
      h[b]++;
    }
    counts.push(h);
  }
  return { counts, expected: chains.length ? chains[0].length / bins : 0 };
}

/**
 * Energy plot (Betancourt 2017 "A conceptual introduction to HMC" §6.1): the marginal
 * energy centred on its mean, and the energy transitions E_n − E_{n−1}, per chain. When the
 * transition distribution is much narrower than the marginal one, E-BFMI is low.
 */
export function energyPlotData(energy: Chains): Array<{ marginal: Float64Array; transition: Float64Array }> {
  return energy.map((e) => {
    let m = 0;
    for (let i = 0; i < e.length; i++) m += e[i];
    m /= e.length;
    return {
      marginal: Float64Array.from(e as ArrayLike<number>, (v) => v - m),
      transition: Float64Array.from({ length: Math.max(0, e.length - 1) }, (_, i) => e[i + 1] - e[i]),
    };
  });
}
