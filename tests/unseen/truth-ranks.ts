// The SBC ranks of one simulated set (src/checks/sbc-ranks.ts): for every scalar parameter
// of the generator's truth (in the fit's units, ./simulate.ts) and for every channel's ROAS,
// the rank of the true value among L thinned posterior draws (Talts et al. 2018 §4.1), with
// the parameter's bulk ESS so the bench can say where thinning to L left autocorrelation.
import type { InferenceData } from '../../src/core/types';
import { Rng } from '../../src/core/rng';
import { sbcRank, thinnedIndices } from '../../src/checks/sbc-ranks';
import { parameterChains } from '../../src/diagnostics/idata';
import { essBulk } from '../../src/diagnostics/convergence';
import type { Decomposition } from '../../src/analysis/decomposition';
import { roasDraws } from '../../src/analysis/roas';
import type { Simulated } from './simulate';

/** Thinned draws per rank: ranks are in 0…99, 100 values (Talts et al. use L = 99 in §5 too). */
export const SBC_L = 99;

export interface RankRecord {
  /** Parameter name without its coordinate (intercept, adstock_alpha, …) or 'roas'. */
  family: string;
  /** name[coord] as MODEL.md §8 keys it; roas[channel]. */
  key: string;
  /** In 0…L. */
  rank: number;
  /** Bulk ESS of the full chains (null when it cannot be computed). */
  ess: number | null;
  /** For gamma_control, the generator's kind of that control (event, random_walk, big_random_walk, trend). */
  group?: string;
}

/** Splits chain-major draws (chains stored one after another) back into chains. */
function splitChainMajor(x: Float64Array, chains: number): Float64Array[] {
  const len = x.length / chains;
  return Array.from({ length: chains }, (_, c) => x.subarray(c * len, (c + 1) * len));
}

function concat(chains: Float64Array[]): Float64Array {
  const out = new Float64Array(chains.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chains) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** gamma_control[name] → { group: that control's kind }, so the bench can pool controls by kind. */
function controlKind(sim: Simulated, variable: string, key: string): { group?: string } {
  if (variable !== 'gamma_control') return {};
  const i = sim.roles.controls.indexOf(key.slice('gamma_control['.length, -1));
  return i >= 0 ? { group: sim.controlKinds[i] } : {};
}

/**
 * Ranks of every true scalar and every channel's true ROAS; a truth without posterior draws
 * or a non-finite draw is a problem line, not a rank.
 */
export function truthRanks(sim: Simulated, idata: InferenceData, dec: Decomposition, problems: string[], L = SBC_L): RankRecord[] {
  const rng = new Rng(sim.seed, 0x5bc2);
  const out: RankRecord[] = [];
  const byKey = new Map(parameterChains(idata).map((s) => [s.key, s]));
  for (const [key, truth] of Object.entries(sim.theta)) {
    const s = byKey.get(key);
    if (!s) {
      problems.push(`sbc: the posterior has no ${key}`);
      continue;
    }
    const draws = concat(s.chains);
    const rank = sbcRank(truth, draws, thinnedIndices(draws.length, L), rng);
    if (rank === null) problems.push(`sbc: ${key} has a non-finite truth or draw`);
    else out.push({ family: s.variable, key, rank, ess: finiteOrNull(essBulk(s.chains)), ...controlKind(sim, s.variable, key) });
  }
  const chains = (idata.sample_stats.diverging as unknown[]).length;
  sim.channels.forEach((ch) => {
    const c = dec.channels.indexOf(ch.name);
    if (c < 0) return problems.push(`sbc: the decomposition has no channel ${ch.name}`);
    const draws = roasDraws(dec, c);
    const rank = sbcRank(ch.roas, draws, thinnedIndices(draws.length, L), rng);
    if (rank === null) problems.push(`sbc: ROAS of ${ch.name} has a non-finite truth or draw`);
    else out.push({ family: 'roas', key: `roas[${ch.name}]`, rank, ess: finiteOrNull(essBulk(splitChainMajor(draws, chains))) });
  });
  return out;
}
