// The vague priors of the sensitivity check: each family widened as src/checks/vague.ts
// documents, checked against the closed-form moments of src/diagnostics/sensitivity.ts
// (and, for the log-normal, the moments of log x), and the whole spec widened.
import { describe, expect, it } from 'vitest';
import type { ModelSpec, Prior } from '../../src/core/types';
import { vagueSpec, widenPrior } from '../../src/checks/vague';
import { priorMoments } from '../../src/diagnostics/sensitivity';
import { packMmm } from '../../src/engine/mmm/pack';
import { devData } from '../helpers/dev-fits';

const sd = (p: Prior) => Math.sqrt(priorMoments(p).variance);
const mean = (p: Prior) => priorMoments(p).mean;

describe('widenPrior', () => {
  it('Normal and Laplace: location kept, sd × 10', () => {
    for (const p of [{ dist: 'normal', mu: 0.4, sigma: 0.2 }, { dist: 'laplace', mu: -1, b: 0.5 }] as Prior[]) {
      const w = widenPrior(p, 10);
      expect(w.dist).toBe(p.dist);
      expect(mean(w)).toBe(mean(p));
      expect(sd(w) / sd(p)).toBeCloseTo(10, 12);
    }
  });

  it('HalfNormal: sd and mean × 10', () => {
    const p: Prior = { dist: 'half_normal', sigma: 2 };
    const w = widenPrior(p, 10);
    expect(w).toEqual({ dist: 'half_normal', sigma: 20 });
    expect(sd(w) / sd(p)).toBeCloseTo(10, 12);
    expect(mean(w) / mean(p)).toBeCloseTo(10, 12);
  });

  it('LogNormal: median kept, sd of log x × 10', () => {
    const w = widenPrior({ dist: 'log_normal', mu: 0.3, sigma: 0.25 }, 10);
    expect(w).toEqual({ dist: 'log_normal', mu: 0.3, sigma: 2.5 });
  });

  it('Gamma: sd × 10 with the mean kept while the shape stays ≥ 1, else an exponential', () => {
    // Gamma(300, 100): mean 3, sd √3/10; widened: shape 3, rate 1 (mean 3, sd √3).
    const tight: Prior = { dist: 'gamma', alpha: 300, beta: 100 };
    const wt = widenPrior(tight, 10);
    expect(wt.dist).toBe('gamma');
    expect(mean(wt)).toBeCloseTo(3, 12);
    expect(sd(wt) / sd(tight)).toBeCloseTo(10, 12);
    // Gamma(3, 1) (saturation_lam's default): shape 3/100 < 1, so shape 1 and sd 10·√3.
    const def: Prior = { dist: 'gamma', alpha: 3, beta: 1 };
    const wd = widenPrior(def, 10) as { dist: 'gamma'; alpha: number; beta: number };
    expect(wd.alpha).toBe(1);
    expect(sd(wd)).toBeCloseTo(10 * Math.sqrt(3), 12);
    // A shape the user set below 1 stays; only the rate changes.
    const low = widenPrior({ dist: 'gamma', alpha: 0.5, beta: 2 }, 10) as { alpha: number; beta: number };
    expect(low.alpha).toBe(0.5);
    expect(sd({ dist: 'gamma', ...low })).toBeCloseTo(10 * sd({ dist: 'gamma', alpha: 0.5, beta: 2 }), 12);
  });

  it('Beta: the uniform unless already at least as spread', () => {
    expect(widenPrior({ dist: 'beta', alpha: 1, beta: 3 }, 10)).toEqual({ dist: 'beta', alpha: 1, beta: 1 });
    expect(widenPrior({ dist: 'beta', alpha: 20, beta: 60 }, 10)).toEqual({ dist: 'beta', alpha: 1, beta: 1 });
    // Beta(0.5, 0.5) has variance 1/8 > 1/12: kept.
    expect(widenPrior({ dist: 'beta', alpha: 0.5, beta: 0.5 }, 10)).toEqual({ dist: 'beta', alpha: 0.5, beta: 0.5 });
  });

  it('a factor of 1 changes nothing; below 1 or not finite is refused', () => {
    for (const p of [{ dist: 'beta', alpha: 1, beta: 3 }, { dist: 'gamma', alpha: 3, beta: 1 }, { dist: 'normal', mu: 0, sigma: 2 }] as Prior[]) expect(widenPrior(p, 1)).toEqual(p);
    expect(() => widenPrior({ dist: 'normal', mu: 0, sigma: 1 }, 0.5)).toThrow(/≥ 1/);
    expect(() => widenPrior({ dist: 'normal', mu: 0, sigma: 1 }, Infinity)).toThrow(/≥ 1/);
  });
});

describe('vagueSpec', () => {
  const { data, spec } = devData('dev_weekly_logistic');

  it('widens every channel and global prior, writes defaults out, keeps lift tests; the result packs', () => {
    const user: ModelSpec = {
      ...spec,
      channels: spec.channels.map((c) => (c.name === 'tv' ? { ...c, priors: { ...c.priors, saturation_beta: { dist: 'half_normal', sigma: 0.01 } } } : { ...c, priors: {} })),
      lift_tests: [{ channel: 'tv', x: 30000, delta_x: 5000, delta_y: 4000, sigma: 800 }],
    };
    const v = vagueSpec(user);
    expect(v.priors).toEqual({
      intercept: { dist: 'normal', mu: 0, sigma: 20 },
      gamma_control: { dist: 'normal', mu: 0, sigma: 20 },
      gamma_fourier: { dist: 'laplace', mu: 0, b: 10 },
      y_sigma: { dist: 'half_normal', sigma: 20 },
    });
    const tv = v.channels.find((c) => c.name === 'tv')!;
    expect(tv.priors.saturation_beta).toEqual({ dist: 'half_normal', sigma: 0.1 });
    const social = v.channels.find((c) => c.name === 'social')!;
    // Missing keys were MODEL.md §3 defaults: Beta(1, 3), Gamma(3, 1), HalfNormal(2).
    expect(Object.keys(social.priors).sort()).toEqual(['adstock_alpha', 'saturation_beta', 'saturation_lam']);
    expect(social.priors.adstock_alpha).toEqual({ dist: 'beta', alpha: 1, beta: 1 });
    expect(social.priors.saturation_beta).toEqual({ dist: 'half_normal', sigma: 20 });
    expect(v.lift_tests).toEqual(user.lift_tests);
    expect(user.channels.find((c) => c.name === 'social')!.priors).toEqual({}); // the input is not mutated
    expect('errors' in packMmm(data, v)).toBe(false);
  });

  it('widens a ROAS prior on the log scale', () => {
    const v = vagueSpec({ ...spec, roas_priors: [{ channel: 'search', mu: 0.5, sigma: 0.3, scope: 'window', label: 'lift', source: 'user' }] });
    expect(v.roas_priors![0]).toMatchObject({ channel: 'search', mu: 0.5, sigma: 3, scope: 'window' });
  });
});
