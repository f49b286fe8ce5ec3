// The MMM log density's value against an independent naive computation (src/model/kernels.ts
// + src/model/priors.ts, written out in mmm-fixtures.ts), and the WASM (debug and release)
// against the TypeScript baseline, value and gradient.
import { describe, expect, it } from 'vitest';
import { MmmReference } from '../../src/engine/mmm/reference';
import { DEV_DATASETS, devSpec, loadDevDataset, packOrThrow } from '../../bench/mmm-gradient';
import {
  ADSTOCKS,
  SATURATIONS,
  comboSpec,
  engineFor,
  mixedSpec,
  naiveLogDensity,
  naiveUToQ,
  pack,
  rng,
  syntheticDataset,
  uniformPoint,
} from './mmm-fixtures';
import type { Dataset, ModelSpec } from '../../src/core/types';

const data = syntheticDataset();
const cases: Array<[string, Dataset, ModelSpec]> = [
  ...ADSTOCKS.flatMap((a) => SATURATIONS.map((s): [string, Dataset, ModelSpec] => [`${a} × ${s}`, data, comboSpec(data, a, s)])),
  ['mixed per channel', data, mixedSpec(data)],
  ...Object.keys(DEV_DATASETS).map((n): [string, Dataset, ModelSpec] => {
    const d = loadDevDataset(n);
    return [n, d, devSpec(n, d)];
  }),
];

describe('MMM log density value', () => {
  it.each(cases)('%s: equals the naive computation to 1e-10 relative, θ to 1e-14', (_, d, spec) => {
    const block = pack(d, spec);
    const engine = engineFor(block, 'engine');
    const r = rng(7);
    // Uniform(-1, 1): the naive weibull kernels (no log-sum-exp) underflow to 0/0 further out.
    for (let k = 0; k < 20; k++) {
      const q = uniformPoint(r, engine.dim, 1);
      const naive = naiveLogDensity(d, spec, q);
      expect(Number.isFinite(naive.lp)).toBe(true);
      const lp = engine.logDensityGradient(q, new Float64Array(engine.dim));
      expect(Math.abs(lp - naive.lp)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(naive.lp)));
      const theta = engine.constrain(q);
      naive.theta.forEach((th, i) => expect(Math.abs(theta[i] - th)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(th))));
    }
  });

  it.each(cases)('%s, reparameterised (all of mean contribution, level intercept, column scales): log p(u) = naive log p(q(u)) + log|dq/du|', (_, d, spec) => {
    const engine = engineFor(pack(d, spec, 7), 'engine');
    const r = rng(8);
    for (let k = 0; k < 20; k++) {
      const u = uniformPoint(r, engine.dim, 1);
      // The shears have unit Jacobian determinants; the column scales a constant one.
      const { q, logJac } = naiveUToQ(d, spec, u, 7);
      const naive = naiveLogDensity(d, spec, q);
      expect(Number.isFinite(naive.lp)).toBe(true);
      const lp = engine.logDensityGradient(u, new Float64Array(engine.dim));
      expect(Math.abs(lp - (naive.lp + logJac))).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(naive.lp)));
      const theta = engine.constrain(u);
      naive.theta.forEach((th, i) => expect(Math.abs(theta[i] - th)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(th))));
    }
  });
});

describe('WASM = TypeScript baseline', () => {
  it.each(cases)('%s: value and gradient agree to 1e-12 relative (debug and release, every parameterisation flag)', (_, d, spec) => {
    for (const flags of [0, 1, 2, 4, 7]) {
      const block = pack(d, spec, flags);
      const ref = new MmmReference(block);
      for (const build of ['engine', 'engine.debug'] as const) {
        const engine = engineFor(block, build);
        const r = rng(11);
        const gW = new Float64Array(engine.dim);
        const gT = new Float64Array(engine.dim);
        for (let k = 0; k < 20; k++) {
          const q = uniformPoint(r, engine.dim, 2);
          const lpW = engine.logDensityGradient(q, gW);
          const lpT = ref.logDensityGradient(q, gT);
          expect(Math.abs(lpW - lpT)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lpT)));
          for (let i = 0; i < gT.length; i++) expect(Math.abs(gW[i] - gT[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(gT[i])));
          expect(Array.from(engine.constrain(q))).toEqual(Array.from(ref.constrain(q)));
        }
      }
    }
  });
  it.each(cases)('%s: unconstrain() inverts constrain() under every parameterisation', (_, d, spec) => {
    for (const flags of [0, 7]) {
      const block = pack(d, spec, flags);
      const engine = engineFor(block, 'engine');
      const ref = new MmmReference(block);
      const r = rng(12);
      for (let k = 0; k < 10; k++) {
        const u = uniformPoint(r, engine.dim, 2);
        const back = ref.unconstrain(engine.constrain(u));
        u.forEach((ui, i) => expect(Math.abs(back[i] - ui)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ui))));
      }
    }
  });

  it('the dev datasets pack to the expected dimension (layout.ts order)', () => {
    const d = loadDevDataset('mmm_example');
    const block = packOrThrow(d, devSpec('mmm_example', d));
    // intercept, alpha ×2, lam ×2, beta ×2, gamma_control ×3, gamma_fourier ×4, y_sigma
    expect(new MmmReference(block).dim).toBe(15);
  });
});
