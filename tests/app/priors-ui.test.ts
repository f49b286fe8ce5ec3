// Prior editor helpers: the plotted density integrates to ~1 over the plotted range (so the
// range covers the mass and the density is normalised), only distributions of the right
// support are offered, and invalid parameters are caught.
import { describe, expect, it } from 'vitest';
import type { Prior } from '../../src/core/types';
import { DISTS_BY_SUPPORT, priorProblem, supportOf, switchDist } from '../../src/app/model/prior-form';
import { priorDensityGrid, priorRange } from '../../src/app/model/prior-grid';
import { gammaFromMeanSd } from '../../src/model/priors';

/** Trapezoid rule on the plotted grid. */
function integral(p: Prior, n = 4001): number {
  const { x, density } = priorDensityGrid(p, n);
  let s = 0;
  for (let i = 1; i < x.length; i++) s += 0.5 * (density[i] + density[i - 1]) * (x[i] - x[i - 1]);
  return s;
}

describe('prior density grid', () => {
  const cases: Prior[] = [
    { dist: 'normal', mu: 0, sigma: 2 },
    { dist: 'normal', mu: -3, sigma: 0.1 },
    { dist: 'half_normal', sigma: 1.5 },
    { dist: 'laplace', mu: 0, b: 1 },
    { dist: 'beta', alpha: 1, beta: 3 },
    { dist: 'beta', alpha: 2, beta: 5 },
    { dist: 'gamma', alpha: 3, beta: 1 },
    gammaFromMeanSd(2, 1),
    { dist: 'log_normal', mu: 0, sigma: 0.5 },
  ];
  for (const p of cases) {
    it(`${JSON.stringify(p)} integrates to 1 over its range`, () => {
      // Tail mass left out: normal ±4σ 6e-5, half-normal 6e-5, Laplace e^-7 ≈ 9e-4, gamma mean+6sd < 1e-3, log-normal 3.5σ 2e-4.
      expect(integral(p)).toBeGreaterThan(0.995);
      expect(integral(p)).toBeLessThan(1.002);
    });
  }

  it('covers the support and stays finite where the density is unbounded at an end', () => {
    expect(priorRange({ dist: 'beta', alpha: 1, beta: 3 })).toEqual([0, 1]);
    const g = priorDensityGrid({ dist: 'beta', alpha: 0.5, beta: 0.5 }, 101);
    expect(g.density.every(Number.isFinite)).toBe(true);
    expect(g.x[0]).toBeGreaterThan(0);
    expect(g.x[100]).toBeLessThan(1);
  });
});

describe('prior form', () => {
  it('offers only distributions with the same support', () => {
    for (const [support, dists] of Object.entries(DISTS_BY_SUPPORT)) {
      for (const d of dists) expect(supportOf(switchDist({ dist: 'normal', mu: 0, sigma: 1 }, d))).toBe(support);
    }
  });

  it('names the first invalid parameter', () => {
    expect(priorProblem({ dist: 'normal', mu: 0, sigma: 1 })).toBeNull();
    expect(priorProblem({ dist: 'normal', mu: NaN, sigma: 1 })).toBe('mu must be a number');
    expect(priorProblem({ dist: 'gamma', alpha: 0, beta: 1 })).toBe('shape must be greater than 0');
    expect(priorProblem({ dist: 'laplace', mu: -5, b: -1 })).toBe('b must be greater than 0');
  });
});
