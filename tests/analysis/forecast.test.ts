import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/core/types';
import { defaultModelSpec } from '../../src/model/spec';
import { drawMatrix, forwardData, type ForwardData } from '../../src/model/forward';
import { forecast, forecastCoverage, type Forecast } from '../../src/analysis/forecast';
import { Rng } from '../../src/core/rng';
import { jitteredDraws, paramVector, randomSpend, simulateFromModel, weeklyDates } from './helpers';

function ok<T>(v: T | { errors: unknown[] }): T {
  if (v && typeof v === 'object' && 'errors' in v) throw new Error(JSON.stringify(v.errors));
  return v as T;
}

const T0 = 104;
const H = 26;

function world(seed: number) {
  const T = T0 + H;
  const rng = new Rng(seed);
  const dates = weeklyDates(T);
  const spend = [randomSpend(T, 4000, rng), randomSpend(T, 1500, rng, 0.3)];
  const promo = Float64Array.from({ length: T }, (_, t) => (t % 13 === 4 ? 1 : 0));
  const base = { name: 's', dates, grain: 'week' as const, target: { name: 'y', values: new Float64Array(T) }, imputed: [], fingerprint: '' };
  const spec: ModelSpec = defaultModelSpec(
    { ...base, channels: [{ name: 'tv', spend: spend[0] }, { name: 'search', spend: spend[1] }], controls: [{ name: 'promo', values: promo }] },
    { l_max: 6, fourier_order: 1 },
  );
  const thetaGen = paramVector(spec, {
    intercept: 5,
    'adstock_alpha[tv]': 0.6,
    'adstock_alpha[search]': 0.2,
    'saturation_lam[tv]': 2,
    'saturation_lam[search]': 3,
    'saturation_beta[tv]': 2,
    'saturation_beta[search]': 1,
    'gamma_control[promo]': 0.8,
    'gamma_fourier[sin_1]': 0.5,
    'gamma_fourier[cos_1]': -0.3,
    y_sigma: 0.4,
  });
  const sim = simulateFromModel(spec, thetaGen, { dates, spend, controls: [promo] }, seed * 7 + 1);
  // The run's scaling is that of the data it was fitted on; here the maxima of all T rows.
  const channelMax = spend.map((s) => s.reduce((m, v) => Math.max(m, v), 0));
  const yMax = sim.data.target.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const history = ok<ForwardData>(
    forwardData(spec, { dates: dates.slice(0, T0), spend: spend.map((s) => s.slice(0, T0)), controls: [promo.slice(0, T0)], channelMax, targetMaxAbs: yMax }),
  );
  const plan = { dates: dates.slice(T0), spend: { tv: spend[0].slice(T0), search: spend[1].slice(T0) }, controls: { promo: promo.slice(T0) } };
  return { spec, theta: sim.theta, history, plan, actual: sim.data.target.values.slice(T0) };
}

describe('forecast', () => {
  it('is calibrated under the true parameters: 90% and 50% predictive intervals cover 90% and 50%', () => {
    let c90 = 0;
    let c50 = 0;
    const reps = 60;
    for (let rep = 0; rep < reps; rep++) {
      const w = world(100 + rep);
      // A point-mass posterior at the truth: the predictive is exactly Normal(mu, sigma).
      const draws = drawMatrix(w.spec, Float64Array.from({ length: 400 * w.theta.length }, (_, i) => w.theta[i % w.theta.length]));
      const f = ok<Forecast>(forecast(w.history, w.spec, draws, w.plan, rep));
      const cov = forecastCoverage(f, w.actual);
      c90 += cov.coverage_90 / reps;
      c50 += cov.coverage_50 / reps;
    }
    // 1560 observations: binomial sd ≈ 0.0076 (90%) and 0.0127 (50%); allow ~3.5 sd.
    expect(Math.abs(c90 - 0.9)).toBeLessThan(0.027);
    expect(Math.abs(c50 - 0.5)).toBeLessThan(0.045);
  });

  it('issue 5 check: ≥ 80% of the 26 held-out weeks inside the 90% interval with an uncertain posterior', () => {
    const w = world(7);
    const draws = jitteredDraws(w.spec, w.theta, 500, 0.05, 9);
    const f = ok<Forecast>(forecast(w.history, w.spec, draws, w.plan, 42));
    expect(forecastCoverage(f, w.actual).coverage_90).toBeGreaterThanOrEqual(0.8);
    // Same seed, same forecast; another seed, other noise.
    const again = ok<Forecast>(forecast(w.history, w.spec, draws, w.plan, 42));
    expect(Array.from(again.predictive.q05)).toEqual(Array.from(f.predictive.q05));
    const other = ok<Forecast>(forecast(w.history, w.spec, draws, w.plan, 43));
    expect(Array.from(other.predictive.q05)).not.toEqual(Array.from(f.predictive.q05));
    // mu's band is inside the predictive band (noise only widens it).
    for (let t = 0; t < H; t++) expect(f.mu.q95[t] - f.mu.q05[t]).toBeLessThan(f.predictive.q95[t] - f.predictive.q05[t]);
  });

  it('missing future inputs are errors naming the column', () => {
    const w = world(3);
    const draws = drawMatrix(w.spec, w.theta);
    const r1 = forecast(w.history, w.spec, draws, { ...w.plan, controls: {} });
    expect('errors' in r1 && r1.errors[0].column).toBe('promo');
    const r2 = forecast(w.history, w.spec, draws, { ...w.plan, spend: { tv: w.plan.spend.tv } });
    expect('errors' in r2 && r2.errors[0].channel).toBe('search');
    const r3 = forecast(w.history, w.spec, draws, { ...w.plan, dates: [w.history.dates[0], ...w.plan.dates.slice(1)] });
    expect('errors' in r3 && r3.errors[0].message).toMatch(/does not come after/);
  });
});
