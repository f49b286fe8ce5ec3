// Acceptance item 1 of issue 2: the analytic gradient of the full MMM log density (priors,
// transforms and their Jacobians, adstock, saturation, controls, Fourier terms, lift tests)
// against 5-point finite differences, |g_fd − g| ≤ 1e-6 · max(1, |g|) per component, at 50
// points Uniform(−2, 2) on the unconstrained scale, for every adstock × saturation pair and a
// mixed per-channel spec with every prior family, on data with zero-spend stretches (Hill at 0).
import { describe, expect, it } from 'vitest';
import type { Dataset, ModelSpec } from '../../src/core/types';
import { DEV_DATASETS, devSpec, loadDevDataset } from '../../bench/mmm-gradient';
import { expectAgreement, fdCheck } from './mmm-fd';
import { ADSTOCKS, SATURATIONS, comboSpec, engineFor, mixedSpec, pack, syntheticDataset } from './mmm-fixtures';

const data = syntheticDataset();

describe('MMM gradient = finite differences (5-point stencil, 50 points Uniform(-2, 2))', () => {
  const specs: Array<[string, ModelSpec]> = [
    ...ADSTOCKS.flatMap((a) => SATURATIONS.map((s): [string, ModelSpec] => [`${a} × ${s}`, comboSpec(data, a, s)])),
    ['mixed per channel, every prior family', mixedSpec(data)],
  ];
  // Plain coordinates, and the reparameterised ones (mean contribution + level intercept + column scales).
  const cases = [0, 7].flatMap((flags) => specs.map(([name, spec]): [string, number, ModelSpec] => [name, flags, spec]));

  it('the synthetic data exercise the edge cases: exact zero adstock, a lift test at zero spend', () => {
    const a = data.channels[0].spend;
    expect(Array.from(a.slice(0, 12)).every((v) => v === 0)).toBe(true);
    expect(data.dates.length % 2).toBe(1);
    expect(comboSpec(data, 'geometric', 'hill').lift_tests.some((t) => t.x === 0)).toBe(true);
  });

  it.each(cases)('%s, parameterisation %i', (_, flags, spec) => {
    const engine = engineFor(pack(data, spec, flags), 'engine.debug');
    const res = fdCheck(engine, spec, 50, 2024);
    expectAgreement(res, 50, engine.dim);
  });

  it.each(Object.keys(DEV_DATASETS).flatMap((n) => [0, 7].map((f): [string, number] => [n, f])))('%s, parameterisation %i (release build, 10 points)', (name, flags) => {
    const d: Dataset = loadDevDataset(name);
    const spec = devSpec(name, d);
    const engine = engineFor(pack(d, spec, flags), 'engine');
    const res = fdCheck(engine, spec, 10, 77);
    expectAgreement(res, 10, engine.dim);
  });
});
