// Ridge with hyperparameters fixed at the truth (adstock and saturation parameters from
// truth.json, Robyn's smallest penalty) on the synthetic sets.
//
// What the data allow: with the true curves the fit is essentially least squares, and its
// residual sd matches the generator's sigma, so its error is sampling noise. On these draws
// that noise is large for the small channels (bootstrap sd 16–33% of social's and display's
// contributions), so "each channel within 10%" is not attainable by any unbiased estimator;
// the tests check instead (1) exact recovery (1e-6) when the same design generates y without
// noise and the penalty vanishes, (2) the total media contribution within 10% on the real data,
// and (3) each channel's error within 3 bootstrap standard deviations on the real data.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/types';
import { fourierFeatures } from '../../src/model/features';
import { saturation, adstockWeights, applyAdstock } from '../../src/model/kernels';
import { RidgeFitter } from '../../src/ridge/fit-ridge';
import { buildProblem, type RidgeProblem } from '../../src/ridge/problem';
import { runRidge } from '../../src/ridge/run';
import { buildSpace, decode, type SearchSpace } from '../../src/ridge/space';
import type { RidgeOptions, RidgeResult } from '../../src/ridge/types';
import { devWeeklyHill, devWeeklyLogistic, readJson } from '../calibration/wide-csv';

interface Truth {
  y_scale_used: number;
  intercept: number;
  trend: number;
  fourier_coefs: number[];
  controls: Array<{ name: string; gamma: number }>;
  channels: Array<{ name: string; alpha: number; lam?: number; k?: number; s?: number; beta: number }>;
  channel_spend_max: Record<string, number>;
  true_total_contribution: Record<string, number>;
}

const sets = [
  { name: 'dev_weekly_logistic', data: devWeeklyLogistic(), saturation: 'logistic' as const },
  { name: 'dev_weekly_hill', data: devWeeklyHill(), saturation: 'hill' as const },
];

function truthOptions(truth: Truth, sat: 'logistic' | 'hill'): RidgeOptions {
  const channels = Object.fromEntries(
    truth.channels.map((c) => {
      const ranges: Record<string, [number, number]> =
        sat === 'logistic'
          ? { adstock_alpha: [c.alpha, c.alpha], saturation_lam: [c.lam!, c.lam!] }
          : { adstock_alpha: [c.alpha, c.alpha], saturation_kappa: [c.k!, c.k!], saturation_slope: [c.s!, c.s!] };
      return [c.name, { adstock: 'geometric' as const, saturation: sat, ranges }];
    }),
  );
  return { seed: 11, channels, lambda: [0, 0], bootstrap: { replicates: 300 } };
}

/** The generator's structure written with this model's columns, without noise. */
function noiselessTarget(data: Dataset, truth: Truth, sat: 'logistic' | 'hill'): Float64Array {
  const T = data.dates.length;
  const F = fourierFeatures(data.dates, 2);
  const y = new Float64Array(T).fill(truth.intercept);
  for (const c of truth.channels) {
    const x = data.channels.find((d) => d.name === c.name)!.spend;
    const xs = Float64Array.from(x, (v) => v / truth.channel_spend_max[c.name]);
    const a = applyAdstock(xs, adstockWeights('geometric', { alpha: c.alpha }, 8));
    const p = sat === 'logistic' ? { lam: c.lam } : { kappa: c.k, slope: c.s };
    for (let t = 0; t < T; t++) y[t] += c.beta * saturation(sat, p, a[t]);
  }
  for (const g of truth.controls) {
    const z = data.controls.find((d) => d.name === g.name)!.values;
    for (let t = 0; t < T; t++) y[t] += g.gamma * z[t];
  }
  for (let t = 0; t < T; t++) {
    y[t] += (truth.trend * t) / T;
    for (let j = 0; j < 4; j++) y[t] += truth.fourier_coefs[j] * F[t * 4 + j];
  }
  return y.map((v) => v * truth.y_scale_used);
}

function run(data: Dataset, opts: RidgeOptions): RidgeResult {
  const r = runRidge(data, opts);
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe.each(sets)('ridge at the true hyperparameters: $name', ({ name, data, saturation: sat }) => {
  const truth = readJson<Truth>(`data/synthetic/${name}/truth.json`);
  const opts = truthOptions(truth, sat);

  it('recovers every channel exactly when y has no noise and the penalty vanishes', () => {
    // Robyn's smallest penalty (lambda_hp = 0 → 1e-4 · lambda_max) still shrinks collinear
    // directions by a few percent; with the penalty → 0 the pipeline (transform, standardised
    // fit, back-transform, contribution) must return the generating contributions.
    const clean: Dataset = { ...data, target: { ...data.target, values: noiselessTarget(data, truth, sat) } };
    const space = buildSpace(clean, opts) as SearchSpace;
    const problem = buildProblem(clean, opts) as RidgeProblem;
    const f = new RidgeFitter(problem, space);
    f.transform(decode(space, [], new Float64Array(space.dims.length)));
    f.fit(problem.y, 1e-10, true);
    truth.channels.forEach((c, i) => expect(Math.abs(f.channelTotal(i) / truth.true_total_contribution[c.name] - 1), c.name).toBeLessThan(1e-6));
  });

  const r = run(data, opts);
  const channels = truth.channels.map((c) => c.name);

  it('recovers the total media contribution within 10% on the noisy data', () => {
    const got = channels.reduce((s, c) => s + r.channels[c].point.contribution, 0);
    const want = channels.reduce((s, c) => s + truth.true_total_contribution[c], 0);
    expect(Math.abs(got / want - 1)).toBeLessThan(0.1);
  });

  it('misses each channel by less than 3 bootstrap standard deviations', () => {
    for (const c of channels) {
      const est = r.channels[c];
      const z = (est.point.contribution - truth.true_total_contribution[c]) / est.contribution.sd!;
      expect(Math.abs(z), c).toBeLessThan(3);
    }
  });
});
