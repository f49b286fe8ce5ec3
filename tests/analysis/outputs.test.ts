import { describe, expect, it } from 'vitest';
import type { InferenceData } from '../../src/core/types';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { posteriorFromInferenceData, type Posterior } from '../../src/analysis/posterior';
import { analyseRun } from '../../src/analysis/analyse';
import { channelContributionsJson } from '../../src/analysis/outputs/channel-contributions';
import { budgetOptimizationJson } from '../../src/analysis/outputs/budget-optimization';
import { PlanResponse } from '../../src/analysis/plan-response';
import { optimizeBudget } from '../../src/analysis/optimizer';
import { budgetChangeScenario } from '../../src/analysis/scenarios';
import { inferenceDataFor, jitteredDraws, syntheticSet } from './helpers';

const ESTIMATE_KEYS = ['mean', 'sd', 'q05', 'q50', 'q95'];
const isEstimate = (e: unknown) => !!e && typeof e === 'object' && ESTIMATE_KEYS.every((k) => k in (e as object));

describe('run directory → analysis → JSON outputs', () => {
  const { data, spec, theta } = syntheticSet('dev_weekly_logistic');
  const draws = jitteredDraws(spec, theta, 40, 0.1, 2);
  // Through JSON, as a run directory stores it.
  const idata = JSON.parse(JSON.stringify(inferenceDataFor(data, spec, draws))) as InferenceData;
  const post = posteriorFromInferenceData(idata) as Posterior;

  it('reads the posterior and the model inputs back exactly', () => {
    expect('errors' in post).toBe(false);
    expect(Array.from(post.draws.values)).toEqual(Array.from(draws.values));
    const fd = forwardDataFromDataset(data, spec) as ForwardData;
    expect(Array.from(post.data.xs)).toEqual(Array.from(fd.xs));
    expect(Array.from(post.data.zs)).toEqual(Array.from(fd.zs));
    expect(post.data.targetMaxAbs).toBe(fd.targetMaxAbs);
  });

  it('reports a missing variable or channel as an error naming it', () => {
    const broken = JSON.parse(JSON.stringify(idata)) as InferenceData;
    delete broken.posterior.saturation_lam;
    const r = posteriorFromInferenceData(broken);
    expect('errors' in r && r.errors[0].message).toMatch(/saturation_lam/);
    const noCh = JSON.parse(JSON.stringify(idata)) as InferenceData;
    noCh.coords.channel = ['tv', 'search', 'radio'];
    const r2 = posteriorFromInferenceData(noCh);
    expect('errors' in r2 && r2.errors.map((e) => e.message).join()).toMatch(/social/);
  });

  it('mmm_channel_contributions.json has the MODEL.md §8 keys and estimates', () => {
    const a = analyseRun(post, { maxDrawsOverTime: 20 });
    const json = JSON.parse(JSON.stringify(channelContributionsJson(idata.attrs, a, post.data.dates)));
    expect(json.metadata.model.channels.length).toBe(3);
    expect(Object.keys(json.channels)).toEqual(['tv', 'search', 'social']);
    for (const c of Object.values(json.channels) as Array<Record<string, unknown>>) {
      for (const k of ['contribution', 'roas', 'marginal_roas', 'share_of_media']) expect(isEstimate(c[k])).toBe(true);
      expect(typeof c.spend).toBe('number');
      expect(typeof c.saturation_flag).toBe('boolean');
    }
    expect(isEstimate(json.base.intercept) && isEstimate(json.base.seasonality) && isEstimate(json.media_total)).toBe(true);
    expect(Object.keys(json.base.controls)).toEqual(['promo_event', 'price_index']);
    expect(Object.keys(json.sum_check).sort()).toEqual(['components_total', 'observed_total', 'relative_error', 'within_2_percent']);
    expect(json.over_time.dates.length).toBe(156);
  });

  it('mmm_budget_optimization.json: feasible and infeasible', () => {
    const resp = new PlanResponse(post.data, post.spec, post.draws, 13);
    const B = resp.current.reduce((x, v) => x + v, 0) * 13;
    const problem = { budget: B, horizon: 13, constraints: { tv: { fixed: true } } };
    const r = optimizeBudget(resp, problem);
    const json = JSON.parse(JSON.stringify(budgetOptimizationJson(idata.attrs, r, [budgetChangeScenario(resp, problem, 10)])));
    expect(json.feasible).toBe(true);
    expect(json.budget).toBe(B);
    expect(json.horizon_periods).toBe(13);
    expect(json.objective).toBe('mean');
    expect(json.constraints.tv).toEqual({ min: null, max: null, fixed: true, binds: { min: false, max: false, fixed: true } });
    expect(Object.keys(json.optimal.spend_per_period)).toEqual(['tv', 'search', 'social']);
    expect(isEstimate(json.current.expected_outcome) && isEstimate(json.optimal.expected_outcome) && isEstimate(json.lift)).toBe(true);
    expect(json.p_lift_positive).toBeGreaterThanOrEqual(0);
    // The marginal return at both plans as estimates; the posterior-mean field is unchanged.
    expect(typeof json.marginal_return_definition).toBe('string');
    for (const ch of ['tv', 'search', 'social']) {
      const k = r.feasible ? r.constraints.find((x) => x.channel === ch)! : null;
      expect(json.marginal_return_estimate.current[ch]).toEqual(k!.marginal_return.current);
      expect(json.marginal_return_estimate.optimal[ch]).toEqual(k!.marginal_return.optimal);
      expect(isEstimate(json.marginal_return_estimate.optimal[ch])).toBe(true);
      expect(json.marginal_return_estimate.optimal[ch].mean / json.marginal_return[ch]).toBeCloseTo(1, 12);
    }
    expect(json.scenarios[0].name).toBe('total budget +10%');
    expect(isEstimate(json.scenarios[0].expected_outcome) && isEstimate(json.scenarios[0].lift)).toBe(true);
    const bad = JSON.parse(JSON.stringify(budgetOptimizationJson(idata.attrs, optimizeBudget(resp, { ...problem, budget: 1 }))));
    expect(bad.feasible).toBe(false);
    expect(bad.reason).toMatch(/more than the budget/);
    expect(bad.optimal).toBeNull();
    expect(bad.marginal_return_estimate).toBeNull();
  });
});

describe('draws from chain results', () => {
  it('stack post-warmup rows of the chains that did not fail, in layout order', async () => {
    const { drawsFromChains } = await import('../../src/analysis/posterior');
    const { spec, theta } = syntheticSet('dev_weekly_logistic');
    const P = theta.length;
    const mk = (chain: number, warmup: number, rows: number, error?: string) => ({
      chain,
      draws: Float64Array.from({ length: (warmup + rows) * (P + 2) }, (_, i) => chain * 1000 + Math.floor(i / (P + 2)) + (i % (P + 2)) / 100),
      stats: new Float64Array(0),
      n_out: P + 2,
      warmup,
      draws_count: rows,
      gradient_evaluations: 0,
      inv_metric: new Float64Array(0),
      step_size: 0,
      wall_ms: 0,
      error,
    });
    const m = drawsFromChains(spec, [mk(0, 2, 3), mk(1, 2, 3, 'no finite init'), mk(2, 1, 2)]);
    expect(m.n).toBe(5);
    expect(m.stride).toBe(P);
    expect(m.values[0]).toBe(2); // chain 0, row 2 (first after warmup), column 0
    expect(m.values[P + 1]).toBeCloseTo(3.01, 12); // chain 0, row 3, column 1
    expect(m.values[3 * P]).toBe(2001); // chain 2 (chain 1 failed), row 1
  });
});
