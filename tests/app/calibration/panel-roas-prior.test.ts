// The calibration panel for ROAS priors, and the with/without-MTA comparison, on the committed v1
// fixture run (x1, x2; geometric adstock, logistic saturation; priors alpha ~ Beta(1, 3),
// lam ~ Gamma(3, 1)) with ROAS priors added to its spec. Oracles:
//  - the ROAS prior the model implies, simulated through its parameters (samplePriorRoas), is the
//    LogNormal asked for: Kolmogorov–Smirnov distance below the 1% critical value;
//  - a lift test used as a 'test' prior reappears with its own Δy and σ, its prior lift is the
//    LogNormal's mean · Δx, its posterior the implied lift written out by hand;
//  - a likelihood test on a channel whose ROAS prior is over the window: the prior lift is
//    E[ROAS_window] · Δx · E_φ[K_test(φ) / K_window(φ)] by midpoint integration over (alpha, lam);
//  - the comparison: a run against itself moves nothing; with beta doubled ROAS doubles.
import { describe, expect, it } from 'vitest';
import { calibrationPanel } from '../../../src/app/calibration/panel';
import { priorRoasIn } from '../../../src/app/calibration/prior-roas';
import { counterpartOf, mtaComparison, specWithoutMta, withCounterpart } from '../../../src/app/priors/counterpart';
import { histogramDensity, impliedPrior, replacedBetaPrior } from '../../../src/app/priors/implied-prior';
import { testPrior } from '../../../src/calibration/assign';
import { ksCritical, ksDistance, logNormalCdf } from '../../../src/calibration/prior-sampling';
import { logNormalSummary } from '../../../src/calibration/roas-prior';
import type { InferenceData, LiftTest, RoasPrior } from '../../../src/core/types';
import { loadDataset } from '../../../src/store';
import { alphaDensity, cd, lamDensity, logistic, meanSpend, midpoint, panelOf, run, spend, windowK } from './fixture-oracle';

const dataset = loadDataset(run.dataset);

const x1Test: LiftTest = { channel: 'x1', x: meanSpend(0), delta_x: 0.2 * meanSpend(0), delta_y: 300, sigma: 45, label: 'x1 +20%' };
const x2Test: LiftTest = { channel: 'x2', x: meanSpend(1), delta_x: 0.2 * meanSpend(1), delta_y: 80, sigma: 12, label: 'x2 +20%' };
const x1Prior = testPrior(x1Test, 'test') as RoasPrior;
const x2Prior: RoasPrior = { channel: 'x2', mu: Math.log(3000), sigma: 0.8, scope: 'window', label: 'MTA-informed (markov_1)', source: 'mta' };

function withCalibration(tests: LiftTest[], priors: RoasPrior[]): InferenceData {
  const idata = structuredClone(run.inference_data);
  idata.attrs.model.lift_tests = tests;
  idata.attrs.model.roas_priors = priors;
  return idata;
}


/** K of the incremental ROAS at a test (steady state, MODEL.md §6). */
const testK = (c: number, t: LiftTest, lam: number) => (cd.target_max_abs * (logistic(lam, (t.x + t.delta_x) / cd.channel_max[c]) - logistic(lam, t.x / cd.channel_max[c]))) / t.delta_x;

/** Posterior draws of one channel variable, chain after chain. */
function draws(name: string, c: number): number[] {
  return (run.inference_data.posterior[name] as number[][][]).flatMap((chain) => chain.map((d) => d[c]));
}

