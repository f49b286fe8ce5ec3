// The convergence table's order and cell verdicts (same thresholds as the gates), and the
// plot data of the worker agreeing with the mmm_diagnostics.json report it sits next to.
import { describe, expect, it } from 'vitest';
import { distinctNames } from '../../../src/app/diagnostics/comparison.svelte';
import { pointwiseElpd, runDetails } from '../../../src/app/diagnostics/compute';
import { cellStatus, parameterRows, sortParameterRows, type ParameterRow } from '../../../src/app/diagnostics/parameter-rows';
import { buildDiagnostics, compareModels } from '../../../src/diagnostics';
import { makeIdata } from '../../diagnostics/fixtures';

const row = (key: string, r_hat: number | null, ess_bulk: number | null, ess_tail = 500, mcse_mean = 0.01): ParameterRow => ({ key, r_hat, ess_bulk, ess_tail, mcse_mean });

describe('parameter rows', () => {
  const rows = [row('b', 1.002, 900), row('a', 1.2, 50), row('c', null, 300), row('d', 1.03, null)];
  it('worst first: R-hat high first, ESS low first, uncomputable values worst of all', () => {
    expect(sortParameterRows(rows, 'r_hat').map((r) => r.key)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortParameterRows(rows, 'ess_bulk').map((r) => r.key)).toEqual(['d', 'a', 'c', 'b']);
    expect(sortParameterRows(rows, 'r_hat', false).map((r) => r.key)).toEqual(['b', 'd', 'a', 'c']);
    expect(sortParameterRows(rows, 'key').map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
    // Ties fall back to the name.
    expect(sortParameterRows([row('y', 1, 1), row('x', 1, 1)], 'r_hat').map((r) => r.key)).toEqual(['x', 'y']);
  });
  it('cells are judged at the gate thresholds', () => {
    expect(cellStatus('r_hat', row('a', 1.0099, 1))).toBe('pass');
    expect(cellStatus('r_hat', row('a', 1.01, 1))).toBe('warn');
    expect(cellStatus('r_hat', row('a', 1.05, 1))).toBe('fail');
    expect(cellStatus('r_hat', row('a', null, 1))).toBe('fail');
    expect(cellStatus('ess_bulk', row('a', 1, 401))).toBe('pass');
    expect(cellStatus('ess_bulk', row('a', 1, 400))).toBe('warn');
    expect(cellStatus('ess_tail', row('a', 1, 1, 100))).toBe('fail');
    expect(cellStatus('mcse_mean', row('a', 1, 1))).toBeNull();
  });
  it('come from the report keyed name[coord]', () => {
    const report = buildDiagnostics(makeIdata({ chains: 2, draws: 40, nObs: 8, seed: 3 }));
    expect(parameterRows(report.parameters).map((r) => r.key)).toEqual(['intercept', 'adstock_alpha[tv]', 'adstock_alpha[search]', 'y_sigma']);
  });
});

describe('run details against the report', () => {
  const idata = makeIdata({ chains: 4, draws: 100, nObs: 30, seed: 11, divergent: 3, dataSd: 1.5 });
  const report = buildDiagnostics(idata);
  const d = runDetails(idata);

  it('chains, coverage, fit metrics and LOO agree with mmm_diagnostics.json', () => {
    expect(d.chains.map((c) => c.divergences)).toEqual(report.chains.map((c) => c.divergences));
    expect(d.chains[0].divergent_draws).toEqual([0, 1, 2]);
    expect(d.ppc!.coverage_50).toBe(report.ppc.coverage_50);
    expect(d.ppc!.coverage_90).toBe(report.ppc.coverage_90);
    expect(d.fit!.metrics.durbin_watson).toBe(report.fit!.durbin_watson);
    expect(d.loo!.over_0_7).toBe(report.loo.pareto_k_over_0_7);
    expect(d.loo!.elpd.reduce((a, b) => a + b, 0)).toBeCloseTo(report.loo.elpd!, 9);
    expect(d.dates[0]).toBe('2024-01-01');
  });

  it('residuals are observed minus the mean of the predictive draws (brute force)', () => {
    const pp = idata.posterior_predictive.y as number[][][];
    const y = idata.observed_data.y;
    y.forEach((v, t) => {
      const draws = pp.flatMap((ch) => ch.map((row) => row[t]));
      expect(d.fit!.residuals[t]).toBeCloseTo(v - draws.reduce((a, b) => a + b, 0) / draws.length, 10);
    });
  });

  it('a missing observation leaves a gap, not a failure', () => {
    const gap = makeIdata({ chains: 2, draws: 30, nObs: 10, seed: 5 });
    (gap.observed_data.y as Array<number | null>)[4] = null;
    const g = runDetails(gap);
    expect(Number.isNaN(g.fit!.residuals[4])).toBe(true);
    expect(g.fit!.qq.sample).toHaveLength(9);
    expect(g.ppc!.n_counted).toBe(9);
  });

  it('pointwise elpd: a run compared with itself differs by exactly 0; no log-likelihood is an error', () => {
    const pw = pointwiseElpd(idata);
    expect(pw.ok).toBe(true);
    if (!pw.ok) return;
    const cmp = compareModels([{ name: 'a', pointwise_elpd: pw.value }, { name: 'b', pointwise_elpd: Float64Array.from(pw.value) }]);
    expect(cmp.ok && cmp.value.map((r) => [r.elpd_diff, r.se_diff])).toEqual([[0, 0], [0, 0]]);
    const none = pointwiseElpd({ ...idata, log_likelihood: { y: [] } });
    expect(!none.ok && none.errors[0].message).toMatch(/no pointwise log-likelihood/);
  });

  it('distinct names for runs that share one', () => {
    expect(distinctNames(['A', 'B', 'A', 'A'])).toEqual(['A', 'B', 'A (2)', 'A (3)']);
  });
});
