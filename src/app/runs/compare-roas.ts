// ROAS per channel for two runs side by side. The Runs comparison listed only parameters in
// model units (betas as shares of the largest y), which say little about what changed for a
// channel between, say, l_max 8 and l_max 4; its ROAS with interval is what an analyst
// compares (PyMC-Marketing and Meridian compare models on ROAS too). Computed as the Results
// step does (src/analysis decompose → channelRoas), keeping one draw over time since only
// window totals are needed here.
import type { Estimate, InferenceData } from '../../core/types';
import { decompose } from '../../analysis/decomposition';
import { posteriorFromInferenceData } from '../../analysis/posterior';
import { channelRoas, type ChannelRoas } from '../../analysis/roas';

export interface RoasPair {
  channel: string;
  a: Estimate | null;
  b: Estimate | null;
}

function roasOf(idata: InferenceData): ChannelRoas[] | null {
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) return null;
  return channelRoas(decompose(post.data, post.spec, post.draws, { maxDrawsOverTime: 1 }));
}

/** Every channel of A, then those only in B; null where a run lacks the channel or cannot be read. */
export function roasPairs(a: InferenceData, b: InferenceData): RoasPair[] {
  const ra = roasOf(a) ?? [];
  const rb = roasOf(b) ?? [];
  const names = [...ra.map((r) => r.channel), ...rb.map((r) => r.channel).filter((c) => !ra.some((r) => r.channel === c))];
  return names.map((channel) => ({
    channel,
    a: ra.find((r) => r.channel === channel)?.roas ?? null,
    b: rb.find((r) => r.channel === channel)?.roas ?? null,
  }));
}
