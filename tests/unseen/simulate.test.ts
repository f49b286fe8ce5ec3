// The generator's truth is what MODEL.md says it is, checked through an independent path:
// src/model/forward.ts's forward pass (the analysis' code, not the generator's kernel loop)
// with the true parameters on the dataset as the fit scales it; the matched priors differ
// from the default ones exactly by the change of variables the SBC argument uses.
import { describe, expect, it } from 'vitest';
import { forwardDataFromDataset, forwardPass, ForwardResult, paramIndex } from '../../src/model/forward';
import { flatLayout, entryKey, parameterCount } from '../../src/model/layout';
import { channelPrior } from '../../src/model/spec';
import { priorLogDensity } from '../../src/model/priors';
import { Rng } from '../../src/core/rng';
import type { ModelSpec, Prior } from '../../src/core/types';
import { matchedPriors, simulate } from './simulate';

const SCALE = new Set(['intercept', 'saturation_beta', 'gamma_control', 'gamma_fourier', 'y_sigma']);

function priorOf(spec: ModelSpec, name: string, coord?: string): Prior {
  return name === 'intercept' || name === 'gamma_control' || name === 'gamma_fourier' || name === 'y_sigma' ? spec.priors[name] : channelPrior(spec, coord!, name);
}

describe('simulated datasets', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}: max|y| is the scale, truth contributions equal the forward pass, residuals look like the noise`, () => {
      const sim = simulate(seed);
      const y = sim.dataset.target.values;
      expect(Math.abs(Math.max(...Array.from(y, Math.abs)) / sim.scale - 1)).toBeLessThan(1e-12);
      const fd = forwardDataFromDataset(sim.dataset, sim.spec);
      if ('errors' in fd) throw new Error(fd.errors[0].message);
      const theta = new Float64Array(parameterCount(sim.spec));
      for (const e of flatLayout(sim.spec)) theta[e.index] = sim.theta[entryKey(e)];
      const r = forwardPass(fd, paramIndex(sim.spec), theta, 0, ForwardResult.for(fd));
      sim.channels.forEach((c, i) => {
        let total = 0;
        for (let t = 0; t < fd.T; t++) total += r.channels[i * fd.T + t];
        expect(Math.abs(total - c.contribution) / Math.abs(c.contribution)).toBeLessThan(1e-9);
        expect(c.roas).toBeCloseTo(c.contribution / c.spend, 12);
      });
      // y − mu = noise of sd y_sigma·max|y|: the standardised residuals' sd is 1 within sampling error.
      const sd = sim.theta.y_sigma * fd.targetMaxAbs;
      let ss = 0;
      for (let t = 0; t < fd.T; t++) ss += ((y[t] - r.mu[t]) / sd) ** 2;
      expect(Math.abs(Math.sqrt(ss / fd.T) - 1)).toBeLessThan(5 / Math.sqrt(2 * fd.T));
    });
  }

  it('is deterministic: the same seed gives the same CSV', () => {
    expect(simulate(7).csv).toBe(simulate(7).csv);
    expect(simulate(7).csv).not.toBe(simulate(8).csv);
  });

  it('matched priors: log π_M(v) − log π(M·v) is the same constant for every value of every scale variable', () => {
    const sim = simulate(3);
    const M = sim.rescaledFrom;
    const matched = matchedPriors(sim.spec, M);
    const rng = new Rng(1);
    for (const e of flatLayout(sim.spec).filter((x) => SCALE.has(x.name))) {
      const p = priorOf(sim.spec, e.name, e.coord);
      const q = priorOf(matched, e.name, e.coord);
      const diffs = Array.from({ length: 5 }, () => {
        const v = Math.abs(rng.normal()) * 0.3;
        return priorLogDensity(q, v) - priorLogDensity(p, M * v);
      });
      // The Jacobian of v → M·v: log M, whatever v.
      for (const d of diffs) expect(d).toBeCloseTo(Math.log(M), 10);
    }
    // Shape priors are untouched.
    for (const e of flatLayout(sim.spec).filter((x) => !SCALE.has(x.name))) expect(priorOf(matched, e.name, e.coord)).toEqual(priorOf(sim.spec, e.name, e.coord));
  });
});
