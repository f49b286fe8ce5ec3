// Posterior summaries against their definitions: type-7 quantiles checked by brute force
// and by values numpy.quantile gives, sd with n - 1, pooling over chain × draw.
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/store';
import { quantileSorted, variableEstimates } from '../../src/store/estimate';

describe('quantileSorted (Hyndman & Fan type 7)', () => {
  it('matches numpy.quantile on small samples', () => {
    // numpy.quantile([1, 2, 3, 4], [0.05, 0.5, 0.95]) = [1.15, 2.5, 3.85]
    expect(quantileSorted([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });

  it('hits order statistics exactly on 0..100', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    for (const p of [0, 0.05, 0.5, 0.95, 1]) expect(quantileSorted(xs, p)).toBeCloseTo(100 * p, 12);
  });

  it('agrees with the empirical CDF: about p of the sample lies below', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10).sort((a, b) => a - b);
    for (const p of [0.05, 0.25, 0.5, 0.95]) {
      const q = quantileSorted(xs, p);
      const below = xs.filter((x) => x < q).length;
      expect(Math.abs(below / xs.length - p)).toBeLessThanOrEqual(1 / xs.length + 1e-12);
    }
  });
});

describe('estimate', () => {
  it('mean and sd (n - 1)', () => {
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e.mean).toBe(5);
    expect(e.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(e.q50).toBe(4.5);
  });

  it('is null when a draw is not finite (a summary of part of the sample would be silently wrong)', () => {
    expect(estimate([NaN, 1, 3, Infinity])).toEqual({ mean: null, sd: null, q05: null, q50: null, q95: null });
    expect(estimate([NaN])).toEqual({ mean: null, sd: null, q05: null, q50: null, q95: null });
    expect(estimate([3]).sd).toBeNull();
  });
});

describe('variableEstimates', () => {
  it('pools chains and draws per coordinate', () => {
    // 2 chains × 3 draws × 2 channels: channel a holds 1..6, channel b holds 10 × that.
    const arr = [
      [[1, 10], [2, 20], [3, 30]],
      [[4, 40], [5, 50], [6, 60]],
    ];
    const m = variableEstimates('beta', arr, ['a', 'b']);
    expect([...m.keys()]).toEqual(['beta[a]', 'beta[b]']);
    expect(m.get('beta[a]')!.mean).toBe(3.5);
    expect(m.get('beta[b]')!.q50).toBe(35);
    expect(m.get('beta[b]')!.q95).toBeCloseTo(10 * (1 + 0.95 * 5), 10);
  });

  it('keys scalars by name', () => {
    expect([...variableEstimates('y_sigma', [[1, 2], [3, 4]], undefined).keys()]).toEqual(['y_sigma']);
  });
});
