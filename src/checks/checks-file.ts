// mmm_checks.json: the hold-out and prior-sensitivity results with MODEL.md §8 metadata.
// `model` and `data_range` are the checked run's; `seed` and `sampler` are the refits'
// (the run's own unless overridden), so the file says exactly how to reproduce it.
import type { InferenceData, RunMetadata, SamplerSettings } from '../core/types';
import { APP_VERSION } from '../core/version';
import type { HoldoutResult, SensitivityResult } from './types';

export const CHECKS_FILE = 'mmm_checks.json';

export interface MmmChecksJson {
  metadata: Pick<RunMetadata, 'created_at' | 'app_version' | 'model' | 'data_range' | 'seed' | 'sampler'> & {
    run_created_at: string | null;
    dataset_name: string | null;
    dataset_fingerprint: string | null;
    checks: Array<'holdout' | 'sensitivity'>;
  };
  holdout: HoldoutResult | null;
  sensitivity: SensitivityResult | null;
}

export function buildChecksFile(
  run: InferenceData,
  settings: SamplerSettings,
  results: { holdout: HoldoutResult | null; sensitivity: SensitivityResult | null },
  now = new Date(),
): MmmChecksJson {
  const { seed, ...sampler } = settings;
  const a = run.attrs as RunMetadata;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    metadata: {
      created_at: now.toISOString(),
      app_version: APP_VERSION,
      model: a.model,
      data_range: a.data_range,
      seed,
      sampler,
      run_created_at: str(a.created_at),
      dataset_name: str(a.dataset_name),
      dataset_fingerprint: str(a.dataset_fingerprint),
      checks: [...(results.holdout ? (['holdout'] as const) : []), ...(results.sensitivity ? (['sensitivity'] as const) : [])],
    },
    holdout: results.holdout,
    sensitivity: results.sensitivity,
  };
}
