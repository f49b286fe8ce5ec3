import { describe, expect, it } from 'vitest';
import { buildDiagnostics, summarizeParameters } from '../../src/diagnostics/index';
import { makeIdata } from './fixtures';

const NOW = new Date('2026-02-03T04:05:06.000Z');

describe('mmm_diagnostics.json', () => {
  const good = buildDiagnostics(makeIdata({ chains: 4, draws: 500, nObs: 60, seed: 11 }), { now: NOW });

  it('has every MODEL.md §8 key, parameters keyed name[coord]', () => {
    expect(Object.keys(good)).toEqual(expect.arrayContaining(['metadata', 'parameters', 'chains', 'ppc', 'loo', 'waic', 'gates', 'timings']));
    expect(Object.keys(good.parameters).sort()).toEqual(['adstock_alpha[search]', 'adstock_alpha[tv]', 'intercept', 'y_sigma']);
    for (const p of Object.values(good.parameters)) expect(Object.keys(p).sort()).toEqual(['ess_bulk', 'ess_tail', 'mcse_mean', 'r_hat']);
    expect(good.chains).toHaveLength(4);
    expect(Object.keys(good.chains[0]).sort()).toEqual(['chain', 'divergences', 'e_bfmi', 'max_treedepth_hits', 'step_size']);
    expect(Object.keys(good.loo)).toEqual(expect.arrayContaining(['elpd', 'se', 'p_loo', 'pareto_k_over_0_7']));
    expect(Object.keys(good.waic)).toEqual(expect.arrayContaining(['elpd', 'p_waic']));
    expect(good.metadata.created_at).toBe(NOW.toISOString());
    expect(good.metadata.run_created_at).toBe('2026-01-01T00:00:00.000Z');
    expect(good.metadata.seed).toBe(11);
    expect(good.metadata.sampler.max_treedepth).toBe(10);
    expect(good.timings.wall_seconds).toBe(1.25);
    expect(good.timings.diagnostics_seconds).toBeGreaterThanOrEqual(0);
  });

  it('a well-mixed run passes the gates', () => {
    for (const [name, g] of Object.entries(good.gates)) expect(g.status, `${name}: ${g.detail}`).toBe('pass');
    expect(good.estimates_provisional).toBe(false);
    // iid draws: R-hat ≈ 1, ESS ≈ S; iid energy: E-BFMI ≈ 2; step sizes as recorded.
    expect(good.parameters.intercept.r_hat!).toBeLessThan(1.01);
    expect(good.parameters.intercept.ess_bulk!).toBeGreaterThan(1500);
    for (const c of good.chains) expect(c.e_bfmi!).toBeGreaterThan(1.6);
    expect(good.chains[2].step_size).toBeCloseTo(0.27, 12);
    // The data came from the model: 90% intervals cover ≈ 90%, p_loo ≈ 2 effective parameters.
    expect(good.ppc.coverage_90!).toBeGreaterThan(0.8);
    expect(good.loo.p_loo!).toBeGreaterThan(0.5);
    expect(good.loo.p_loo!).toBeLessThan(5);
  });

  it('one chain far away fails R-hat and marks estimates provisional', () => {
    const bad = buildDiagnostics(makeIdata({ chains: 4, draws: 500, nObs: 60, seed: 12, lastChainOffset: 2 }), { now: NOW });
    expect(bad.gates.r_hat.status).toBe('fail');
    expect(bad.gates.r_hat.detail).toContain('intercept');
    expect(bad.gates.r_hat.action).toMatch(/warmup/);
    expect(bad.estimates_provisional).toBe(true);
  });

  it('divergences over 1% fail, autocorrelated chains fail ESS, misfit fails coverage', () => {
    const d = buildDiagnostics(makeIdata({ chains: 4, draws: 200, nObs: 60, seed: 13, divergent: 20 }), { now: NOW });
    expect(d.gates.divergences.status).toBe('fail');
    expect(d.chains[0].divergences).toBe(20);
    const warnDiv = buildDiagnostics(makeIdata({ chains: 4, draws: 200, nObs: 60, seed: 13, divergent: 8 }), { now: NOW });
    expect(warnDiv.gates.divergences.status).toBe('warn'); // 8 / 800 = 1%
    const slow = buildDiagnostics(makeIdata({ chains: 4, draws: 200, nObs: 60, seed: 14, phi: 0.995 }), { now: NOW });
    expect(slow.gates.ess_bulk.status).toBe('fail');
    const misfit = buildDiagnostics(makeIdata({ chains: 4, draws: 200, nObs: 60, seed: 15, dataSd: 3 }), { now: NOW });
    expect(misfit.gates.ppc_coverage_90.status).toBe('fail');
    expect(misfit.gates.ppc_coverage_90.action).toMatch(/residuals/);
  });

  it('numbers that cannot be computed are null, and JSON round-trips', () => {
    const idata = makeIdata({ chains: 2, draws: 50, nObs: 10, seed: 16 });
    idata.posterior.y_sigma = [new Array(50).fill(1), new Array(50).fill(1)]; // constant: no R-hat
    delete (idata as Partial<typeof idata>).log_likelihood;
    const r = buildDiagnostics(idata, { now: NOW });
    expect(r.parameters.y_sigma.r_hat).toBeNull();
    expect(r.loo.elpd).toBeNull();
    expect(r.gates.r_hat.status).toBe('fail');
    expect(r.gates.pareto_k.status).toBe('warn');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('summarizeParameters (summary.json "parameters")', () => {
  it('gives estimate + r_hat, ess_bulk, ess_tail with exact quantiles', () => {
    const idata = makeIdata({ chains: 2, draws: 3, nObs: 4, seed: 17 });
    idata.posterior.intercept = [[1, 2, 3], [4, 5, 6]];
    const s = summarizeParameters(idata);
    expect(s.intercept.mean).toBe(3.5);
    expect(s.intercept.sd).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(s.intercept.q05).toBeCloseTo(1.25, 14); // type 7: 1 + 0.05 · 5
    expect(s.intercept.q50).toBe(3.5);
    expect(s.intercept.q95).toBeCloseTo(5.75, 14);
    expect(Object.keys(s.intercept).sort()).toEqual(['ess_bulk', 'ess_tail', 'mean', 'q05', 'q50', 'q95', 'r_hat', 'sd']);
    expect(s['adstock_alpha[tv]']).toBeDefined();
  });
});
