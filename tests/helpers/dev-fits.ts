// The three default fits of issue 2 acceptance 4 (4 chains × (1000 + 1000), seed 1), shared
// through the fit cache by every test file that needs a real posterior.
import type { SaturationKind } from '../../src/core/types';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { defaultModelSpec } from '../../src/model/spec';
import { cachedFit } from './fit-cache';
import { DEV_HILL, DEV_LOGISTIC, MMM_EXAMPLE, wideCsvDataset } from './csv-dataset';

export const DEV_SETS = {
  mmm_example: { ...MMM_EXAMPLE, saturation: 'logistic' as SaturationKind, stan: 'pymc_example_logistic.json' },
  dev_weekly_logistic: { ...DEV_LOGISTIC, saturation: 'logistic' as SaturationKind, stan: 'dev_weekly_logistic.json' },
  dev_weekly_hill: { ...DEV_HILL, saturation: 'hill' as SaturationKind, stan: 'dev_weekly_hill.json' },
};
export type DevSetName = keyof typeof DEV_SETS;

export function devData(name: DevSetName) {
  const s = DEV_SETS[name];
  const data = wideCsvDataset(s.rel, s.roles);
  const spec = defaultModelSpec(data, { saturation: s.saturation });
  return { data, spec };
}

export async function devFit(name: DevSetName) {
  const { data, spec } = devData(name);
  const fit = await cachedFit(name, data, spec, { ...DEFAULT_SAMPLER, seed: 1 });
  return { data, spec, ...fit };
}
