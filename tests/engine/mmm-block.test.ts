// The block layout constants exist twice (TypeScript writer, AssemblyScript reader); they
// must agree, and the pack must write what MODEL.md §1 and §6 say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as B from '../../src/engine/mmm/block';
import { DEFAULT_PARAMETERISATION, defaultParameterisation, HILL_PARAMETERISATION, packMmm } from '../../src/engine/mmm/pack';
import { flatLayout } from '../../src/model/layout';
import { fourierFeatures } from '../../src/model/features';
import { comboSpec, mixedSpec, pack, syntheticDataset } from './mmm-fixtures';

describe('MMM block layout', () => {
  it('assembly/engine/mmm/block.ts has the same constants as src/engine/mmm/block.ts', () => {
    const src = readFileSync(new URL('../../assembly/engine/mmm/block.ts', import.meta.url), 'utf8');
    const asConsts = new Map<string, number>();
    for (const m of src.matchAll(/export const (\w+): \w+ = ([0-9a-fx.]+);/gi)) asConsts.set(m[1], Number(m[2]));
    const ts = B as unknown as Record<string, unknown>;
    const expected: Array<[string, number]> = Object.entries(ts).filter((e): e is [string, number] => typeof e[1] === 'number');
    for (const [k, v] of Object.entries(B.ADSTOCK_CODE)) expected.push([`ADSTOCK_${k.toUpperCase()}`, v]);
    for (const [k, v] of Object.entries(B.SATURATION_CODE)) expected.push([`SATURATION_${k.toUpperCase()}`, v]);
    for (const [k, v] of Object.entries(B.DIST_CODE)) expected.push([`DIST_${k.toUpperCase()}`, v]);
    const shared = expected.filter(([k]) => asConsts.has(k));
    expect(shared.length).toBeGreaterThan(45);
    for (const [k, v] of shared) expect([k, asConsts.get(k)]).toEqual([k, v]);
    for (const k of asConsts.keys()) expect(expected.some(([n]) => n === k), `${k} only in the AssemblyScript copy`).toBe(true);
  });

  it('packs scaled data, priors and lift tests where the header says', () => {
    const data = syntheticDataset();
    const spec = mixedSpec(data);
    const b = pack(data, spec);
    const T = data.dates.length;
    expect(b.length).toBe(b[B.H_LENGTH]);
    expect([b[B.H_T], b[B.H_C], b[B.H_K], b[B.H_J], b[B.H_LMAX], b[B.H_NLIFT]]).toEqual([T, 3, 3, 4, 6, 3]);
    const yMax = Math.max(...data.target.values.map(Math.abs));
    expect(b[B.H_TARGET_MAX]).toBe(yMax);
    expect(b[b[B.H_OFF_YS] + 5]).toBe(data.target.values[5] / yMax);
    // Channel b: max of its spend is 1 after scaling, and the record says delayed × logistic.
    const xb = b.subarray(b[B.H_OFF_XS] + T, b[B.H_OFF_XS] + 2 * T);
    expect(Math.max(...xb)).toBe(1);
    const chB = b[B.H_OFF_CHANNELS] + B.CHANNEL_STRIDE;
    expect([b[chB + B.CH_ADSTOCK], b[chB + B.CH_SATURATION]]).toEqual([B.ADSTOCK_CODE.delayed, B.SATURATION_CODE.logistic]);
    const layout = flatLayout(spec);
    const idx = (n: string, c?: string) => layout.findIndex((e) => e.name === n && e.coord === c);
    expect(b[chB + B.CH_IDX_A2]).toBe(idx('adstock_theta', 'b'));
    expect(b[chB + B.CH_IDX_S2]).toBe(-1);
    // saturation_beta[b] has a Beta(2, 5) prior: code, params, log 1/B(2, 5) = log 30.
    const pb = b[B.H_OFF_PARAMS] + idx('saturation_beta', 'b') * B.PARAM_STRIDE;
    expect([b[pb], b[pb + 1], b[pb + 2]]).toEqual([B.DIST_CODE.beta, 2, 5]);
    expect(b[pb + 3]).toBeCloseTo(Math.log(30), 12);
    // Fourier block is feature-major; the second feature is sin_2 at t = 7.
    expect(b[b[B.H_OFF_FOURIER] + 1 * T + 7]).toBe(fourierFeatures(data.dates, 2)[7 * 4 + 1]);
    // Lift test 2 (channel b, x = 500, delta_x = -200, delta_y = -300, sigma = 150).
    const l = b[B.H_OFF_LIFT] + B.LIFT_STRIDE;
    const xMax = Math.max(...data.channels[1].spend);
    expect(Array.from(b.subarray(l, l + 5))).toEqual([1, 500 / xMax, -200 / xMax, -300 / yMax, 150 / yMax]);
    // Column stats: the trend control (t/60, k = 1) has mean 1/2 and norm √(Σ (t/60)²).
    const trend = data.controls[1].values;
    expect(b[b[B.H_OFF_COLMEANS] + 1]).toBeCloseTo(0.5, 14);
    expect(b[b[B.H_OFF_COLMEANS] + 7 + 1]).toBeCloseTo(Math.hypot(...trend), 12);
  });

  it('uses every change of sampler coordinates by default, none on request', () => {
    const data = syntheticDataset();
    const spec = comboSpec(data, 'geometric', 'logistic');
    expect(DEFAULT_PARAMETERISATION).toBe(B.FLAG_MEAN_CONTRIBUTION | B.FLAG_LEVEL_INTERCEPT | B.FLAG_COLUMN_SCALE);
    const r = packMmm(data, spec);
    expect('block' in r && r.block[B.H_FLAGS]).toBe(7);
    expect(pack(data, spec, 0)[B.H_FLAGS]).toBe(0);
  });

  it('a model with a Hill channel: every change but the mean-contribution β by default', () => {
    const data = syntheticDataset();
    const hill = comboSpec(data, 'geometric', 'hill');
    expect(HILL_PARAMETERISATION).toBe(B.FLAG_LEVEL_INTERCEPT | B.FLAG_COLUMN_SCALE);
    const r = packMmm(data, hill);
    expect('block' in r && r.block[B.H_FLAGS]).toBe(6);
    // One Hill channel among logistic ones is enough (the flag is the block's, not a channel's).
    const mixed = comboSpec(data, 'geometric', 'logistic');
    mixed.channels[0] = { ...mixed.channels[0], saturation: 'hill' };
    expect(defaultParameterisation(mixed)).toBe(6);
    expect(pack(data, hill, 7)[B.H_FLAGS]).toBe(7);
    // Sampling the prior keeps its own default (plain coordinates).
    const prior = packMmm(data, hill, { samplePrior: true });
    expect('block' in prior && prior.block[B.H_FLAGS]).toBe(B.FLAG_SAMPLE_PRIOR);
  });
});

