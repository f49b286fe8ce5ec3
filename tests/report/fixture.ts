// A real short fit for the report tests: PyMC-Marketing's example data, 2 chains ×
// (150 + 150), fixed seed, on the in-process pool. Short on purpose: its gates fail, so
// the report must say "provisional".
import type { Dataset, InferenceData } from '../../src/core/types';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { fitMmm } from '../../src/engine/fit';
import { createInProcessPool } from '../../src/node/node-pool';
import { defaultModelSpec } from '../../src/model/spec';
import { MMM_EXAMPLE, wideCsvDataset } from '../helpers/csv-dataset';

export async function shortFit(rename: Record<string, string> = {}): Promise<{ data: Dataset; idata: InferenceData }> {
  const base = wideCsvDataset(MMM_EXAMPLE.rel, MMM_EXAMPLE.roles);
  const data: Dataset = {
    ...base,
    channels: base.channels.map((c) => ({ ...c, name: rename[c.name] ?? c.name })),
    controls: base.controls.map((c) => ({ ...c, name: rename[c.name] ?? c.name })),
  };
  const spec = defaultModelSpec(data);
  const fit = await fitMmm(createInProcessPool(), data, spec, { ...DEFAULT_SAMPLER, chains: 2, warmup: 150, draws: 150, seed: 20261122 });
  return { data, idata: fit.idata };
}
