// Model-step edits: presets, kind switches that keep the priors still in use, and checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterCount, variableLayout } from '../../src/model/layout';
import { defaultChannelPrior } from '../../src/model/priors';
import { channelVariables, presetSpec, setAdstock, setChannelPrior, setFourierOrder, setGlobalPrior, setLMax, setSaturation } from '../../src/app/model/spec-edit';
import { loadDataset, type RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const data = loadDataset(run.dataset);

describe('presets', () => {
  it("PyMC-Marketing default: geometric + logistic with PyMC-Marketing's default priors (MODEL.md §3)", () => {
    const s = presetSpec(data, 'pymc');
    expect(s.channels.map((c) => [c.adstock, c.saturation])).toEqual([
      ['geometric', 'logistic'],
      ['geometric', 'logistic'],
    ]);
    expect(s.channels[0].priors).toEqual({
      adstock_alpha: { dist: 'beta', alpha: 1, beta: 3 },
      saturation_lam: { dist: 'gamma', alpha: 3, beta: 1 },
      saturation_beta: { dist: 'half_normal', sigma: 2 },
    });
    expect([s.l_max, s.fourier_order]).toEqual([8, 2]);
  });

  it('Hill: kappa, slope and beta with their defaults; window and seasonality kept', () => {
    const s = presetSpec(data, 'hill', { l_max: 4, fourier_order: 3, controls: ['event_1'] });
    expect(s.channels[1].saturation).toBe('hill');
    expect(Object.keys(s.channels[1].priors)).toEqual(['adstock_alpha', 'saturation_kappa', 'saturation_slope', 'saturation_beta']);
    expect(s.channels[1].priors.saturation_beta).toEqual({ dist: 'half_normal', sigma: 1.5 });
    expect([s.l_max, s.fourier_order, s.controls]).toEqual([4, 3, ['event_1']]);
  });
});

describe('edits', () => {
  const base = presetSpec(data, 'pymc');
  const custom = setChannelPrior(base, 'x1', 'adstock_alpha', { dist: 'beta', alpha: 2, beta: 2 });

  it('switching adstock keeps shared priors and defaults new variables', () => {
    const s = setAdstock(custom, 'x1', 'delayed');
    expect(s.channels[0].priors.adstock_alpha).toEqual({ dist: 'beta', alpha: 2, beta: 2 });
    expect(s.channels[0].priors.adstock_theta).toEqual(defaultChannelPrior('adstock_theta', 'logistic'));
    const w = setAdstock(s, 'x1', 'weibull_cdf');
    expect(Object.keys(w.channels[0].priors).sort()).toEqual(['adstock_k', 'adstock_lam', 'saturation_beta', 'saturation_lam']);
    expect(w.channels[1]).toBe(custom.channels[1]);
  });

  it("switching saturation resets saturation_beta to the new kind's default", () => {
    const tuned = setChannelPrior(base, 'x2', 'saturation_beta', { dist: 'half_normal', sigma: 5 });
    const hill = setSaturation(tuned, 'x2', 'hill');
    expect(hill.channels[1].priors.saturation_beta).toEqual({ dist: 'half_normal', sigma: 1.5 });
    expect(setSaturation(tuned, 'x2', 'logistic').channels[1].priors.saturation_beta).toEqual({ dist: 'half_normal', sigma: 5 });
  });

  it('the layout follows the edits (one parameter per channel variable)', () => {
    const s = setSaturation(setAdstock(base, 'x1', 'weibull_pdf'), 'x2', 'hill');
    const vars = Object.fromEntries(variableLayout(s).map((v) => [v.name, v.coords]));
    expect(vars.adstock_lam).toEqual(['x1']);
    expect(vars.adstock_alpha).toEqual(['x2']);
    expect(vars.saturation_kappa).toEqual(['x2']);
    const channelVars = s.channels.reduce((n, c) => n + channelVariables(c).length, 0);
    expect(parameterCount(s)).toBe(1 + channelVars + s.controls.length + 2 * s.fourier_order + 1);
  });

  it('does not mutate the spec it edits', () => {
    const before = JSON.stringify(base);
    setGlobalPrior(setLMax(setFourierOrder(setAdstock(base, 'x1', 'delayed'), 4), 12), 'y_sigma', { dist: 'half_normal', sigma: 1 });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('rejects impossible values', () => {
    expect(() => setLMax(base, 0)).toThrow(/at least 1/);
    expect(() => setLMax(base, 2.5)).toThrow();
    expect(() => setFourierOrder(base, -1)).toThrow();
    expect(() => setChannelPrior(base, 'x1', 'adstock_theta', { dist: 'half_normal', sigma: 1 })).toThrow(/x1 has no adstock_theta/);
    expect(() => setAdstock(base, 'nope', 'delayed')).toThrow(/unknown channel/);
  });
});

describe('a preset on another dataset', () => {
  it('takes the new dataset\'s controls when none are carried over', () => {
    const other = { ...data, controls: [{ name: 'price', values: new Float64Array(data.dates.length).fill(1) }] };
    const s = presetSpec(other, 'pymc', { l_max: 5, fourier_order: 1, controls: undefined });
    expect(s.controls).toEqual(['price']);
    expect([s.l_max, s.fourier_order]).toEqual([5, 1]);
  });
});
