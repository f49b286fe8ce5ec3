import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareModels, fromDrawRows, priorMoments, psisLoo, sensitivityFromRuns, sensitivityRow } from '../../src/diagnostics/index';
import { makeIdata, normal, rng } from './fixtures';
import { readCsvNumbers } from './reference';

interface GoldenRow { name: string; elpd_diff: number; se_diff: number; elpd: number; se: number }
const golden = JSON.parse(readFileSync(new URL('./golden/loo-compare-2.5.1.json', import.meta.url), 'utf8')) as {
  b_elpd_loo: number; rows: GoldenRow[]; self_rows: GoldenRow[];
};

describe('model comparison matches loo::loo_compare', () => {
  const rows = readCsvNumbers('log_lik.csv').rows;
  // Model b exactly as make-loo-compare-golden.R builds it.
  const rowsB = rows.map((r) => r.map((v, i) => 0.9 * v - 0.05 * (i % 3)));
  const a = psisLoo(fromDrawRows(rows, 4));
  const b = psisLoo(fromDrawRows(rowsB, 4));

  it('sorts by elpd and gives elpd_diff and se_diff to 1e-9', () => {
    expect(Math.abs(b.elpd_loo.estimate - golden.b_elpd_loo)).toBeLessThan(1e-9);
    const res = compareModels([
      { name: 'a', pointwise_elpd: a.pointwise.elpd_loo },
      { name: 'b', pointwise_elpd: b.pointwise.elpd_loo },
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.map((r) => r.name)).toEqual(golden.rows.map((r) => r.name));
    res.value.forEach((r, i) => {
      expect(Math.abs(r.elpd_diff - golden.rows[i].elpd_diff)).toBeLessThan(1e-9);
      expect(Math.abs(r.se_diff - golden.rows[i].se_diff)).toBeLessThan(1e-9);
      expect(Math.abs(r.se - golden.rows[i].se)).toBeLessThan(1e-9);
    });
  });
  it('a run compared with itself shows zero difference', () => {
    const res = compareModels([
      { name: 'a', pointwise_elpd: a.pointwise.elpd_loo },
      { name: 'a_again', pointwise_elpd: a.pointwise.elpd_loo },
    ]);
    expect(res.ok && res.value.map((r) => [r.elpd_diff, r.se_diff])).toEqual([[0, 0], [0, 0]]);
  });
  it('refuses runs on different observations or data', () => {
    const r1 = compareModels([{ name: 'a', pointwise_elpd: [1, 2] }, { name: 'b', pointwise_elpd: [1, 2, 3] }]);
    expect(r1.ok).toBe(false);
    const r2 = compareModels([
      { name: 'a', pointwise_elpd: [1, 2], data_fingerprint: 'x' },
      { name: 'b', pointwise_elpd: [1, 2], data_fingerprint: 'y' },
    ]);
    expect(!r2.ok && r2.errors[0].message).toMatch(/different data/);
  });
});

describe('prior sensitivity', () => {
  it('prior moments in closed form', () => {
    expect(priorMoments({ dist: 'beta', alpha: 1, beta: 3 })).toEqual({ mean: 0.25, variance: 3 / 80 });
    expect(priorMoments({ dist: 'gamma', alpha: 3, beta: 1 })).toEqual({ mean: 3, variance: 3 });
    const hn = priorMoments({ dist: 'half_normal', sigma: 2 });
    expect(hn.mean).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 15);
    expect(hn.variance).toBeCloseTo(4 * (1 - 2 / Math.PI), 15);
    expect(priorMoments({ dist: 'laplace', mu: 0, b: 1 }).variance).toBe(2);
  });

  // Conjugate normal: n observations with mean 3 and sd 1, prior N(0, τ²) →
  // posterior N(m, v) with v = 1 / (n + 1/τ²), m = v · n · 3. Draws are exact quantiles.
  function posteriorDraws(tau: number, n = 20): Float64Array {
    const v = 1 / (n + 1 / tau ** 2);
    const m = v * n * 3;
    const z = normal(rng(9));
    return Float64Array.from({ length: 4000 }, () => m + Math.sqrt(v) * z());
  }

  it('a deliberately dominating prior is flagged; a vague one is not', () => {
    const vague = posteriorDraws(100);
    const dominating = sensitivityRow({ key: 'theta', prior: { mean: 0, variance: 0.01 ** 2 }, posterior: posteriorDraws(0.01), posterior_vague: vague });
    // Analytic: contraction = 1 − v/τ² = 1 − 1/(1 + 20·1e-4) ≈ 0.002; shift ≈ (0.006 − 3)/0.00999 ≈ −300.
    expect(dominating.contraction).toBeLessThan(0.1);
    expect(dominating.shift).toBeLessThan(-100);
    expect(dominating.prior_dominates && dominating.prior_sensitive).toBe(true);
    expect(dominating.note).toMatch(/prior decides/);
    const fine = sensitivityRow({ key: 'theta', prior: { mean: 0, variance: 100 ** 2 }, posterior: vague, posterior_vague: posteriorDraws(100) });
    expect(fine.contraction).toBeGreaterThan(0.99);
    expect(Math.abs(fine.shift)).toBeLessThan(0.1);
    expect(fine.prior_dominates || fine.prior_sensitive).toBe(false);
    expect(fine.note).toBeNull();
  });

  it('from runs: every parameter with a prior gets a row; a run against itself shifts 0', () => {
    const run = makeIdata({ chains: 2, draws: 200, nObs: 10, seed: 21 });
    const rows = sensitivityFromRuns(run, run);
    expect(rows.map((r) => r.key).sort()).toEqual(['adstock_alpha[search]', 'adstock_alpha[tv]', 'intercept', 'y_sigma']);
    for (const r of rows) expect(r.shift).toBe(0);
    // adstock_alpha draws have sd 0.05 vs the Beta(1, 3) prior sd ≈ 0.19: contraction ≈ 1 − 0.0025/0.0375.
    const a = rows.find((r) => r.key === 'adstock_alpha[tv]')!;
    expect(a.contraction).toBeGreaterThan(0.9);
  });
});
