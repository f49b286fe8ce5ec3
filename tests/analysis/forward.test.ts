import { describe, expect, it } from 'vitest';
import type { Dataset, ModelSpec } from '../../src/core/types';
import { defaultModelSpec } from '../../src/model/spec';
import { dayOfYear } from '../../src/model/features';
import { ForwardResult, extendForwardData, forwardData, forwardDataFromDataset, forwardPass, paramIndex, withSpend, type ForwardData } from '../../src/model/forward';
import { datasetFromCsv, paramVector, SHARED, syntheticSet } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

describe('forward pass: hand computation', () => {
  // One geometric/logistic channel, l_max 2, one control, no seasonality.
  // x = [0, 2, 4, 1], max 4 -> xs = [0, .5, 1, .25]; w = [1, .5]/1.5 = [2/3, 1/3]
  // a = [0, 1/3, 2/3 + 1/6, 1/6 + 1/3] = [0, 1/3, 5/6, 1/2]
  // sat = tanh(lam a / 2) with lam = 2 -> tanh(a); contribution = beta * sat * ymax = 0.5 * 10 * tanh(a)
  const data: Dataset = {
    name: 'hand',
    dates: ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22'],
    grain: 'week',
    target: { name: 'y', values: Float64Array.from([1, -10, 3, 4]) },
    channels: [{ name: 'tv', spend: Float64Array.from([0, 2, 4, 1]) }],
    controls: [{ name: 'price', values: Float64Array.from([2000, 1000, 0, -4000]) }],
    imputed: [],
    fingerprint: 'x',
  };
  const spec = defaultModelSpec(data, { l_max: 2, fourier_order: 0 });
  const theta = paramVector(spec, {
    intercept: 0.1,
    'adstock_alpha[tv]': 0.5,
    'saturation_lam[tv]': 2,
    'saturation_beta[tv]': 0.5,
    'gamma_control[price]': 0.2,
    y_sigma: 0.1,
  });

  it('matches the components written out by hand', () => {
    const fd = ok(forwardDataFromDataset(data, spec));
    expect(spec.control_scale).toEqual([4000]); // max |z| = 4000 > 1000
    const r = forwardPass(fd, paramIndex(spec), theta, 0, ForwardResult.for(fd));
    const a = [0, 1 / 3, 5 / 6, 1 / 2];
    const z = [0.5, 0.25, 0, -1];
    for (let t = 0; t < 4; t++) {
      expect(r.adstocked[t]).toBeCloseTo(a[t], 14);
      expect(r.channels[t]).toBeCloseTo(5 * Math.tanh(a[t]), 12);
      expect(r.controls[t]).toBeCloseTo(0.2 * 10 * z[t], 12);
      expect(r.seasonality[t]).toBe(0);
      expect(r.mu[t]).toBeCloseTo(1 + 5 * Math.tanh(a[t]) + 2 * z[t], 12);
    }
    expect(r.intercept).toBeCloseTo(1, 14);
  });

  it('seasonality is sum_j gamma_j F_tj in original units', () => {
    const s1 = defaultModelSpec(data, { l_max: 2, fourier_order: 1 });
    const th = paramVector(s1, {
      intercept: 0,
      'adstock_alpha[tv]': 0.5,
      'saturation_lam[tv]': 2,
      'saturation_beta[tv]': 0,
      'gamma_control[price]': 0,
      'gamma_fourier[sin_1]': 0.3,
      'gamma_fourier[cos_1]': -0.2,
      y_sigma: 0.1,
    });
    const fd = ok(forwardDataFromDataset(data, s1));
    const r = forwardPass(fd, paramIndex(s1), th, 0, ForwardResult.for(fd));
    data.dates.forEach((d, t) => {
      const p = (2 * Math.PI * dayOfYear(d)) / 365.25;
      expect(r.seasonality[t]).toBeCloseTo(10 * (0.3 * Math.sin(p) - 0.2 * Math.cos(p)), 12);
    });
  });

  it('alternative and future spend keep the fitted maxima; history seeds the adstock', () => {
    const fd = ok(forwardDataFromDataset(data, spec));
    const alt = withSpend(fd, Float64Array.from([8, 8, 8, 8]));
    const r = forwardPass(alt, paramIndex(spec), theta, 0, ForwardResult.for(alt));
    // xs = 8 / 4 = 2 in every period; a_0 = 2/3 * 2, later a = 2.
    expect(r.adstocked[0]).toBeCloseTo(4 / 3, 14);
    expect(r.adstocked[3]).toBeCloseTo(2, 14);
    const ext = ok(extendForwardData(fd, spec, { dates: ['2024-01-29'], spend: [[0]], controls: [[4000]] }));
    const re = forwardPass(ext, paramIndex(spec), theta, 0, ForwardResult.for(ext));
    // Only carry-over from the last history period: a_4 = 1/3 * xs_3 = 1/12.
    expect(re.adstocked[4]).toBeCloseTo(1 / 12, 14);
    expect(re.controls[4]).toBeCloseTo(0.2 * 10 * 1, 12);
    expect(re.channels[3]).toBeCloseTo(5 * Math.tanh(0.5), 12);
  });

  it('bad inputs are errors naming the channel, not NaN', () => {
    const bad = { ...data, channels: [{ name: 'tv', spend: Float64Array.from([0, 0, 0, 0]) }] };
    const res = forwardDataFromDataset(bad, spec);
    expect('errors' in res && res.errors[0].channel).toBe('tv');
    const fd = ok(forwardDataFromDataset(data, spec));
    const res2 = extendForwardData(fd, spec, { dates: ['2024-01-29'], spend: [[-1]], controls: [[0]] });
    expect('errors' in res2 && res2.errors[0].message).toMatch(/tv.*-1/);
  });
});

