// Ridge with lift tests: MAPE.LIFT joins as Robyn's third objective, computed with the same
// steady-state lift the Bayesian model's likelihood uses (MODEL.md §6).
import { describe, expect, it } from 'vitest';
import { importLiftTests } from '../../src/calibration/import';
import { toModelLiftTests } from '../../src/calibration/types';
import { saturation } from '../../src/model/kernels';
import { dominates } from '../../src/ridge/pareto';
import { runRidge } from '../../src/ridge/run';
import type { RidgeResult } from '../../src/ridge/types';
import { devWeeklyHill, readText } from '../calibration/wide-csv';

const data = devWeeklyHill();
const tests = toModelLiftTests(importLiftTests(readText('data/synthetic/dev_workspace_hill/analysis/incrementality_results.json'), 'inc.json', data).tests);

describe('ridge with lift tests (MAPE.LIFT)', () => {
  const r = runRidge(data, { seed: 5, lift_tests: tests, search: { population: 16, generations: 8 }, bootstrap: { replicates: 50 } }) as RidgeResult;

  it('scores every candidate on three objectives and keeps a 3-D non-dominated front', () => {
    expect('errors' in r).toBe(false);
    const v = (i: number) => [r.candidates[i].objectives.nrmse, r.candidates[i].objectives.decomp_rssd, r.candidates[i].objectives.mape_lift!];
    for (const c of r.candidates) expect(c.objectives.mape_lift).not.toBeNull();
    for (const i of r.pareto) for (let j = 0; j < r.evaluations; j++) expect(dominates(v(j), v(i))).toBe(false);
  });

  it("reports each test's implied lift; the point APE is |coef·(sat(x1) − sat(x0)) − Δy| / Δy by hand", () => {
    expect(r.lift.map((l) => l.channel)).toEqual(['tv', 'radio']);
    const max = (ch: string) => data.channels.find((c) => c.name === ch)!.spend.reduce((m, x) => Math.max(m, x), 0);
    let sum = 0;
    r.lift.forEach((l, i) => {
      const t = tests[i];
      const p = { kappa: r.model.hyper[`saturation_kappa[${t.channel}]`], slope: r.model.hyper[`saturation_slope[${t.channel}]`] };
      const implied = r.model.coefficients[t.channel] * (saturation('hill', p, (t.x + t.delta_x) / max(t.channel)) - saturation('hill', p, t.x / max(t.channel)));
      expect(l.ape).toBeCloseTo(Math.abs(implied - t.delta_y) / t.delta_y, 10);
      expect(Math.abs(l.implied_point / implied - 1)).toBeLessThan(1e-12);
      expect(l.implied.q05!).toBeLessThanOrEqual(l.implied.q95!);
      // The test itself travels with the check: Δy and its σ, as the studio's lift table shows them.
      expect([l.delta_y, l.sigma]).toEqual([t.delta_y, t.sigma]);
      sum += l.ape;
    });
    expect(r.model.objectives.mape_lift).toBeCloseTo(sum / r.lift.length, 12);
  });

  it('rejects a lift test for a channel the data lack', () => {
    const bad = runRidge(data, { seed: 5, lift_tests: [{ ...tests[0], channel: 'podcast' }] });
    expect('errors' in bad && bad.errors[0].channel).toBe('podcast');
  });
});

describe('ridge input validation', () => {
  it('names a channel that never spends, a bad range and an unknown control', () => {
    const zero = { ...data, channels: data.channels.map((c, i) => (i === 1 ? { ...c, spend: new Float64Array(c.spend.length) } : c)) };
    const e1 = runRidge(zero, { seed: 1 });
    expect('errors' in e1 && e1.errors.find((e) => e.channel === 'radio')?.message).toMatch(/never spends/);
    const e2 = runRidge(data, { seed: 1, channels: { tv: { ranges: { adstock_alpha: [0.5, 1.2] } } } });
    expect('errors' in e2 && e2.errors[0]).toMatchObject({ channel: 'tv', column: 'adstock_alpha' });
    const e3 = runRidge(data, { seed: 1, channels: { tv: { ranges: { saturation_lam: [1, 2] } } } });
    expect('errors' in e3 && e3.errors[0].message).toMatch(/not a parameter of geometric\/hill/);
    const e4 = runRidge(data, { seed: 1, controls: ['price'] });
    expect('errors' in e4 && e4.errors[0]).toMatchObject({ column: 'price' });
  });

  it('reports progress and stops when cancelled', () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const r = runRidge(data, { seed: 1, search: { population: 8, generations: 50 } }, {
      signal: ac.signal,
      onProgress: (p) => {
        seen.push(p.phase);
        if (p.done >= 24) ac.abort();
      },
    });
    expect('errors' in r && r.errors[0].message).toMatch(/cancelled/);
    expect(seen.length).toBeLessThan(10);
  });
});