describe('MMM pack validation', () => {
  const data = syntheticDataset();
  const errorsOf = (r: ReturnType<typeof packMmm>) => ('errors' in r ? r.errors : []);

  it('a channel with zero spend everywhere is an error naming the channel', () => {
    const d = syntheticDataset();
    d.channels[1].spend = new Float64Array(d.dates.length);
    const errs = errorsOf(packMmm(d, comboSpec(d, 'geometric', 'logistic')));
    expect(errs.some((e) => e.channel === 'b' && /zero spend/.test(e.message))).toBe(true);
  });

  it('a non-finite cell names the column and the spreadsheet row', () => {
    const d = syntheticDataset();
    d.channels[2].spend[9] = NaN;
    d.controls[2].values[4] = Infinity;
    const errs = errorsOf(packMmm(d, comboSpec(d, 'geometric', 'logistic')));
    expect(errs).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'c', row: 11 }), expect.objectContaining({ column: 'price', row: 6 })]));
  });

  it('negative spend is an error naming channel and row', () => {
    const d = syntheticDataset();
    d.channels[0].spend[20] = -5;
    const errs = errorsOf(packMmm(d, comboSpec(d, 'geometric', 'hill')));
    expect(errs).toEqual([expect.objectContaining({ channel: 'a', row: 22, severity: 'error' })]);
  });

  it('a prior whose support does not fit the parameter is an error naming the channel', () => {
    const spec = comboSpec(data, 'geometric', 'logistic');
    spec.channels[2].priors.saturation_lam = { dist: 'normal', mu: 1, sigma: 1 };
    spec.channels[0].priors.adstock_alpha = { dist: 'half_normal', sigma: 1 };
    const errs = errorsOf(packMmm(data, spec));
    expect(errs.map((e) => [e.channel, /saturation_lam|adstock_alpha/.test(e.message)])).toEqual([
      ['a', true],
      ['c', true],
    ]);
    spec.priors.y_sigma = { dist: 'laplace', mu: 0, b: 1 };
    expect(errorsOf(packMmm(data, spec)).some((e) => /y_sigma/.test(e.message))).toBe(true);
  });

  it('narrower supports are accepted: Beta on a positive parameter, HalfNormal on a control', () => {
    expect('block' in packMmm(data, mixedSpec(data))).toBe(true);
  });

  it('invalid prior parameters are an error', () => {
    const spec = comboSpec(data, 'geometric', 'logistic');
    spec.channels[1].priors.saturation_beta = { dist: 'half_normal', sigma: 0 };
    expect(errorsOf(packMmm(data, spec))).toEqual([expect.objectContaining({ channel: 'b' })]);
  });

  it('a lift test on an unknown channel, or with zero sigma or delta_y, is an error naming the channel', () => {
    const spec = comboSpec(data, 'geometric', 'logistic');
    spec.lift_tests.push({ channel: 'radio', x: 1, delta_x: 1, delta_y: 1, sigma: 1 });
    spec.lift_tests.push({ channel: 'b', x: 1, delta_x: 1, delta_y: 1, sigma: 0 });
    spec.lift_tests.push({ channel: 'c', x: 1, delta_x: 1, delta_y: 0, sigma: 1 });
    const errs = errorsOf(packMmm(data, spec));
    expect(errs.map((e) => e.channel)).toEqual(['radio', 'b', 'c']);
  });

  it('an unknown control, a bad date and a non-integer l_max are errors', () => {
    const d = syntheticDataset();
    d.dates[3] = '2021-13-45x';
    const spec = comboSpec(d, 'geometric', 'logistic');
    spec.l_max = 2.5;
    spec.controls = [...spec.controls, 'weather'];
    spec.control_scale = [...spec.control_scale, 1];
    const errs = errorsOf(packMmm(d, spec));
    expect(errs.some((e) => e.column === 'weather')).toBe(true);
    expect(errs.some((e) => /l_max/.test(e.message))).toBe(true);
    spec.l_max = 8;
    spec.controls.pop();
    spec.control_scale.pop();
    expect(errorsOf(packMmm(d, spec))).toEqual([expect.objectContaining({ column: 'date', row: 5 })]);
  });
});