describe('forward pass: truth of mmm_example.csv (TRUTH.md)', () => {
  const data = datasetFromCsv(SHARED('data/pymc-marketing/mmm_example.csv'), {
    date: 'date_week',
    target: 'y',
    channels: ['x1', 'x2'],
    controls: ['event_1', 'event_2'],
  });
  const spec: ModelSpec = defaultModelSpec(data, { l_max: 8, fourier_order: 2 });
  const yMax = data.target.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const xMax = data.channels.map((c) => c.spend.reduce((m, v) => Math.max(m, v), 0));
  // TRUTH.md's recipe expressed in model units (its "internal parameterization" table, exact).
  const theta = paramVector(spec, {
    intercept: 2000 / yMax,
    'adstock_alpha[x1]': 0.4,
    'adstock_alpha[x2]': 0.2,
    'saturation_lam[x1]': 4 * xMax[0],
    'saturation_lam[x2]': 3 * xMax[1],
    'saturation_beta[x1]': 3000 / yMax,
    'saturation_beta[x2]': 2000 / yMax,
    'gamma_control[event_1]': 1500 / yMax,
    'gamma_control[event_2]': 2500 / yMax,
    'gamma_fourier[sin_1]': 0,
    'gamma_fourier[sin_2]': -500 / yMax,
    'gamma_fourier[cos_1]': 500 / yMax,
    'gamma_fourier[cos_2]': 0,
    y_sigma: 250 / yMax,
  });
  const fd = ok(forwardDataFromDataset(data, spec));
  const r = forwardPass(fd, paramIndex(spec), theta, 0, ForwardResult.for(fd));
  const T = data.dates.length;

  /** TRUTH.md recipe on raw x: normalised geometric adstock (8 lags), logistic saturation. */
  function recipeMedia(x: Float64Array, alpha: number, lam: number, beta: number): number[] {
    const w = Array.from({ length: 8 }, (_, l) => alpha ** l);
    const sw = w.reduce((a, b) => a + b, 0);
    return Array.from(x, (_, t) => {
      let a = 0;
      for (let l = 0; l < 8 && l <= t; l++) a += (w[l] / sw) * x[t - l];
      return 1000 * beta * ((1 - Math.exp(-lam * a)) / (1 + Math.exp(-lam * a)));
    });
  }

  it('channel components equal the recipe to rounding', () => {
    const m1 = recipeMedia(data.channels[0].spend, 0.4, 4, 3);
    const m2 = recipeMedia(data.channels[1].spend, 0.2, 3, 2);
    for (let t = 0; t < T; t++) {
      expect(Math.abs(r.channels[t] - m1[t])).toBeLessThan(1e-9 * 3000);
      expect(Math.abs(r.channels[T + t] - m2[t])).toBeLessThan(1e-9 * 2000);
    }
    // TRUTH.md "derived truth": mean weekly contribution and in-window ROAS.
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(r.channels.subarray(0, T)) / T).toBeCloseTo(1535.47, 2);
    expect(sum(r.channels.subarray(T)) / T).toBeCloseTo(368.19, 2);
    expect(sum(r.channels.subarray(0, T)) / sum(data.channels[0].spend)).toBeCloseTo(4967.8, 1);
    expect(sum(r.channels.subarray(T)) / sum(data.channels[1].spend)).toBeCloseTo(2274.9, 1);
  });

  it('with the recipe trend and seasonality, y - components is the recipe noise', () => {
    // The recipe's seasonality has period 365.5, the model's Fourier 365.25, so the model's
    // seasonality differs by at most 0.5 * 1000 * (4π + 2π) * 366 * (1/365.25 - 1/365.5) ≈ 6.46.
    const bound = 0.5 * 1000 * 6 * Math.PI * 366 * (1 / 365.25 - 1 / 365.5);
    let noise = 0;
    for (let t = 0; t < T; t++) {
      const doy = dayOfYear(data.dates[t]);
      const season = 500 * (-Math.sin((4 * Math.PI * doy) / 365.5) + Math.cos((2 * Math.PI * doy) / 365.5));
      expect(Math.abs(r.seasonality[t] - season)).toBeLessThan(bound);
      const trend = 1000 * ((10 + (50 * t) / (T - 1)) ** 0.25 - 1);
      noise += data.target.values[t] - (r.mu[t] - r.seasonality[t] + season + trend);
    }
    // TRUTH.md: mean noise 10.94 (two decimals) — exact if every component is right.
    expect(noise / T).toBeCloseTo(10.94, 2);
    expect(r.intercept).toBeCloseTo(2000, 9);
  });
});

describe('forward pass: truth.json of the synthetic sets', () => {
  for (const folder of ['dev_weekly_logistic', 'dev_weekly_hill'] as const) {
    it(`${folder}: true total contributions and ROAS`, () => {
      const { truth, data, spec, theta } = syntheticSet(folder);
      const fd = ok(forwardDataFromDataset(data, spec));
      const r = forwardPass(fd, paramIndex(spec), theta, 0, ForwardResult.for(fd));
      spec.channels.forEach((ch, c) => {
        let s = 0;
        let x = 0;
        for (let t = 0; t < fd.T; t++) {
          s += r.channels[c * fd.T + t];
          x += fd.spend[c * fd.T + t];
        }
        expect(s / truth.true_total_contribution[ch.name]).toBeCloseTo(1, 4);
        expect(s / x / truth.true_roas[ch.name]).toBeCloseTo(1, 4);
      });
    });
  }
});
