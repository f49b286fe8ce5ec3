// The calibration panel's numbers on the committed v1 fixture run (x1, x2; geometric adstock,
// logistic saturation), with lift tests added to its spec. Oracles: the posterior ROAS against
// the Results step's independent decomposition, the implied lift against the logistic written
// out by hand, and the prior means against numerical integration over the priors.
import { describe, expect, it } from 'vitest';
import { decompose } from '../../../src/analysis/decomposition';
import { posteriorFromInferenceData } from '../../../src/analysis/posterior';
import { roasDraws } from '../../../src/analysis/roas';
import { calibrationPanel, posteriorRoasDraws } from '../../../src/app/calibration/panel';
import type { InferenceData, LiftTest } from '../../../src/core/types';
import { alphaDensity, cd, lamDensity, meanSpend, midpoint, panelOf, run, windowK } from './fixture-oracle';


function withTests(tests: LiftTest[]): InferenceData {
  const idata = structuredClone(run.inference_data);
  idata.attrs.model.lift_tests = tests;
  return idata;
}


const tests: LiftTest[] = [
  { channel: 'x1', x: meanSpend(0), delta_x: 0.2 * meanSpend(0), delta_y: 300, sigma: 45, label: 'x1 +20%' },
  { channel: 'x2', x: meanSpend(1), delta_x: 0.2 * meanSpend(1), delta_y: 80, sigma: 12, label: 'x2 +20%' },
  // A test far from anything the model implies: must be flagged.
  { channel: 'x1', x: meanSpend(0), delta_x: 0.2 * meanSpend(0), delta_y: 5000, sigma: 50, label: 'x1 wrong' },
];
const idata = withTests(tests);
const panel = panelOf(idata);

/** Posterior draws of one variable, flattened chain after chain (channel c for vectors). */
function draws(name: string, c?: number): number[] {
  const arr = run.inference_data.posterior[name] as number[][] | number[][][];
  return (arr as unknown[][]).flatMap((chain) => chain.map((d) => (c === undefined ? (d as number) : (d as number[])[c])));
}

describe('calibration panel: posterior side', () => {
  it('window ROAS per draw equals the decomposition ROAS of the Results step', () => {
    const post = posteriorFromInferenceData(idata);
    if ('errors' in post) throw new Error('fixture unreadable');
    const dec = decompose(post.data, post.spec, post.draws);
    for (const c of [0, 1]) {
      const mine = posteriorRoasDraws(post.spec, post.draws, post.data, c);
      const theirs = roasDraws(dec, c);
      expect(mine.length).toBe(8);
      mine.forEach((v, d) => expect(Math.abs(v - theirs[d]) / theirs[d]).toBeLessThan(1e-12));
    }
  });

  it('implied lift = beta · max|y| · (logistic((x+dx)/max) − logistic(x/max)), averaged over draws', () => {
    const logistic = (lam: number, a: number) => (1 - Math.exp(-lam * a)) / (1 + Math.exp(-lam * a));
    tests.forEach((t, i) => {
      const c = t.channel === 'x1' ? 0 : 1;
      const beta = draws('saturation_beta', c);
      const lam = draws('saturation_lam', c);
      const max = cd.channel_max[c];
      const lifts = beta.map((b, d) => b * cd.target_max_abs * (logistic(lam[d], (t.x + t.delta_x) / max) - logistic(lam[d], t.x / max)));
      const mean = lifts.reduce((a, b) => a + b, 0) / lifts.length;
      const row = panel.tests[i];
      expect(row.posterior_lift.mean! / mean).toBeCloseTo(1, 12);
      expect(row.z!).toBeCloseTo((mean - t.delta_y) / t.sigma, 9);
      expect(row.test_roas).toBeCloseTo(t.delta_y / t.delta_x, 12);
    });
  });

  it('flags only the test more than 2 sigma away', () => {
    const wrong = panel.tests.find((t) => t.label === 'x1 wrong')!;
    expect(wrong.disagrees).toBe(true);
    expect(wrong.z!).toBeLessThan(-2);
    for (const t of panel.tests) expect(t.disagrees).toBe(Math.abs(t.z!) > 2);
  });

  it('one row per calibrated channel, listing its tests; narrowing = 1 − posterior width / prior width', () => {
    expect(panel.channels.map((c) => c.channel)).toEqual(['x1', 'x2']);
    expect(panel.channels[0].tests).toEqual(['x1 +20%', 'x1 wrong']);
    for (const c of panel.channels) {
      const wp = c.prior_roas.q95! - c.prior_roas.q05!;
      const wq = c.posterior_roas.q95! - c.posterior_roas.q05!;
      expect(c.narrowing).toBeCloseTo(1 - wq / wp, 12);
    }
    expect(panel.posterior_draws).toBe(8);
    expect(panel.prior_seed).toBe(run.inference_data.attrs.seed);
  });
});

// Priors of the fixture: alpha ~ Beta(1, 3), lam ~ Gamma(3, 1), beta ~ HalfNormal(2), independent.
// E[ROAS] = E[beta] · E[K(alpha, lam)] with E[beta] = 2·sqrt(2/pi); E[K] by the midpoint rule.
const E_BETA = 2 * Math.sqrt(2 / Math.PI);

describe('calibration panel: prior side', () => {
  // Many prior draws, so that 4 Monte Carlo standard errors are below 2% of the mean.
  const big = panelOf(idata, 50_000);
  it('prior mean ROAS matches numerical integration over the priors (within 4 Monte Carlo standard errors)', () => {
    for (const c of [0, 1]) {
      const expected = E_BETA * midpoint(0, 1, 60, (a) => alphaDensity(a) * midpoint(0, 25, 250, (l) => lamDensity(l) * windowK(c, a, l)));
      const prior = big.channels[c].prior_roas;
      const se = prior.sd! / Math.sqrt(big.prior_draws);
      expect(Math.abs(prior.mean! - expected)).toBeLessThan(4 * se);
      expect((4 * se) / expected).toBeLessThan(0.02);
    }
  });

  it('prior mean implied lift matches numerical integration (steady state, no adstock)', () => {
    tests.slice(0, 2).forEach((t, i) => {
      const c = i;
      const max = cd.channel_max[c];
      const liftPerBeta = (l: number) => cd.target_max_abs * ((1 - Math.exp(-l * (t.x + t.delta_x) / max)) / (1 + Math.exp(-l * (t.x + t.delta_x) / max)) - (1 - Math.exp(-l * t.x / max)) / (1 + Math.exp(-l * t.x / max)));
      const expected = E_BETA * midpoint(0, 25, 4000, (l) => lamDensity(l) * liftPerBeta(l));
      const prior = big.tests[i].prior_lift;
      expect(Math.abs(prior.mean! - expected)).toBeLessThan((4 * prior.sd!) / Math.sqrt(big.prior_draws));
      expect((4 * prior.sd!) / Math.sqrt(big.prior_draws) / expected).toBeLessThan(0.02);
    });
  });

  it('same run, same panel (the prior simulation is seeded by the run)', () => {
    expect(JSON.stringify(panelOf(withTests(tests)))).toBe(JSON.stringify(panel));
  });
});

describe('calibration panel: what it cannot show', () => {
  it('a run fitted without lift tests says so', () => {
    const out = calibrationPanel(withTests([]));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].message).toMatch(/without lift tests/);
  });

  it('a test on a channel the run does not model names it', () => {
    const out = calibrationPanel(withTests([{ ...tests[0], channel: 'podcast' }]));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]).toMatchObject({ channel: 'podcast' });
  });
});
