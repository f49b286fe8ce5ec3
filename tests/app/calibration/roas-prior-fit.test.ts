// ROAS priors on a real fit (PyMC-Marketing's mmm_example, the demo data: x1, x2; default model,
// 4 chains × (1000 + 1000), seed 1), built the way the studio builds them:
//  - x1: a tight ROAS prior over the data window (sigma 0.02 on the log scale) centred half an
//    uncalibrated posterior sd below the uncalibrated mean (a value the data finds plausible);
//  - x2: the MTA-informed prior of a hand-made mta_attribution.json crediting x2 with three times
//    the ROAS the data says (src/calibration/mta-prior.ts: wide, sigma = 1).
// What must hold, and why:
//  - x1's posterior mean ROAS lies in the prior's central 50% and its sd is no larger than the
//    prior's (a normal prior and likelihood give posterior precision = the sum of both: sd_post ≤
//    sd_prior), up to 4 Monte Carlo standard errors of an sd estimate, 1/sqrt(2·ESS) relative;
//  - x2 stays near the uncalibrated answer: its mean moves by less than half an uncalibrated
//    posterior sd. Oracle: importance sampling — the uncalibrated draws reweighted by
//    [ROAS prior's conditional density of beta / beta's own HalfNormal] (src/calibration/
//    roas-prior.ts) predict the calibrated mean within 4 combined Monte Carlo standard errors.
import { describe, expect, it, beforeAll } from 'vitest';
import { posteriorFromInferenceData } from '../../../src/analysis/posterior';
import { posteriorRoasDraws } from '../../../src/app/calibration/panel';
import { mtaRoasPriors } from '../../../src/calibration/mta-prior';
import { roasPriorBetaLogDensity } from '../../../src/calibration/roas-prior';
import type { InferenceData, ModelSpec, RoasPrior } from '../../../src/core/types';
import { DEFAULT_SAMPLER } from '../../../src/core/types';
import { essBulk } from '../../../src/diagnostics';
import { flatLayout } from '../../../src/model/layout';
import { priorLogDensity } from '../../../src/model/priors';
import { channelPrior } from '../../../src/model/spec';
import { devData, devFit } from '../../helpers/dev-fits';
import { cachedFit } from '../../helpers/fit-cache';

const { data, spec } = devData('mmm_example');
const SETTINGS = { ...DEFAULT_SAMPLER, seed: 1 };
const Z50 = 0.6744897501960817;

interface Roas {
  x1: Float64Array;
  x2: Float64Array;
  beta2: Float64Array;
  k2: Float64Array;
  chains: number;
}