describe('the ROAS prior a ROAS prior implies (for plots and the panel)', () => {
  const spec = withCalibration([], [x1Prior, x2Prior]).attrs.model;

  it('simulated through the model (curve priors, then beta | curve) it is the LogNormal asked for, in either scope (KS, 1%)', () => {
    const n = 4000;
    for (const [c, p] of [[0, x1Prior], [1, x2Prior]] as const) {
      const implied = impliedPrior(spec, dataset, p.channel, n, 7)!;
      expect(implied.prior).toBe(p);
      const d = ksDistance(implied.draws.roas, (x) => logNormalCdf(x, p.mu, p.sigma));
      expect(d).toBeLessThan(ksCritical(n));
      // The same draws through priorRoasIn (the panel's path) in the prior's own scope.
      const again = priorRoasIn(p, spec.channels[c], spec.l_max, { spend: spend(c), spendMax: cd.channel_max[c], targetMaxAbs: cd.target_max_abs }, p, n, 7);
      expect(Array.from(again)).toEqual(Array.from(implied.draws.roas));
    }
  });

  it("fails that check without the ROAS prior (beta's own HalfNormal): the KS test has power", () => {
    const n = 4000;
    const plain = priorRoasIn({ scope: 'window' }, spec.channels[1], spec.l_max, { spend: spend(1), spendMax: cd.channel_max[1], targetMaxAbs: cd.target_max_abs }, undefined, n, 7);
    expect(ksDistance(plain, (x) => logNormalCdf(x, x2Prior.mu, x2Prior.sigma))).toBeGreaterThan(ksCritical(n));
  });

  it("saturation_beta's implied prior is not the HalfNormal(2) the spec still lists; a histogram density integrates to the share inside its range", () => {
    const rec = { ...run, inference_data: withCalibration([], [x2Prior]) };
    const curve = replacedBetaPrior(rec.inference_data.attrs.model, dataset, 'saturation_beta[x2]', 3)!;
    expect(curve.label).toBe('Prior implied by MTA-informed (markov_1) (simulated)');
    const h = curve.x[1] - curve.x[0];
    const mass = curve.density.reduce((a, b) => a + b, 0) * h;
    expect(mass).toBeGreaterThan(0.98);
    expect(mass).toBeLessThanOrEqual(1 + 1e-12);
    expect(replacedBetaPrior(rec.inference_data.attrs.model, dataset, 'saturation_beta[x1]', 3)).toBeNull();
    expect(replacedBetaPrior(rec.inference_data.attrs.model, dataset, 'adstock_alpha[x2]', 3)).toBeNull();
    // 100 draws in the middle of each of 10 bins on [0, 1): density 1 in every bin.
    const u = histogramDensity(Array.from({ length: 1000 }, (_, i) => (Math.floor(i / 100) + 0.5) / 10), 10, [0, 1]);
    expect(u.density).toEqual(new Array(10).fill(1));
  });
});

describe('calibration panel with ROAS priors', () => {
  const idata = withCalibration([x2Test], [x1Prior, x2Prior]);
  const panel = panelOf(idata);
  const big = panelOf(idata, 50_000);

  it('a lift test used as a ROAS prior is listed with its own Δy and σ, and its posterior lift is the implied lift by hand', () => {
    expect(panel.tests.map((t) => [t.label, t.via])).toEqual([
      ['x2 +20%', 'likelihood'],
      ['lift test x1 +20%', 'roas_prior'],
    ]);
    const row = panel.tests[1];
    expect(row.delta_y / x1Test.delta_y).toBeCloseTo(1, 10);
    expect(row.sigma / x1Test.sigma).toBeCloseTo(1, 10);
    const beta = draws('saturation_beta', 0);
    const lam = draws('saturation_lam', 0);
    const lift = beta.map((b, d) => b * testK(0, x1Test, lam[d]) * x1Test.delta_x);
    const mean = lift.reduce((a, b) => a + b, 0) / lift.length;
    expect(row.posterior_lift.mean! / mean).toBeCloseTo(1, 12);
    expect(row.z!).toBeCloseTo((mean - x1Test.delta_y) / x1Test.sigma, 8);
  });

  it("its prior lift is the LogNormal's: mean Δy (4 Monte Carlo SE)", () => {
    const row = big.tests[1];
    expect(Math.abs(row.prior_lift.mean! - x1Test.delta_y)).toBeLessThan((4 * row.prior_lift.sd!) / Math.sqrt(big.prior_draws));
  });

  it('each channel shows its LogNormal and the posterior of the ROAS it is about', () => {
    // Channels in order of first mention: the likelihood tests', then the priors'.
    expect(panel.channels.map((c) => c.channel)).toEqual(['x2', 'x1']);
    const [x2, x1] = panel.channels;
    expect(x1.tests).toEqual(['lift test x1 +20%']);
    expect(x2.tests).toEqual(['x2 +20%', 'MTA-informed (markov_1)']);
    const ln = logNormalSummary(x2Prior.mu, x2Prior.sigma);
    expect(x2.roas_prior).toMatchObject({ scope: 'window', source: 'mta', prior: { mean: ln.mean, sd: ln.sd, q05: ln.q05, q50: ln.q50, q95: ln.q95 } });
    expect(x2.roas_prior!.posterior).toEqual(x2.posterior_roas);
    // x1's prior is about the incremental ROAS at the test: its posterior there, by hand.
    const beta = draws('saturation_beta', 0);
    const lam = draws('saturation_lam', 0);
    const roas = beta.map((b, d) => b * testK(0, x1Test, lam[d]));
    expect(x1.roas_prior!.posterior.mean! / (roas.reduce((a, b) => a + b, 0) / roas.length)).toBeCloseTo(1, 12);
    expect(x1.roas_prior).toMatchObject({ scope: 'test', x: x1Test.x, delta_x: x1Test.delta_x });
  });

  it("a channel's window ROAS prior is the LogNormal's (4 SE); a likelihood test on it sees E[ROAS] · Δx · E[K_test / K_window] (midpoint rule)", () => {
    const x2 = big.channels.find((c) => c.channel === 'x2')!;
    const m = Math.exp(x2Prior.mu + (x2Prior.sigma * x2Prior.sigma) / 2);
    expect(Math.abs(x2.prior_roas.mean! - m)).toBeLessThan((4 * x2.prior_roas.sd!) / Math.sqrt(big.prior_draws));
    const ratio = midpoint(0, 1, 60, (a) => alphaDensity(a) * midpoint(0, 25, 250, (l) => (lamDensity(l) * testK(1, x2Test, l)) / windowK(1, a, l)));
    const expected = m * x2Test.delta_x * ratio;
    const row = big.tests[0];
    const se = row.prior_lift.sd! / Math.sqrt(big.prior_draws);
    expect(Math.abs(row.prior_lift.mean! - expected)).toBeLessThan(4 * se);
    expect((4 * se) / expected).toBeLessThan(0.03);
  });

  it('a run with only ROAS priors has a panel; a prior on a channel the run does not model is named', () => {
    const only = panelOf(withCalibration([], [x2Prior]));
    expect(only.tests).toEqual([]);
    expect(only.channels.map((c) => c.channel)).toEqual(['x2']);
    const out = calibrationPanel(withCalibration([], [{ ...x2Prior, channel: 'podcast' }]));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]).toMatchObject({ channel: 'podcast' });
  });
});

