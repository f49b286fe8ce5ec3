// The bias-corrected ridge estimate the intervals are built on (src/ridge/debias.ts), against
// closed forms. With noise-free data y = 100 + Σ β_c m_c and the curves at the truth, the
// standardised ridge (fit-ridge.ts) has b_λ = (G + λI)⁻¹Gβ_s (G the media columns' 1/T
// correlation matrix, β_s = β · sd(m) / sd(y)), so the plug-in correction
// b̃ = b_λ(y) − (b_λ(X b_λ′) − b_λ′) has error b̃ − β_s = −λλ′(G + λI)⁻¹(G + λ′I)⁻¹β_s
// (Hoerl & Kennard 1970's bias −λ(G + λI)⁻¹β, applied twice). One channel: G = 1, so the
// chosen fit keeps 1/(1 + λ) of the effect and the corrected one 1 − λλ′/((1 + λ)(1 + λ′)).
// With λ′ = 0 the correction returns the least-squares fit exactly, noise or not.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { DebiasedRidge } from '../../src/ridge/debias';
import { RidgeFitter } from '../../src/ridge/fit-ridge';
import { buildProblem, type RidgeProblem } from '../../src/ridge/problem';
import { CandidateEvaluator } from '../../src/ridge/run';
import { buildSpace, decode, type SearchSpace } from '../../src/ridge/space';
import { Tally } from '../../src/ridge/tally';
import { media, simulate, truthOptions, type Scenario } from './simulate';

const tv = { alpha: 0.6, kappa: 0.5, beta: 20 };
const radio = { alpha: 0.3, kappa: 0.4, beta: 12 };

function setup(sc: Scenario, seed: number) {
  const sim = simulate(sc, new Rng(seed));
  const opts = truthOptions(sc, seed, {});
  const space = buildSpace(sim.data, opts) as SearchSpace;
  const problem = buildProblem(sim.data, opts) as RidgeProblem;
  const fitter = new RidgeFitter(problem, space);
  const ev = new CandidateEvaluator(fitter, space, opts);
  decode(space, [], ev.values);
  fitter.transform(ev.values);
  const m = sc.channels.map((ch, c) => media(sim.data.channels[c].spend, ch));
  return { sim, ev, fitter, problem, m };
}

const sd = (v: ArrayLike<number>) => {
  const n = v.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += v[t] / n;
  let s = 0;
  for (let t = 0; t < n; t++) s += (v[t] - mean) ** 2;
  return Math.sqrt(s / n);
};

describe('bias-corrected ridge estimate (debias.ts)', () => {
  it('one channel, noise-free: the chosen fit keeps 1/(1 + λ) of the contribution, the corrected one 1 − λλ′/((1 + λ)(1 + λ′))', () => {
    const sc: Scenario = { name: 'one', T: 156, channels: [tv], phi: 0, sigma: 0 };
    const { sim, ev, fitter, problem } = setup(sc, 3);
    const truth = sim.contribution[0];
    const row = new Tally(1, 1, 0, 0);
    for (const [lambda, less] of [
      [0.5, 0.05],
      [2, 0.2],
      [0.7, 0.7 * 1e-4],
    ]) {
      const est = new DebiasedRidge(ev, lambda, less, false);
      est.estimate(problem.y, row, 0);
      expect(est.debiased).toBe(true);
      const kept = 1 - (lambda * less) / ((1 + lambda) * (1 + less));
      expect(row.get(0, row.at.contribution) / truth).toBeCloseTo(kept, 10);
      expect(row.get(0, row.at.share)).toBe(1);
      // The fitted values are the corrected coefficients' (intercept + coef · m), so they add up
      // to the data's total (the intercept absorbs the rest) and the media total is the contribution.
      const total = Array.from(est.yhat).reduce((a, b) => a + b, 0);
      expect(row.get(0, row.at.intercept) + row.get(0, row.at.media)).toBeCloseTo(total, 6);
      fitter.fit(problem.y, lambda, false);
      expect(fitter.channelTotal(0) / truth).toBeCloseTo(1 / (1 + lambda), 10);
    }
  });

  it('two co-flighted channels, noise-free: error −λλ′(G + λI)⁻¹(G + λ′I)⁻¹β_s', () => {
    const sc: Scenario = { name: 'two', T: 156, channels: [tv, radio], phi: 0, sigma: 0, follow: 0.7 };
    const { sim, ev, problem, m } = setup(sc, 5);
    const T = sc.T;
    const mean = m.map((v) => v.reduce((a, b) => a + b, 0) / T);
    const s = m.map(sd);
    const G = [0, 1].map((i) => [0, 1].map((j) => m[i].reduce((a, _, t) => a + (m[i][t] - mean[i]) * (m[j][t] - mean[j]), 0) / (T * s[i] * s[j])));
    expect(G[0][1]).toBeGreaterThan(0.3); // correlated columns, so the matrix form matters
    const sy = sd(problem.y);
    const bs = sc.channels.map((ch, c) => (ch.beta * s[c]) / sy);
    const solve = (A: number[][], b: number[]) => {
      const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
      return [(A[1][1] * b[0] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - A[1][0] * b[0]) / det];
    };
    const lambda = 0.8;
    const less = 0.1;
    const inner = solve([[G[0][0] + less, G[0][1]], [G[1][0], G[1][1] + less]], bs);
    const err = solve([[G[0][0] + lambda, G[0][1]], [G[1][0], G[1][1] + lambda]], inner).map((v) => -lambda * less * v);
    const est = new DebiasedRidge(ev, lambda, less, false);
    const row = new Tally(1, 2, 0, 0);
    est.estimate(problem.y, row, 0);
    for (let c = 0; c < 2; c++) {
      // Contribution = coef · Σm with coef = b · sd(y)/sd(m): the error in b scaled back.
      const expected = sim.contribution[c] + (err[c] * sy * mean[c] * T) / s[c];
      expect(row.get(0, row.at.contribution + c) / expected).toBeCloseTo(1, 9);
    }
    // Shares are recomputed from the corrected contributions, not combined linearly.
    const c0 = row.get(0, row.at.contribution);
    const c1 = row.get(0, row.at.contribution + 1);
    expect(row.get(0, row.at.share)).toBeCloseTo(c0 / (c0 + c1), 14);
  });

  it('λ′ = 0 returns the least-squares fit of noisy data exactly, whatever λ; λ ≤ λ′ is the chosen fit itself', () => {
    const sc: Scenario = { name: 'two', T: 156, channels: [tv, radio], phi: 0.6, sigma: 2, follow: 0.7 };
    const { ev, fitter, problem } = setup(sc, 7);
    const ols = new Tally(1, 2, 0, 0);
    fitter.fit(problem.y, 0, false);
    ols.record(0, ev);
    const row = new Tally(1, 2, 0, 0);
    for (const lambda of [0.05, 1, 5]) {
      new DebiasedRidge(ev, lambda, 0, false).estimate(problem.y, row, 0);
      for (let q = 0; q < row.Q; q++) expect(row.get(0, q)).toBeCloseTo(ols.get(0, q), 6);
    }
    const plain = new DebiasedRidge(ev, 0.3, 0.3, false);
    expect(plain.debiased).toBe(false);
    plain.estimate(problem.y, row, 0);
    const chosen = new Tally(1, 2, 0, 0);
    fitter.fit(problem.y, 0.3, false);
    chosen.record(0, ev);
    expect(Array.from(row.data)).toEqual(Array.from(chosen.data));
  });
});
