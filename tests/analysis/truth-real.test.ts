// Issue 5 acceptance 2 on the real default fits (tests/helpers/dev-fits.ts: 4 chains ×
// (1000 + 1000), seed 1): budget = the last 52 weeks' total spend, horizon 52, bounds 0.5–2×
// each channel's last-52-week mean; the plan optimised on the posterior is scored under
// truth.json's parameters next to the plan optimised on the truth itself.
//
// What holds and is asserted: the truth's own plan is at least as good under the truth as the
// posterior's (the harness is right), and the posterior's own expected lift of its plan is
// positive. What does not hold (kept as expected failures, so they turn red the day they
// pass): on dev_weekly_logistic the posterior plan reaches 80% of the true optimum's lift,
// and on dev_weekly_hill its true lift is positive. Measured: logistic — posterior plan cuts
// tv to 0.5× and raises search to 2×, true lift −104,144 against +77,617 for the truth's plan;
// hill — true lift −21,927 against +519,085. The cause is the posterior, not the optimizer
// (checked against brute force in optimizer.test.ts) nor the sampler (it matches Stan's
// posterior within MCSE, tests/engine): tv's adstock_alpha truth (0.6) lies above Stan's
// and our 95% quantile (0.558), so tv's long-run effect of steady spend is underrated; and
// search's curvature is missed the same way — saturation_lam[search] truth 4.0 against Stan's
// 90% interval [0.55, 3.29] (ours [0.64, 3.19]), saturation_beta[search] truth 0.206 (model
// units) below Stan's q05 0.238 — so the posterior's marginal return of search at the current
// plan is 1.78 [1.40, 2.18] against a true 1.23, and of tv 0.56 [0.44, 0.70] against a true
// 0.72. The data are not at fault either: y minus the true mean is white noise (sd 0.0366 in
// the generator's units against sigma 0.035, lag-1 autocorrelation 0.02), which happens to
// correlate +0.09 and +0.11 with search's and social's spend. Any correct sampler of this
// model on these rows recommends moving tv's budget to search.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { posteriorFromInferenceData, type Posterior } from '../../src/analysis/posterior';
import { truthCheck, type TruthCheck } from '../../src/analysis/truth-check';
import { flatLayout } from '../../src/model/layout';
import { sharedPath } from '../helpers/csv-dataset';
import { devFit } from '../helpers/dev-fits';

type SetName = 'dev_weekly_logistic' | 'dev_weekly_hill';

interface TruthChannel {
  name: string;
  alpha: number;
  beta: number;
  lam?: number;
  k?: number;
  s?: number;
}

/** truth.json's channel parameters written over one posterior draw (base parameters do not enter media outcomes). */
function truthTheta(post: Posterior, set: SetName): Float64Array {
  const truth = JSON.parse(readFileSync(sharedPath(`data/synthetic/${set}/truth.json`), 'utf8'));
  const r = truth.y_scale_used / truth.target_max_abs;
  const theta = Float64Array.from(post.draws.values.subarray(0, post.draws.stride));
  const byName = new Map<string, TruthChannel>(truth.channels.map((c: TruthChannel) => [c.name, c]));
  let written = 0;
  for (const e of flatLayout(post.spec)) {
    const c = e.coord === undefined ? undefined : byName.get(e.coord);
    if (!c) continue;
    const v = { adstock_alpha: c.alpha, saturation_beta: c.beta * r, saturation_lam: c.lam, saturation_kappa: c.k, saturation_slope: c.s }[e.name];
    if (v === undefined) continue;
    theta[e.index] = v;
    written++;
  }
  const perChannel = post.spec.channels[0].saturation === 'hill' ? 4 : 3;
  if (written !== perChannel * byName.size) throw new Error(`wrote ${written} truth parameters`);
  return theta;
}

async function check(set: SetName): Promise<TruthCheck> {
  const { idata } = await devFit(set);
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) throw new Error(post.errors[0].message);
  const { T } = post.data;
  let budget = 0;
  for (let c = 0; c < post.data.C; c++) for (let t = T - 52; t < T; t++) budget += post.data.spend[c * T + t];
  const bounds = { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } };
  const problem = { budget, horizon: 52, constraints: Object.fromEntries(post.spec.channels.map((c) => [c.name, bounds])) };
  const r = truthCheck(post.data, post.spec, post.draws, truthTheta(post, set), problem);
  if ('reason' in r) throw new Error(r.reason);
  console.log(`${set}: posterior plan`, r.posterior.optimal.spend_per_period, 'truth plan', r.truth.optimal.spend_per_period, `true lifts ${r.posterior_plan_true_lift.toFixed(0)} vs ${r.true_plan_true_lift.toFixed(0)}`);
  return r;
}

describe('issue 5 acceptance 2 on the real default fits', () => {
  for (const set of ['dev_weekly_logistic', 'dev_weekly_hill'] as const)
    it(`${set}: the harness holds (the truth's plan is the best under the truth; the posterior expects a gain)`, async () => {
      const r = await check(set);
      expect(r.true_plan_true_lift).toBeGreaterThan(0);
      expect(r.true_plan_true_lift).toBeGreaterThanOrEqual(r.posterior_plan_true_lift);
      expect(r.posterior.lift.mean).toBeGreaterThan(0);
    }, 3_600_000);

  it.fails('dev_weekly_logistic: the posterior plan reaches 80% of the true optimum lift', async () => {
    expect((await check('dev_weekly_logistic')).ratio!).toBeGreaterThanOrEqual(0.8);
  }, 3_600_000);

  it.fails('dev_weekly_hill: the posterior plan has a positive true lift', async () => {
    expect((await check('dev_weekly_hill')).posterior_plan_true_lift).toBeGreaterThan(0);
  }, 3_600_000);
});