describe('posterior with and without the MTA-informed priors', () => {
  const withMta = withCalibration([x2Test], [x1Prior, x2Prior]);

  it('the counterpart spec keeps every other calibration; the link round-trips through attrs', () => {
    const spec = specWithoutMta(withMta.attrs.model);
    expect(spec.roas_priors).toEqual([x1Prior]);
    expect(spec.lift_tests).toEqual([x2Test]);
    expect('roas_priors' in specWithoutMta({ ...spec, roas_priors: [x2Prior] })).toBe(false);
    const linked = withCounterpart(withMta, { run_id: 'abc', this_run: 'with_mta_priors' });
    expect(counterpartOf(linked)).toEqual({ run_id: 'abc', this_run: 'with_mta_priors' });
    expect(counterpartOf(withMta)).toBeNull();
    expect(withMta.attrs).not.toHaveProperty('mta_prior_counterpart');
  });

  it('the same draws on both sides move nothing; doubling x2 beta doubles its ROAS and its interval', () => {
    const withoutMta = withCalibration([x2Test], [x1Prior]);
    const same = mtaComparison(withMta, withoutMta);
    if (!same.ok) throw new Error(same.errors[0].message);
    for (const r of same.value.rows) {
      expect(r.shift).toBe(0);
      expect(r.width_ratio).toBe(1);
    }
    expect(same.value.rows.map((r) => r.mta_prior?.label ?? null)).toEqual([null, 'MTA-informed (markov_1)']);
    const doubled = structuredClone(withMta);
    for (const chain of doubled.posterior.saturation_beta as number[][][]) for (const d of chain) d[1] *= 2;
    const moved = mtaComparison(doubled, withoutMta);
    if (!moved.ok) throw new Error(moved.errors[0].message);
    const x2 = moved.value.rows[1];
    expect(x2.shift! / x2.without_mta.mean!).toBeCloseTo(1, 12);
    expect(x2.shift_sd!).toBeCloseTo(x2.without_mta.mean! / x2.without_mta.sd!, 10);
    expect(x2.width_ratio!).toBeCloseTo(2, 12);
    expect(moved.value.rows[0].shift).toBe(0);
  });

  it('runs on different data are not compared', () => {
    const other = withCalibration([], []);
    other.attrs.dataset_fingerprint = 'another';
    const out = mtaComparison(withMta, other);
    expect(out.ok).toBe(false);
  });
});
