// The Ridge step's plumbing on a real (small) run on Robyn's data: the form's settings become
// the RidgeOptions the worker runs (window, seasonality, controls and lift tests from the model;
// curves Robyn's or the model's), and the views split the candidates, pair the ridge ROAS with
// the Bayesian one by channel, and read the chosen hyperparameters back per channel.
import { describe, expect, it } from 'vitest';
import { ridgeOptions, workTotal, clampSetting, DEFAULT_RIDGE_SETTINGS, type RidgeSettings } from '../../../src/app/ridge/options';
import { chosenHyper, paretoView, roasRows } from '../../../src/app/ridge/views';
import type { Estimate, ModelSpec } from '../../../src/core/types';
import { defaultModelSpec } from '../../../src/model/spec';
import { runRidge } from '../../../src/ridge/run';
import type { RidgeResult } from '../../../src/ridge/types';
import { robynWeekly } from '../../calibration/wide-csv';

const data = robynWeekly();
const settings: RidgeSettings = { ...DEFAULT_RIDGE_SETTINGS, seed: 9, population: 12, generations: 4, replicates: 40 };
const spec: ModelSpec = { ...defaultModelSpec(data, { saturation: 'logistic' }), l_max: 6, fourier_order: 1 };

describe('ridge options from the form and the model', () => {
  it('takes the budget and seed from the form, window/seasonality/controls from the model', () => {
    const o = ridgeOptions(settings, data, { ...spec, controls: [...spec.controls, 'not_in_data'] });
    expect(o).toMatchObject({ seed: 9, search: { population: 12, generations: 4 }, bootstrap: { replicates: 40 }, l_max: 6, fourier_order: 1 });
    expect(o.controls).toEqual(data.controls.map((c) => c.name));
    expect(o.channels).toBeUndefined();
    expect(o.lift_tests).toBeUndefined();
  });

  it("'model' curves take each channel's kinds; lift tests join only when asked", () => {
    const lift = [{ channel: 'tv_S', x: 20000, delta_x: 4000, delta_y: 8000, sigma: 1500 }];
    const o = ridgeOptions({ ...settings, curves: 'model' }, data, { ...spec, lift_tests: lift });
    expect(o.channels!.tv_S).toEqual({ adstock: 'geometric', saturation: 'logistic' });
    expect(Object.keys(o.channels!)).toEqual(data.channels.map((c) => c.name));
    expect(o.lift_tests).toEqual(lift);
    expect(ridgeOptions({ ...settings, useLiftTests: false }, data, { ...spec, lift_tests: lift }).lift_tests).toBeUndefined();
  });

  it('without a model: src/ridge defaults', () => {
    expect(ridgeOptions(settings, data, null)).toEqual({ seed: 9, search: { population: 12, generations: 4 }, bootstrap: { replicates: 40 } });
  });

  it('work total = population × (generations + 1) evaluations, as runRidge counts them; settings clamp', () => {
    const r = runRidge(data, ridgeOptions(settings, data, spec)) as RidgeResult;
    expect(r.evaluations).toBe(workTotal(settings).search);
    expect(clampSetting('population', 3)).toBe(8);
    expect(clampSetting('generations', 12.4)).toBe(12);
    expect(clampSetting('replicates', Number.NaN)).toBe(50);
  });
});

describe('ridge views', () => {
  const r = runRidge(data, ridgeOptions(settings, data, spec)) as RidgeResult;

  it('the plot holds every candidate once: the front (ascending NRMSE) and the rest; the chosen one on the front', () => {
    const v = paretoView(r);
    const ids = [...v.front.ids, ...v.others.ids];
    expect(ids.length + v.failed).toBe(r.evaluations);
    expect(new Set(ids).size).toBe(ids.length);
    expect(v.front.ids).toEqual(r.pareto.filter((id) => Number.isFinite(r.candidates[id].objectives.nrmse)));
    for (let i = 1; i < v.front.nrmse.length; i++) expect(v.front.nrmse[i]).toBeGreaterThanOrEqual(v.front.nrmse[i - 1]);
    expect(v.front.ids).toContain(v.chosen.id);
    expect(v.chosen).toMatchObject({ nrmse: r.model.objectives.nrmse, rssd: r.model.objectives.decomp_rssd });
  });

  it('pairs the Bayesian ROAS by channel name, null where the run has no such channel', () => {
    const est = (m: number): Estimate => ({ mean: m, sd: 0.1, q05: m - 0.2, q50: m, q95: m + 0.2 });
    const rows = roasRows(r, [{ channel: 'search_S', roas: est(2) }, { channel: 'tv_S', roas: est(1) }]);
    expect(rows.map((x) => x.channel)).toEqual(Object.keys(r.channels));
    expect(rows.find((x) => x.channel === 'tv_S')!.bayes!.mean).toBe(1);
    expect(rows.find((x) => x.channel === 'search_S')!.bayes!.mean).toBe(2);
    expect(rows.find((x) => x.channel === 'ooh_S')!.bayes).toBeNull();
    expect(roasRows(r, null).every((x) => x.bayes === null)).toBe(true);
    for (const x of rows) expect(x.roas).toEqual(r.channels[x.channel].roas);
  });

  it('reads the chosen hyperparameters back per channel', () => {
    const h = chosenHyper(r);
    expect(h.channels.map((c) => c.channel)).toEqual(data.channels.map((c) => c.name));
    expect(h.channels[0].values.map(([k]) => k)).toEqual(['adstock_alpha', 'saturation_kappa', 'saturation_slope']);
    expect(h.channels[0].values[0][1]).toBe(r.model.hyper['adstock_alpha[tv_S]']);
    expect(h.lambda).toBe(r.model.hyper.lambda);
  });
});
