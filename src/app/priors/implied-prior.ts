// What a ROAS prior does to a channel's priors, for plots. The ROAS prior replaces the
// channel's saturation_beta prior by beta | φ ~ LogNormal(mu − log K(φ), sigma)
// (src/calibration/roas-prior.ts), so
//  - the channel's ROAS prior (in the prior's scope) is the LogNormal(mu, sigma) itself: drawn
//    analytically, and checked against its simulation (samplePriorRoas) in the tests;
//  - saturation_beta's prior is no longer the spec's HalfNormal but the mixture of those
//    conditionals over the curve priors, which has no closed form: it is simulated, φ from
//    its priors and beta from the conditional, and shown as a histogram density.
import type { Dataset, ModelSpec, RoasPrior } from '../../core/types';
import { samplePriorRoas, type PriorRoasDraws } from '../../calibration/implied-roas';
import type { RoasData } from '../../calibration/roas-prior';
import { channelRoasPrior } from '../../model/spec';

/** Spend, its max and max |y| of one channel, in the scaling the model uses (MODEL.md §1). */
export function roasData(data: Pick<Dataset, 'channels' | 'target'>, channel: string): RoasData | null {
  const ch = data.channels.find((c) => c.name === channel);
  if (!ch) return null;
  let spendMax = 0;
  for (const v of ch.spend) spendMax = Math.max(spendMax, v);
  let targetMaxAbs = 0;
  for (const v of data.target.values) targetMaxAbs = Math.max(targetMaxAbs, Math.abs(v));
  return { spend: ch.spend, spendMax, targetMaxAbs };
}

export interface ImpliedPrior {
  prior: RoasPrior;
  draws: PriorRoasDraws;
}

/** Simulated draws of the priors a channel's ROAS prior implies; null without one (or without data). */
export function impliedPrior(spec: ModelSpec, data: Pick<Dataset, 'channels' | 'target'>, channel: string, n = 4000, seed = 1): ImpliedPrior | null {
  const prior = channelRoasPrior(spec, channel);
  const ch = spec.channels.find((c) => c.name === channel);
  const rd = roasData(data, channel);
  if (!prior || !ch || !rd || !(rd.spendMax > 0) || !(rd.targetMaxAbs > 0)) return null;
  return { prior, draws: samplePriorRoas(ch, spec.l_max, rd, { roasPrior: prior, draws: n, seed }) };
}

/**
 * A histogram density of draws on [lo, hi] (default: 0 to the 99th percentile, so a long tail
 * does not flatten the picture), as bin centres and heights; the heights integrate to the
 * share of draws inside the range.
 */
export function histogramDensity(draws: ArrayLike<number>, bins = 60, range?: [number, number]): { x: number[]; density: number[] } {
  const s = Float64Array.from(draws).filter(Number.isFinite).sort();
  const n = s.length;
  if (n === 0) return { x: [], density: [] };
  const [lo, hi] = range ?? [Math.min(0, s[0]), s[Math.min(n - 1, Math.floor(0.99 * (n - 1)))]];
  const w = (hi - lo) / bins;
  if (!(w > 0)) return { x: [lo], density: [1] };
  const count = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((s[i] - lo) / w);
    if (b >= 0 && b < bins) count[b]++;
    else if (s[i] === hi) count[bins - 1]++;
  }
  return { x: count.map((_, b) => lo + (b + 0.5) * w), density: count.map((c) => c / (n * w)) };
}

/**
 * For posterior-vs-prior plots of a run: the prior density of `saturation_beta[channel]` when a
 * ROAS prior replaced it (simulated, seeded by the run's seed), else null (the spec's own prior
 * applies). `data` is the run's dataset.
 */
export function replacedBetaPrior(spec: ModelSpec, data: Pick<Dataset, 'channels' | 'target'>, key: string, seed: number): { x: number[]; density: number[]; label: string } | null {
  const m = /^saturation_beta\[(.*)\]$/.exec(key);
  if (!m) return null;
  const implied = impliedPrior(spec, data, m[1], 4000, seed);
  if (!implied) return null;
  return { ...histogramDensity(implied.draws.beta, 60), label: `Prior implied by ${implied.prior.label} (simulated)` };
}
