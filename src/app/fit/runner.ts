// How the studio runs a fit. The Fit step talks to a FitRunner only; the engine's chain
// pool plugs in behind it (engine-runner.ts). Progress arrives per chain; cancellation is
// the AbortSignal; the outcome carries the InferenceData and the timings the runs library
// stores.
import type { ChainProgress, Dataset, InferenceData, ModelSpec, SamplerSettings, UserError } from '../../core/types';
import type { RunTimings } from '../../store';

export interface FitRequest {
  dataset: Dataset;
  spec: ModelSpec;
  settings: SamplerSettings;
}

export interface FitHooks {
  onProgress(p: ChainProgress): void;
  signal: AbortSignal;
}

export type FitOutcome =
  | { ok: true; idata: InferenceData; timings: RunTimings; /** Chains that failed while others finished. */ chainErrors: UserError[] }
  | { ok: false; errors: UserError[] };

export interface FitRunner {
  run(req: FitRequest, hooks: FitHooks): Promise<FitOutcome>;
}

export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AbortError';
}
