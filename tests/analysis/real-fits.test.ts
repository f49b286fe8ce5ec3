// Issue 5 on real posteriors (the cached default fits of tests/helpers/dev-fits.ts and one
// hold-out fit): the contribution sum check is reported and holds within 2%, and a forecast
// of 26 held-out weeks with their actual spend puts at least 80% of them inside the 90%
// predictive interval.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { posteriorFromInferenceData } from '../../src/analysis/posterior';
import { decompose } from '../../src/analysis/decomposition';
import { sumCheck } from '../../src/analysis/contributions';
import { forecast, forecastCoverage } from '../../src/analysis/forecast';
import type { Dataset } from '../../src/core/types';
import { defaultModelSpec } from '../../src/model/spec';
import { cachedFit } from '../helpers/fit-cache';
import { DEV_SETS, devData, devFit, type DevSetName } from '../helpers/dev-fits';

function head(data: Dataset, n: number): Dataset {
  return {
    ...data,
    dates: data.dates.slice(0, n),
    target: { ...data.target, values: data.target.values.slice(0, n) },
    channels: data.channels.map((c) => ({ ...c, spend: c.spend.slice(0, n) })),
    controls: data.controls.map((c) => ({ ...c, values: c.values.slice(0, n) })),
    fingerprint: `${data.fingerprint}:head${n}`,
  };
}

describe('contributions sum check on the default fits', () => {
  for (const name of Object.keys(DEV_SETS) as DevSetName[]) {
    it(`${name}: components sum to the observed total within 2%`, async () => {
      const { idata } = await devFit(name);
      const post = posteriorFromInferenceData(idata);
      if ('errors' in post) throw new Error(post.errors[0].message);
      const check = sumCheck(decompose(post.data, post.spec, post.draws, { maxDrawsOverTime: 1 }), post.observed);
      expect(check.within_2_percent).toBe(true);
      expect(check.relative_error).toBeLessThan(0.02);
    }, 3_600_000);
  }
});

describe('forecast of held-out weeks', () => {
  it('dev_weekly_logistic: fit on all but the last 26 weeks; ≥ 80% of them inside the 90% interval', async () => {
    const { data: full } = devData('dev_weekly_logistic');
    const T = full.dates.length - 26;
    const train = head(full, T);
    const spec = defaultModelSpec(train);
    const fit = await cachedFit('dev_weekly_logistic-head', train, spec, { ...DEFAULT_SAMPLER, warmup: 500, draws: 500, seed: 3 });
    const post = posteriorFromInferenceData(fit.idata);
    if ('errors' in post) throw new Error(post.errors[0].message);
    const future = {
      dates: full.dates.slice(T),
      spend: Object.fromEntries(full.channels.map((c) => [c.name, c.spend.slice(T)])),
      controls: Object.fromEntries(full.controls.map((c) => [c.name, c.values.slice(T)])),
    };
    const f = forecast(post.data, post.spec, post.draws, future, 11);
    if ('errors' in f) throw new Error(f.errors[0].message);
    const cov = forecastCoverage(f, full.target.values.slice(T));
    expect(cov.coverage_90).toBeGreaterThanOrEqual(0.8);
  }, 3_600_000);
});
