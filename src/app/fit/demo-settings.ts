// The demo's sampler settings. "Try the demo" fits with the seed fixed in public/demo/demo.json
// and the default sampler settings (MODEL.md §4), so that everyone who presses it gets the
// same, reproducible fit — the one whose readiness gates a Node test checks
// (tests/app/demo-seed.test.ts). Settings the user typed on the Fit step before pressing it
// win over both (e.g. a shorter run), field by field.
import { isSeed, MAX_SEED } from '../../core/seed';
import { DEFAULT_SAMPLER, type SamplerSettings, type UserError } from '../../core/types';
import { DEMO_PATH } from '../../data/demo';

export { isSeed, MAX_SEED };

/**
 * The seed demo.json fixes, or a problem naming the file and field. A warning, not an
 * error: the demo's data still load; only "Try the demo" declines to fit without it.
 */
export function demoSeed(desc: unknown): { ok: true; seed: number } | { ok: false; error: UserError } {
  const seed = (desc as { seed?: unknown } | null)?.seed;
  if (isSeed(seed)) return { ok: true, seed };
  return {
    ok: false,
    error: {
      message: `${DEMO_PATH} has no valid "seed" (found ${JSON.stringify(seed) ?? 'nothing'}), so the demo cannot be fitted with its fixed seed.`,
      file: DEMO_PATH,
      column: 'seed',
      hint: `Set "seed" to a whole number from 0 to ${MAX_SEED} in ${DEMO_PATH}, or fit the loaded data from the Fit step.`,
      severity: 'warning',
    },
  };
}

/** Sampler settings of the demo fit: defaults and the demo's seed, except what the user chose. */
export function demoSettings(current: SamplerSettings, chosen: ReadonlySet<keyof SamplerSettings>, seed: number): SamplerSettings {
  const out: SamplerSettings = { ...DEFAULT_SAMPLER, seed };
  for (const k of chosen) (out as unknown as Record<string, unknown>)[k] = current[k];
  return out;
}