function roasOf(idata: InferenceData): Roas {
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) throw new Error(post.errors[0].message);
  const x2 = posteriorRoasDraws(post.spec, post.draws, post.data, 1);
  const iB = flatLayout(post.spec).find((e) => e.name === 'saturation_beta' && e.coord === 'x2')!.index;
  const beta2 = Float64Array.from({ length: post.draws.n }, (_, d) => post.draws.values[d * post.draws.stride + iB]);
  return { x1: posteriorRoasDraws(post.spec, post.draws, post.data, 0), x2, beta2, k2: x2.map((r, d) => r / beta2[d]), chains: idata.posterior.saturation_beta.length };
}

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
const sd = (v: ArrayLike<number>) => {
  const m = mean(v);
  return Math.sqrt(Array.from(v).reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};
const ess = (v: Float64Array, chains: number) => {
  const n = v.length / chains;
  return essBulk(Array.from({ length: chains }, (_, k) => v.slice(k * n, (k + 1) * n)));
};

let none: Roas;
let cal: Roas;
let tight: RoasPrior;
let wide: RoasPrior;

beforeAll(async () => {
  none = roasOf((await devFit('mmm_example')).idata);
  const m1 = mean(none.x1);
  tight = { channel: 'x1', mu: Math.log(m1) - (0.5 * sd(none.x1)) / m1, sigma: 0.02, scope: 'window', label: 'tight x1', source: 'user' };
  // The MTA run covers the whole data; x2's credit is three times its uncalibrated ROAS.
  const spend2 = data.channels[1].spend.reduce((a, b) => a + b, 0);
  const mta = { metadata: { data_range: { first: data.dates[0], last: data.dates[data.dates.length - 1] } }, models: { markov_1: { x2: { conversions: 10, value: 3 * mean(none.x2) * spend2 } } } };
  const fromMta = mtaRoasPriors(mta, data, 'mta_attribution.json');
  expect(fromMta.issues).toEqual([]);
  wide = fromMta.priors[0];
  const calibrated: ModelSpec = { ...spec, roas_priors: [tight, wide] };
  cal = roasOf((await cachedFit('roas_prior_mmm_example', data, calibrated, SETTINGS)).idata);
  const f = (v: Float64Array) => `mean ${mean(v).toFixed(2)}, sd ${sd(v).toFixed(2)}`;
  console.log(`x1 ROAS: uncalibrated ${f(none.x1)}; tight prior at ${Math.exp(tight.mu).toFixed(2)} (sd ${(Math.exp(tight.mu) * 0.02).toFixed(2)}) → ${f(cal.x1)}`);
  console.log(`x2 ROAS: uncalibrated ${f(none.x2)}; MTA-informed prior at ${Math.exp(wide.mu).toFixed(2)}, sigma ${wide.sigma} → ${f(cal.x2)}`);
}, 1_800_000);

describe('ROAS priors on a real fit (mmm_example)', () => {
  it("a tight prior: the posterior mean ROAS lies in the prior's central 50%, its sd no larger than the prior's", () => {
    const lo = Math.exp(tight.mu - Z50 * tight.sigma);
    const hi = Math.exp(tight.mu + Z50 * tight.sigma);
    expect(mean(cal.x1)).toBeGreaterThan(lo);
    expect(mean(cal.x1)).toBeLessThan(hi);
    const priorSd = Math.exp(tight.mu + tight.sigma ** 2 / 2) * Math.sqrt(Math.expm1(tight.sigma ** 2));
    const e = ess(cal.x1, cal.chains);
    expect(e).toBeGreaterThan(100);
    expect(sd(cal.x1) * (1 - 4 / Math.sqrt(2 * e))).toBeLessThan(priorSd);
    // And it did tighten: the uncalibrated sd was wider than the prior's.
    expect(sd(none.x1)).toBeGreaterThan(priorSd);
  });

  it('a wide MTA-informed prior three times off: the mean moves by less than half an uncalibrated sd', () => {
    expect(wide).toMatchObject({ channel: 'x2', sigma: 1, scope: 'window', source: 'mta' });
    expect(Math.exp(wide.mu) / mean(none.x2)).toBeCloseTo(3, 10);
    expect(Math.abs(mean(cal.x2) - mean(none.x2))).toBeLessThan(0.5 * sd(none.x2));
  });

  it('the wide prior fit is the uncalibrated posterior reweighted by the prior change (importance sampling, 4 MCSE)', () => {
    const own = channelPrior(spec, 'x2', 'saturation_beta');
    const logW = Float64Array.from(none.beta2, (b, d) => roasPriorBetaLogDensity(wide, b, none.k2[d]) - priorLogDensity(own, b));
    const top = Math.max(...logW);
    let sw = 0;
    let sw2 = 0;
    let swr = 0;
    logW.forEach((l, d) => {
      const w = Math.exp(l - top);
      sw += w;
      sw2 += w * w;
      swr += w * none.x2[d];
    });
    const isEss = (sw * sw) / sw2;
    const predicted = swr / sw;
    const mcse = sd(cal.x2) * Math.sqrt(1 / ess(cal.x2, cal.chains) + 1 / isEss);
    console.log(`x2: fit mean ${mean(cal.x2).toFixed(3)}, reweighted ${predicted.toFixed(3)} (IS ESS ${isEss.toFixed(0)}), MCSE ${mcse.toFixed(3)}`);
    expect(isEss).toBeGreaterThan(200);
    expect(Math.abs(mean(cal.x2) - predicted)).toBeLessThan(4 * mcse);
  });
});
