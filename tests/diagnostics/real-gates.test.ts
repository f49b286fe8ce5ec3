// Issue 4 acceptance 2 on real sampler output: a deliberately bad fit — 4 × (20 + 1000) with
// one chain started far from the others — fails the R-hat gate and is marked provisional;
// the default fit of the demo data with a fixed seed passes every gate that affects the
// estimates.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { assembleInferenceData } from '../../src/engine/inference-data';
import { chainJobs, pointwiseGroups, runMetadata } from '../../src/engine/fit';
import { MmmReference } from '../../src/engine/mmm/reference';
import { packMmm } from '../../src/engine/mmm/pack';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { flatLayout } from '../../src/model/layout';
import { createNodePool } from '../../src/node/node-pool';
import { devFit, devData } from '../helpers/dev-fits';

describe('readiness gates on real fits', () => {
  it('a 4 × (20 + 1000) fit with one chain started far away fails R-hat and is provisional', async () => {
    const { data, spec } = devData('mmm_example');
    const packed = packMmm(data, spec);
    if ('errors' in packed) throw new Error(packed.errors[0].message);
    const settings = { ...DEFAULT_SAMPLER, warmup: 20, draws: 1000, seed: 5 };
    const jobs = chainJobs(packed.block, settings, 100);
    // Chain 3 starts at a point no chain would visit: slow decay, saturated curves, wrong level.
    const far = flatLayout(spec).map((e) =>
      e.name === 'adstock_alpha' ? 0.97 : e.name === 'saturation_lam' ? 30 : e.name === 'saturation_beta' ? 4 : e.name === 'y_sigma' ? 1.5 : e.name === 'intercept' ? -3 : 0,
    );
    jobs[3].init = new MmmReference(packed.block).unconstrain(far);
    const pool = createNodePool(4, 2);
    try {
      const results = await pool.run(jobs);
      expect(results.every((r) => !r.error)).toBe(true);
      const idata = assembleInferenceData(results, data, spec, runMetadata(data, spec, settings), pointwiseGroups(results, data, spec, settings.seed));
      const d = buildDiagnostics(idata);
      expect(d.gates.r_hat.status).toBe('fail');
      expect(d.gates.r_hat.value).toBeGreaterThanOrEqual(1.05);
      expect(d.estimates_provisional).toBe(true);
    } finally {
      pool.dispose();
    }
  }, 600_000);

  it('the default fit of the demo data (seed 1) passes every gate that affects the estimates', async () => {
    const { idata } = await devFit('mmm_example');
    const d = buildDiagnostics(idata);
    for (const [name, g] of Object.entries(d.gates)) if (g.affects_estimates) expect(g.status, `${name}: ${g.detail}`).toBe('pass');
    expect(d.estimates_provisional).toBe(false);
  }, 3_600_000);
});
