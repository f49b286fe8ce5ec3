// Issue 6 acceptance 3 on Robyn's own demo data: the Pareto front has no dominated point,
// and the same seed gives the same result bit for bit (Robyn's #196 complaint).
import { describe, expect, it } from 'vitest';
import { fourierFeatures } from '../../src/model/features';
import { centre } from '../../src/ridge/bootstrap';
import { fitArAic } from '../../src/ridge/sieve';
import { dominates } from '../../src/ridge/pareto';
import { runRidge } from '../../src/ridge/run';
import { RidgeFitter } from '../../src/ridge/fit-ridge';
import { lessPenalised } from '../../src/ridge/debias';
import { buildProblem, type RidgeProblem } from '../../src/ridge/problem';
import { buildSpace, type SearchSpace } from '../../src/ridge/space';
import type { RidgeOptions, RidgeResult } from '../../src/ridge/types';
import { robynWeekly } from '../calibration/wide-csv';

const data = robynWeekly();
const opts: RidgeOptions = { seed: 2026, search: { population: 30, generations: 25 }, bootstrap: { replicates: 200 } };

function run(o: RidgeOptions): RidgeResult {
  const r = runRidge(data, o);
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r;
}

const vec = (r: RidgeResult, id: number) => {
  const o = r.candidates[id].objectives;
  return [o.nrmse, o.decomp_rssd];
};

describe('ridge on dt_simulated_weekly.csv', () => {
  const a = run(opts);

  it('evaluates the whole budget and finds a front', () => {
    expect(a.evaluations).toBe(30 * 26);
    expect(a.pareto.length).toBeGreaterThan(3);
  });

  it('front: no point dominated by any evaluated candidate; every other candidate dominated by a front point', () => {
    const front = new Set(a.pareto);
    for (const i of a.pareto) for (let j = 0; j < a.evaluations; j++) expect(dominates(vec(a, j), vec(a, i))).toBe(false);
    for (let j = 0; j < a.evaluations; j++) {
      if (front.has(j)) continue;
      expect(a.pareto.some((i) => dominates(vec(a, i), vec(a, j)))).toBe(true);
      expect(a.candidates[j].front).toBeGreaterThan(1);
    }
  });

  it('the chosen model is on the front and closest to the normalised origin among it', () => {
    expect(a.pareto).toContain(a.chosen);
    const pts = a.pareto.map((i) => vec(a, i));
    const lo = [0, 1].map((k) => Math.min(...pts.map((p) => p[k])));
    const hi = [0, 1].map((k) => Math.max(...pts.map((p) => p[k])));
    const score = (p: number[]) => p.reduce((s, v, k) => s + ((v - lo[k]) / (hi[k] - lo[k])) ** 2, 0);
    const best = Math.min(...pts.map(score));
    expect(score(vec(a, a.chosen))).toBe(best);
  });

  it('same seed: identical result, bit for bit; another seed: a different search', () => {
    const b = run(opts);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (let i = 0; i < a.evaluations; i++) {
      expect(Object.is(b.candidates[i].objectives.nrmse, a.candidates[i].objectives.nrmse)).toBe(true);
    }
    const c = run({ ...opts, seed: 2027 });
    expect(c.candidates[0].hyper).not.toEqual(a.candidates[0].hyper);
  });

  it('every channel number comes with a bootstrap interval, and media coefficients are ≥ 0', () => {
    for (const [name, ch] of Object.entries(a.channels)) {
      for (const e of [ch.contribution, ch.roas, ch.marginal_roas, ch.effect_share]) {
        expect(e.q05, name).not.toBeNull();
        expect(e.q05!).toBeLessThanOrEqual(e.q50!);
        expect(e.q50!).toBeLessThanOrEqual(e.q95!);
        expect(e.sd!).toBeGreaterThanOrEqual(0);
      }
      expect(a.model.coefficients[name]).toBeGreaterThanOrEqual(0);
      expect(ch.contribution.q05!).toBeGreaterThanOrEqual(0);
      expect(ch.roas.mean! * ch.spend).toBeCloseTo(ch.contribution.mean!, 6);
      expect(ch.effect_share.q05!).toBeGreaterThanOrEqual(0);
      expect(ch.effect_share.q95!).toBeLessThanOrEqual(1);
    }
    expect(a.method_note).toMatch(/not a posterior/);
    // The sieve's AR order: AIC on the centred residuals of the estimate the intervals are built
    // on, the chosen fit less its penalty's plug-in bias (debias.ts): ŷ_λ(y) − ŷ_λ(ŷ_λ′) + ŷ_λ′(y)
    // with λ′ the vanishing penalty lessPenalised, written out here with three fits.
    const space = buildSpace(data, opts) as SearchSpace;
    const problem = buildProblem(data, opts) as RidgeProblem;
    const f = new RidgeFitter(problem, space);
    const values = Float64Array.from(space.dims, (d) => a.candidates[a.chosen].hyper[d.key]);
    f.transform(values);
    const lambda = f.lambdaFor(a.model.hyper.lambda);
    const less = lessPenalised(problem.lambdaMax);
    expect(lambda).toBeGreaterThan(less);
    f.fit(problem.y, lambda, true);
    expect(Array.from(f.yhat)).toEqual(a.model.fitted);
    const chosenHat = Float64Array.from(f.yhat);
    f.fit(problem.y, less, true);
    const lessHat = Float64Array.from(f.yhat);
    f.fit(lessHat, lambda, true);
    const resid = Float64Array.from(data.target.values, (v, t) => v - (chosenHat[t] + lessHat[t] - f.yhat[t]));
    centre(resid);
    expect(a.bootstrap).toEqual({ replicates: 200, method: 'sieve_ar', block_length: 1, ar_order: fitArAic(resid).phi.length, interval: 'studentized', penalty_bias_corrected: true });
  });

  it('the decomposition adds up exactly: intercept + channels + controls + trend + seasonality = fitted', () => {
    const T = data.dates.length;
    const F = fourierFeatures(data.dates, 2);
    const modes = ['sin_1', 'sin_2', 'cos_1', 'cos_2'];
    const column = (k: string): number[] => {
      if (k === 'trend') return Array.from({ length: T }, (_, t) => t);
      const m = modes.indexOf(k);
      if (m >= 0) return Array.from({ length: T }, (_, t) => F[t * 4 + m]);
      return Array.from(data.controls.find((c) => c.name === k)!.values);
    };
    const fitted = a.model.fitted.reduce((s, v) => s + v, 0);
    let total = a.model.intercept * T;
    for (const ch of Object.values(a.channels)) total += ch.point.contribution;
    for (const [k, coef] of Object.entries(a.model.coefficients)) if (!(k in a.channels)) total += coef * column(k).reduce((x, y) => x + y, 0);
    expect(Math.abs(total - fitted) / fitted).toBeLessThan(1e-12);
  });
});
