// Prior draws against the distributions' moments (mean and variance within 5 standard
// errors over 40,000 draws), and the prior predictive check against a brute-force case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import type { Prior } from '../../src/core/types';
import { samplePrior } from '../../src/calibration/prior-sampling';
import { priorParameterDraws, priorPredictive } from '../../src/app/model/prior-predictive';
import { parameterCount, variableLayout } from '../../src/model/layout';
import { loadDataset, type RunRecord } from '../../src/store';

const moments = (p: Prior): [number, number] => {
  switch (p.dist) {
    case 'normal':
      return [p.mu, p.sigma ** 2];
    case 'half_normal':
      return [p.sigma * Math.sqrt(2 / Math.PI), p.sigma ** 2 * (1 - 2 / Math.PI)];
    case 'laplace':
      return [p.mu, 2 * p.b ** 2];
    case 'beta': {
      const s = p.alpha + p.beta;
      return [p.alpha / s, (p.alpha * p.beta) / (s * s * (s + 1))];
    }
    case 'gamma':
      return [p.alpha / p.beta, p.alpha / p.beta ** 2];
    case 'log_normal':
      return [Math.exp(p.mu + p.sigma ** 2 / 2), (Math.exp(p.sigma ** 2) - 1) * Math.exp(2 * p.mu + p.sigma ** 2)];
  }
};

describe('samplePrior', () => {
  const cases: Prior[] = [
    { dist: 'normal', mu: 1, sigma: 2 },
    { dist: 'half_normal', sigma: 1.5 },
    { dist: 'laplace', mu: -1, b: 0.5 },
    { dist: 'beta', alpha: 1, beta: 3 },
    { dist: 'beta', alpha: 0.5, beta: 0.7 },
    { dist: 'gamma', alpha: 3, beta: 1 },
    { dist: 'gamma', alpha: 0.4, beta: 2 },
    { dist: 'gamma', alpha: 9, beta: 4.5 },
    { dist: 'log_normal', mu: 0, sigma: 0.4 },
  ];
  for (const p of cases) {
    it(`${JSON.stringify(p)}: sample mean and variance match`, () => {
      const rng = new Rng(12345);
      const n = 40_000;
      const xs = Float64Array.from({ length: n }, () => samplePrior(p, rng));
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      const [m, vTrue] = moments(p);
      expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(vTrue / n));
      // The variance of the sample variance needs the 4th moment; a 5% band is > 5 SE for these shapes at n = 40k.
      expect(Math.abs(v / vTrue - 1)).toBeLessThan(0.05);
    });
  }
});

describe('prior predictive', () => {
  const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
  const data = loadDataset(run.dataset);
  const spec = run.inference_data.attrs.model;

  it('draws each parameter from its own prior, in layout order', () => {
    const n = 4000;
    const P = parameterCount(spec);
    const draws = priorParameterDraws(spec, n, new Rng(7));
    const alpha = variableLayout(spec).find((v) => v.name === 'adstock_alpha')!;
    let s = 0;
    for (let d = 0; d < n; d++) s += draws[d * P + alpha.offset + 1];
    // adstock_alpha ~ Beta(1, 3): mean 0.25, sd 0.194
    expect(Math.abs(s / n - 0.25)).toBeLessThan(5 * (0.194 / Math.sqrt(n)));
  });

  it('bands are ordered and centred on the prior mean of mu + noise', () => {
    const r = priorPredictive(data, spec, 400, 3);
    if ('errors' in r) throw new Error(r.errors[0].message);
    expect(r.bands.mean).toHaveLength(data.dates.length);
    for (let t = 0; t < data.dates.length; t++) {
      expect(r.bands.q05[t]).toBeLessThan(r.bands.q25[t]);
      expect(r.bands.q25[t]).toBeLessThan(r.bands.q75[t]);
      expect(r.bands.q75[t]).toBeLessThan(r.bands.q95[t]);
    }
  });

  it('is reproducible for a seed', () => {
    const a = priorPredictive(data, spec, 50, 9);
    const b = priorPredictive(data, spec, 50, 9);
    expect(a).toEqual(b);
  });
});
