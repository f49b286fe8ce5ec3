// Prior sensitivity on real fits (dev_weekly_logistic, drawn from this model with tv's
// saturation_beta = 0.3 · 250000 / max|y| ≈ 0.34 in model units):
// - the run compared with itself: every shift 0, elpd difference 0 (seed requirement);
// - the refit machinery reproduces the run bit for bit from the run alone (factor 1 = the
//   user's own priors, same settings and seed), so the shift and elpd difference are exactly
//   0 end to end, not just for identical inputs;
// - a deliberately dominating prior (HalfNormal(0.01) on tv's saturation_beta, 34 prior sd
//   below the truth) is flagged, and the vague refit fits the data better by LOO.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLER, type ModelSpec, type SamplerSettings } from '../../src/core/types';
import { planSensitivity, refit, runSettings, sensitivityCheck, sensitivityResult, USER_FIT_NAME, vagueFitName } from '../../src/checks';
import { priorMoments, SENSITIVITY_RULES } from '../../src/diagnostics/sensitivity';
import { createNodePool } from '../../src/node/node-pool';
import { devData, devFit } from '../helpers/dev-fits';
import { cachedFit } from '../helpers/fit-cache';

const pool = createNodePool(4, 2);
afterAll(() => pool.dispose());

describe('a run against itself', async () => {
  const { idata: run } = await devFit('dev_weekly_logistic');

  it('compared with itself: zero shift, zero elpd difference, contraction from the analytic prior variance', () => {
    const r = sensitivityResult(run, run, { factor: 10, userFit: 'run', settings: runSettings(run), userWallMs: null, vagueWallMs: 1 });
    expect(r.parameters.length).toBe(18); // intercept, 3×3 channel, 3 controls, 4 Fourier, y_sigma
    for (const p of r.parameters) expect(p.shift).toBe(0);
    expect(r.comparison!.map((c) => [c.elpd_diff, c.se_diff])).toEqual([[0, 0], [0, 0]]);
    // y_sigma ~ HalfNormal(2): prior variance 4·(1 − 2/π).
    const s = r.parameters.find((p) => p.key === 'y_sigma')!;
    expect(s.prior_sd).toBeCloseTo(2 * Math.sqrt(1 - 2 / Math.PI), 14);
    expect(s.contraction).toBeCloseTo(1 - s.posterior.sd! ** 2 / (4 * (1 - 2 / Math.PI)), 12);
  });

  it('a β whose prior is a ROAS prior gets no analytic contraction (its prior scale depends on the curve), but still its shift', () => {
    const spec = run.attrs.model;
    const withRoas = { ...run, attrs: { ...run.attrs, model: { ...spec, roas_priors: [{ channel: 'search', mu: 0.5, sigma: 0.3, scope: 'window' as const, label: 'test', source: 'user' as const }] } } };
    const r = sensitivityResult(withRoas, run, { factor: 10, userFit: 'run', settings: runSettings(run), userWallMs: null, vagueWallMs: 1 });
    const b = r.parameters.find((p) => p.key === 'saturation_beta[search]')!;
    expect(b.prior).toBeNull();
    expect(b.prior_sd).toBeNull();
    expect(b.contraction).toBeNull();
    expect(b.prior_dominates).toBe(false);
    expect(b.shift).toBe(0);
    expect(b.note).toMatch(/prior is on this channel's ROAS/);
    expect(r.parameters.find((p) => p.key === 'saturation_beta[tv]')!.prior).toEqual({ dist: 'half_normal', sigma: 2 });
  });

  it('refit from the run alone with its own priors, settings and seed reproduces it exactly: shift 0, elpd_diff 0', async () => {
    const settings = runSettings(run);
    const plan = planSensitivity(run, settings, 1);
    if ('errors' in plan) throw new Error(plan.errors[0].message);
    expect(plan.reuseRun).toBe(true);
    const again = await refit(pool, plan.data, plan.vagueSpec, settings, { label: 'refit', index: 1, of: 1 });
    if ('errors' in again) throw new Error(again.errors[0].message);
    expect(again.idata.posterior).toEqual(run.posterior);
    const r = sensitivityResult(run, again.idata, { factor: 1, userFit: 'run', settings, userWallMs: null, vagueWallMs: again.wallMs });
    for (const p of r.parameters) expect(p.shift).toBe(0);
    expect(r.comparison!.map((c) => c.elpd_diff)).toEqual([0, 0]);
    expect(r.comparison!.map((c) => c.name).sort()).toEqual([USER_FIT_NAME, vagueFitName(1)].sort());
  }, 600_000);
}, 600_000);

describe('a deliberately dominating prior', async () => {
  const { data, spec } = devData('dev_weekly_logistic');
  const tight: ModelSpec = {
    ...spec,
    channels: spec.channels.map((c) => (c.name === 'tv' ? { ...c, priors: { ...c.priors, saturation_beta: { dist: 'half_normal', sigma: 0.01 } } } : c)),
  };
  const settings: SamplerSettings = { ...DEFAULT_SAMPLER, warmup: 500, draws: 500, seed: 7 };
  const { idata: run } = await cachedFit('checks-tight-tv-beta', data, tight, settings);
  const out = await sensitivityCheck(pool, run, { settings: runSettings(run) });
  if ('errors' in out) throw new Error(out.errors[0].message);
  const r = out.result;
  const beta = r.parameters.find((p) => p.key === 'saturation_beta[tv]')!;

  it('flags tv saturation_beta: the prior dominates and a vague prior moves it by many sd', () => {
    console.log(
      `tight tv beta: prior sd ${beta.prior_sd}, posterior ${beta.posterior.mean} ± ${beta.posterior.sd}, vague ${beta.posterior_vague.mean} ± ${beta.posterior_vague.sd}, ` +
        `contraction ${beta.contraction}, shift ${beta.shift}; flagged ${r.flagged.join(', ')}`,
    );
    expect(r.user_fit).toBe('run');
    expect(beta.prior).toEqual({ dist: 'half_normal', sigma: 0.01 });
    expect(beta.vague_prior).toEqual({ dist: 'half_normal', sigma: 0.1 });
    expect(beta.prior_sd).toBeCloseTo(Math.sqrt(priorMoments({ dist: 'half_normal', sigma: 0.01 }).variance), 15);
    expect(beta.contraction!).toBeLessThan(SENSITIVITY_RULES.min_contraction);
    expect(beta.shift!).toBeLessThan(-SENSITIVITY_RULES.max_abs_shift);
    expect(beta.prior_dominates && beta.prior_sensitive).toBe(true);
    expect(beta.note).toMatch(/prior decides/);
    expect(r.flagged).toContain('saturation_beta[tv]');
    // The data pull β far above the prior: the vague posterior sits at many prior sd.
    expect(beta.posterior_vague.mean!).toBeGreaterThan(10 * 0.01);
  });

  it('the vague refit predicts better by PSIS-LOO, beyond 2 SE of the difference', () => {
    const [best, other] = r.comparison!;
    console.log(`LOO: ${best.name} ${best.elpd.toFixed(1)}; ${other.name} diff ${other.elpd_diff.toFixed(1)} ± ${other.se_diff.toFixed(1)}`);
    expect(best.name).toBe(vagueFitName(10));
    expect(other.name).toBe(USER_FIT_NAME);
    expect(other.elpd_diff).toBeLessThan(-2 * other.se_diff);
  });

  it('says how the vague refit went', () => {
    expect(r.refits.user).toBeNull();
    expect(Object.keys(r.refits.vague.gates)).toContain('r_hat');
    expect(r.settings).toEqual(runSettings(run));
  });
}, 600_000);
