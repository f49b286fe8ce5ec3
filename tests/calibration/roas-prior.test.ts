// Issue 6 acceptance 5: "The ROI prior's implied ROAS prior (sampled) matches the LogNormal
// asked for". We draw the model parameters from the prior the calibration induces (curve
// parameters from their priors, saturation_beta from beta | φ ~ LogNormal(mu − log K(φ), sigma)),
// compute the ROAS those parameters imply by an independent path (the analysis module's
// forward pass and decomposition for window ROAS; a hand-written Hill curve for the test's
// ROAS), and compare with the LogNormal by a one-sample KS test at a fixed seed.
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/analysis/decomposition';
import { roasDraws } from '../../src/analysis/roas';
import { samplePriorRoas } from '../../src/calibration/implied-roas';
import { importLiftTests } from '../../src/calibration/import';
import { liftAgreement } from '../../src/calibration/lift-agreement';
import { ksCritical, ksDistance, logNormalCdf } from '../../src/calibration/prior-sampling';
import { Rng } from '../../src/core/rng';
import {
  logNormalFromMeanSd,
  logNormalSummary,
  roasPerBeta,
  roasPriorBetaLogDensity,
  roasPriorFromLiftTest,
  type RoasPrior,
} from '../../src/calibration/roas-prior';
import type { ModelSpec } from '../../src/core/types';
import { drawMatrix, forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { flatLayout, entryKey, parameterCount } from '../../src/model/layout';
import { priorLogDensity } from '../../src/model/priors';
import { defaultModelSpec } from '../../src/model/spec';
import { devWeeklyHill, readText } from './wide-csv';

const data = devWeeklyHill();
const spec: ModelSpec = defaultModelSpec(data, { saturation: 'hill' });
const tvSpec = spec.channels[0];
const tvSpend = data.channels[0].spend;
const spendMax = tvSpend.reduce((m, v) => Math.max(m, v), 0);
const targetMaxAbs = data.target.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const roasData = { spend: tvSpend, spendMax, targetMaxAbs };
const tvTest = importLiftTests(readText('data/synthetic/dev_workspace_hill/analysis/incrementality_results.json'), 'inc.json', data).tests[0];
const N = 4000;

function asPrior(p: ReturnType<typeof roasPriorFromLiftTest>): RoasPrior {
  if ('severity' in p) throw new Error(p.message);
  return p;
}

describe('the LogNormal a lift test implies', () => {
  it('has the test ROAS as mean and the propagated sigma as sd (checked by hand)', () => {
    // tv: delta_y / delta_x = 19457.02875 / 14710.885 = 1.3226284...; sd = 2918.55433 / 14710.885 = 0.1983946...
    const p = asPrior(roasPriorFromLiftTest(tvTest));
    const s = logNormalSummary(p.mu, p.sigma);
    expect(s.mean).toBeCloseTo(19457.02875 / 14710.885, 10);
    expect(s.sd).toBeCloseTo(2918.5543313 / 14710.885, 8);
    // Meridian's formula written out: sigma² = log(1 + (sd/mean)²), mu = log(mean) − sigma²/2.
    const cv = 2918.5543313 / 19457.02875;
    expect(p.sigma).toBeCloseTo(Math.sqrt(Math.log(1 + cv * cv)), 8);
    expect(p).toMatchObject({ channel: 'tv', scope: 'test', x: tvTest.x, delta_x: tvTest.delta_x, source: 'lift_test' });
  });

  it('refuses a test that cannot give a positive ROAS', () => {
    const bad = roasPriorFromLiftTest({ ...tvTest, delta_y: -1 });
    expect('severity' in bad && bad.severity).toBe('error');
  });

  it('round-trips mean and sd through logNormalFromMeanSd', () => {
    for (const [m, s] of [[0.5, 0.1], [2, 3], [1e-3, 1e-4]]) {
      const { mu, sigma } = logNormalFromMeanSd(m, s);
      const back = logNormalSummary(mu, sigma);
      expect(back.mean / m).toBeCloseTo(1, 12);
      expect(back.sd / s).toBeCloseTo(1, 12);
    }
  });
});

describe('the conditional prior on saturation_beta', () => {
  const prior = { mu: 0.3, sigma: 0.4 };

  it('is the LogNormal ROAS density times the Jacobian K (change of variables)', () => {
    for (const [beta, k] of [[0.1, 3], [0.7, 0.5], [2, 1.1]]) {
      const expected = priorLogDensity({ dist: 'log_normal', mu: prior.mu, sigma: prior.sigma }, beta * k) + Math.log(k);
      expect(roasPriorBetaLogDensity(prior, beta, k)).toBeCloseTo(expected, 12);
    }
  });

  it('integrates to 1 over beta for a fixed curve (quadrature in log beta)', () => {
    const k = 2.7;
    let total = 0;
    const h = 1e-3;
    for (let u = -12; u < 12; u += h) total += Math.exp(roasPriorBetaLogDensity(prior, Math.exp(u), k) + u) * h;
    expect(total).toBeCloseTo(1, 6);
  });

  it('is −∞ where the curve gives no ROAS', () => {
    expect(roasPriorBetaLogDensity(prior, 1, 0)).toBe(-Infinity);
  });
});

/** A draw matrix with tv's curve and beta taken from the prior draws; other parameters fixed. */
function drawsWithTv(fd: ForwardData, params: Record<string, Float64Array>, beta: Float64Array) {
  const P = parameterCount(spec);
  const keys = flatLayout(spec).map((e) => ({ key: entryKey(e), index: e.index }));
  const values = new Float64Array(beta.length * P);
  for (let d = 0; d < beta.length; d++) {
    for (const { key, index } of keys) {
      let v = 0.5; // other channels' curves, controls, seasonality: any value; tv's ROAS ignores them
      if (key === 'saturation_beta[tv]') v = beta[d];
      else if (key.endsWith('[tv]')) v = params[key.slice(0, key.indexOf('['))][d];
      else if (key === 'y_sigma') v = 1;
      values[d * P + index] = v;
    }
  }
  void fd;
  return drawMatrix(spec, values);
}

describe('implied ROAS prior, sampled (issue 6 acceptance 5)', () => {
  const fdOrErr = forwardDataFromDataset(data, spec);
  if ('errors' in fdOrErr) throw new Error(JSON.stringify(fdOrErr.errors));
  const fd = fdOrErr;

  it("window scope: ROAS from the analysis module's decomposition matches LogNormal(mu, sigma)", () => {
    const prior = asPrior(roasPriorFromLiftTest(tvTest, 'window'));
    const s = samplePriorRoas(tvSpec, spec.l_max, roasData, { roasPrior: prior, draws: N, seed: 20261122 });
    const dec = decompose(fd, spec, drawsWithTv(fd, s.params, s.beta), { maxDrawsOverTime: 1 });
    const roas = roasDraws(dec, 0);
    const d = ksDistance(roas, (x) => logNormalCdf(x, prior.mu, prior.sigma));
    expect(d).toBeLessThan(ksCritical(N, 0.01));
    // The same draws through the module's own ROAS agree to rounding.
    for (let i = 0; i < 50; i++) expect(roas[i] / s.roas[i]).toBeCloseTo(1, 10);
  });

  it("test scope: the test's incremental ROAS from a hand-written Hill curve matches LogNormal(mu, sigma)", () => {
    const prior = asPrior(roasPriorFromLiftTest(tvTest, 'test'));
    const s = samplePriorRoas(tvSpec, spec.l_max, roasData, { roasPrior: prior, draws: N, seed: 99 });
    const hill = (a: number, kappa: number, slope: number) => a ** slope / (a ** slope + kappa ** slope);
    const roas = Float64Array.from(s.beta, (beta, i) => {
      const kappa = s.params.saturation_kappa[i];
      const slope = s.params.saturation_slope[i];
      const lift = beta * targetMaxAbs * (hill((tvTest.x + tvTest.delta_x) / spendMax, kappa, slope) - hill(tvTest.x / spendMax, kappa, slope));
      return lift / tvTest.delta_x;
    });
    expect(ksDistance(roas, (x) => logNormalCdf(x, prior.mu, prior.sigma))).toBeLessThan(ksCritical(N, 0.01));
    const mean = roas.reduce((a, b) => a + b, 0) / N;
    const target = logNormalSummary(prior.mu, prior.sigma);
    expect(Math.abs(mean - target.mean)).toBeLessThan((4 * target.sd) / Math.sqrt(N));
  });

  it('the check has power: the default prior, or a beta prior that ignores K, fails it', () => {
    const prior = asPrior(roasPriorFromLiftTest(tvTest, 'window'));
    const crit = ksCritical(N, 0.01);
    const cdf = (x: number) => logNormalCdf(x, prior.mu, prior.sigma);
    const uncalibrated = samplePriorRoas(tvSpec, spec.l_max, roasData, { scope: prior, draws: N, seed: 5 });
    expect(ksDistance(uncalibrated.roas, cdf)).toBeGreaterThan(5 * crit);
    // beta ~ LogNormal(mu, sigma) without the −log K shift.
    const rng = new Rng(5);
    const naive = Float64Array.from(uncalibrated.k, (k) => Math.exp(prior.mu + prior.sigma * rng.normal()) * k);
    expect(ksDistance(naive, cdf)).toBeGreaterThan(5 * crit);
  });

  it('K is the ROAS per unit beta of the decomposition (window scope)', () => {
    const curve = { adstock: 'geometric' as const, saturation: 'hill' as const, adstockParams: { alpha: 0.7 }, saturationParams: { kappa: 0.45, slope: 1.8 }, lMax: 8 };
    const k = roasPerBeta({ scope: 'window' }, curve, roasData);
    const params = { adstock_alpha: new Float64Array([0.7]), saturation_kappa: new Float64Array([0.45]), saturation_slope: new Float64Array([1.8]) };
    const dec = decompose(fd, spec, drawsWithTv(fd, params, new Float64Array([0.22 * 1200000 / targetMaxAbs])), { maxDrawsOverTime: 1 });
    expect(roasDraws(dec, 0)[0] / (k * 0.22 * 1200000 / targetMaxAbs)).toBeCloseTo(1, 12);
    // And with the true tv parameters it is truth.json's ROAS (0.96913).
    expect(roasDraws(dec, 0)[0]).toBeCloseTo(0.9691278856828489, 6);
  });

  it('same seed, same draws; another seed, other draws', () => {
    const prior = asPrior(roasPriorFromLiftTest(tvTest));
    const a = samplePriorRoas(tvSpec, spec.l_max, roasData, { roasPrior: prior, draws: 100, seed: 1 });
    const b = samplePriorRoas(tvSpec, spec.l_max, roasData, { roasPrior: prior, draws: 100, seed: 1 });
    const c = samplePriorRoas(tvSpec, spec.l_max, roasData, { roasPrior: prior, draws: 100, seed: 2 });
    expect(Array.from(a.roas)).toEqual(Array.from(b.roas));
    expect(Array.from(a.roas)).not.toEqual(Array.from(c.roas));
  });
});

describe('lift agreement for the calibration panel', () => {
  // One draw at the true tv parameters (truth.json; beta rescaled to model units).
  const params = { adstock_alpha: new Float64Array([0.7]), saturation_kappa: new Float64Array([0.45]), saturation_slope: new Float64Array([1.8]) };
  const draws = drawsWithTv({} as ForwardData, params, new Float64Array([(0.22 * 1200000) / targetMaxAbs]));

  it('the true parameters reproduce the true test (z ≈ 0)', () => {
    const a = liftAgreement(tvTest, spec, draws, spendMax, targetMaxAbs);
    expect(a.implied.mean! / tvTest.delta_y).toBeCloseTo(1, 6);
    expect(Math.abs(a.z!)).toBeLessThan(1e-4);
    expect(a.disagrees).toBe(false);
  });

  it('flags a test whose lift is twice the truth (|z| > 2)', () => {
    const wrong = { ...tvTest, delta_y: 2 * tvTest.delta_y, sigma: 2 * tvTest.sigma };
    const a = liftAgreement(wrong, spec, draws, spendMax, targetMaxAbs);
    // (dy − 2 dy) / (2 · 0.15 dy) = −1 / 0.3
    expect(a.z!).toBeCloseTo(-1 / 0.3, 4);
    expect(a.disagrees).toBe(true);
  });
});
