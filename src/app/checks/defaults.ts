// The studio's default refit settings for the checks: the open run's, shortened to at most
// 4 chains × (500 + 500) so a check takes seconds, with the run's seed (same run, same
// settings → same numbers). The panel says what was used; every field is editable.
import type { InferenceData, SamplerSettings } from '../../core/types';

export const STUDIO_REFIT_LIMITS = { chains: 4, warmup: 500, draws: 500 } as const;

export function defaultRefitSettings(run: InferenceData): SamplerSettings {
  const s = run.attrs.sampler;
  return {
    ...s,
    chains: Math.min(s.chains, STUDIO_REFIT_LIMITS.chains),
    warmup: Math.min(s.warmup, STUDIO_REFIT_LIMITS.warmup),
    draws: Math.min(s.draws, STUDIO_REFIT_LIMITS.draws),
    seed: run.attrs.seed,
  };
}

export function describeSettings(s: SamplerSettings): string {
  return `${s.chains} chain${s.chains === 1 ? '' : 's'} × (${s.warmup} warmup + ${s.draws} draws), seed ${s.seed}`;
}
