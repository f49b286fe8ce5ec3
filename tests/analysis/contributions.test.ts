import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/core/types';
import { defaultModelSpec } from '../../src/model/spec';
import { ForwardResult, drawMatrix, forwardDataFromDataset, forwardMu, forwardPass, paramIndex, withSpend, type DrawMatrix, type ForwardData } from '../../src/model/forward';
import { Rng } from '../../src/core/rng';
import { decompose } from '../../src/analysis/decomposition';
import { contributionSummary } from '../../src/analysis/contributions';
import { channelRoas, marginalRoasDraws, roasDraws } from '../../src/analysis/roas';
import { adstockKernels, responseCurves, responseDraws } from '../../src/analysis/response';
import { halfSlopeElbow, kneedle, saturationFlags } from '../../src/analysis/saturation-flags';
import type { ChannelRoas } from '../../src/analysis/roas';
import type { ResponseCurve } from '../../src/analysis/response';
import { datasetFromCsv, jitteredDraws, paramVector, randomSpend, SHARED, simulateFromModel, weeklyDates } from './helpers';

function ok(fd: ForwardData | { errors: unknown[] }): ForwardData {
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  return fd;
}

/** Three channels with three different adstock/saturation pairs, two controls, seasonality. */
function mixedModel(seed = 11) {
  const T = 104;
  const rng = new Rng(seed);
  const dates = weeklyDates(T);
  const spend = [randomSpend(T, 5000, rng), randomSpend(T, 800, rng, 0.4), randomSpend(T, 2000, rng)];
  const promo = Float64Array.from({ length: T }, (_, t) => (t % 26 === 5 ? 1 : 0));
  let w = 1500;
  const price = Float64Array.from({ length: T }, () => (w += 30 * rng.normal()));
  const base = { name: 'x', dates, grain: 'week' as const, target: { name: 'y', values: new Float64Array(T).fill(1) }, imputed: [], fingerprint: '' };
  const spec: ModelSpec = defaultModelSpec(
    { ...base, channels: ['tv', 'radio', 'social'].map((name, i) => ({ name, spend: spend[i] })), controls: [{ name: 'promo', values: promo }, { name: 'price', values: price }] },
    { l_max: 8, fourier_order: 2 },
  );
  spec.channels[1] = { ...spec.channels[1], adstock: 'delayed', saturation: 'hill' };
  spec.channels[2] = { ...spec.channels[2], adstock: 'weibull_pdf' };
  const thetaGen = paramVector(spec, {
    intercept: 10,
    'adstock_alpha[tv]': 0.6,
    'adstock_alpha[radio]': 0.5,
    'adstock_theta[radio]': 1.5,
    'adstock_lam[social]': 2,
    'adstock_k[social]': 1.5,
    'saturation_lam[tv]': 2.5,
    'saturation_lam[social]': 1.2,
    'saturation_kappa[radio]': 0.5,
    'saturation_slope[radio]': 1.6,
    'saturation_beta[tv]': 3,
    'saturation_beta[radio]': 1.5,
    'saturation_beta[social]': 2,
    'gamma_control[promo]': 1,
    'gamma_control[price]': -2,
    'gamma_fourier[sin_1]': 0.4,
    'gamma_fourier[sin_2]': 0.1,
    'gamma_fourier[cos_1]': -0.3,
    'gamma_fourier[cos_2]': 0.05,
    y_sigma: 0.3,
  });
  const sim = simulateFromModel(spec, thetaGen, { dates, spend, controls: [promo, price] }, seed + 1);
  const fd = ok(forwardDataFromDataset(sim.data, spec));
  return { spec, fd, data: sim.data, theta: sim.theta };
}

/** Channel c's window total at spend × m, by the forward pass alone. */
function totalAt(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, d: number, c: number, m: number): number {
  const spend = Float64Array.from(fd.spend);
  for (let t = 0; t < fd.T; t++) spend[c * fd.T + t] *= m;
  const alt = withSpend(fd, spend);
  const r = forwardPass(alt, paramIndex(spec), draws.values, d * draws.stride, ForwardResult.for(alt));
  let s = 0;
  for (let t = 0; t < fd.T; t++) s += r.channels[c * fd.T + t];
  return s;
}

describe('ROAS and marginal ROAS', () => {
  const { spec, fd, theta } = mixedModel();
  const draws = jitteredDraws(spec, theta, 6, 0.2, 5);
  const dec = decompose(fd, spec, draws);

  it('marginal ROAS equals a central finite difference of the forward pass (every adstock/saturation pair)', () => {
    const eps = 1e-5;
    for (let c = 0; c < 3; c++) {
      const mroas = marginalRoasDraws(dec, c);
      for (let d = 0; d < draws.n; d++) {
        const fdSlope = (totalAt(fd, spec, draws, d, c, 1 + eps) - totalAt(fd, spec, draws, d, c, 1 - eps)) / (2 * eps * dec.spendTotal[c]);
        expect(Math.abs(mroas[d] - fdSlope) / Math.abs(fdSlope)).toBeLessThan(1e-6);
      }
    }
  });

  it('ROAS is the window total over window spend; response curves agree at m = 0, 1 and in slope', () => {
    const m = [0, 1 - 1e-5, 1, 1 + 1e-5];
    const resp = responseDraws(fd, spec, draws, m).totals;
    for (let c = 0; c < 3; c++) {
      const roas = roasDraws(dec, c);
      const mroas = marginalRoasDraws(dec, c);
      for (let d = 0; d < draws.n; d++) {
        const direct = totalAt(fd, spec, draws, d, c, 1);
        expect(roas[d] * dec.spendTotal[c]).toBeCloseTo(direct, 6);
        expect(resp[c][d * 4 + 0]).toBe(0);
        expect(resp[c][d * 4 + 2] / direct).toBeCloseTo(1, 12);
        const slope = (resp[c][d * 4 + 3] - resp[c][d * 4 + 1]) / 2e-5 / dec.spendTotal[c];
        expect(Math.abs(slope / mroas[d] - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it('ROAS on mmm_example.csv with the TRUTH.md parameters is the documented in-window ROAS', () => {
    const data = datasetFromCsv(SHARED('data/pymc-marketing/mmm_example.csv'), { date: 'date_week', target: 'y', channels: ['x1', 'x2'], controls: [] });
    const s = defaultModelSpec(data, { l_max: 8, fourier_order: 0 });
    const yMax = data.target.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const xm = data.channels.map((c) => c.spend.reduce((m, v) => Math.max(m, v), 0));
    const th = paramVector(s, {
      intercept: 0,
      'adstock_alpha[x1]': 0.4,
      'adstock_alpha[x2]': 0.2,
      'saturation_lam[x1]': 4 * xm[0],
      'saturation_lam[x2]': 3 * xm[1],
      'saturation_beta[x1]': 3000 / yMax,
      'saturation_beta[x2]': 2000 / yMax,
      y_sigma: 0.03,
    });
    const r = channelRoas(decompose(ok(forwardDataFromDataset(data, s)), s, drawMatrix(s, th)));
    expect(r[0].roas.mean).toBeCloseTo(4967.8, 1);
    expect(r[1].roas.mean).toBeCloseTo(2274.9, 1);
    expect(r[0].spend).toBeCloseTo(55.3256, 4);
    // One draw: the interval collapses onto the value.
    expect(r[0].roas.q05).toBe(r[0].roas.q95);
    expect(r[0].roas.sd).toBeNull(); // one draw: no sd
  });
});

describe('contribution decomposition and the sum check', () => {
  const { spec, fd, data, theta } = mixedModel(21);
  const draws = jitteredDraws(spec, theta, 200, 0.05, 7);

  it('components close onto mu per draw, and the sum check reports the relative error against observed y', () => {
    const dec = decompose(fd, spec, draws, { maxDrawsOverTime: 50 });
    const s = contributionSummary(dec, data.target.values);
    expect(s.sum_check.closure_error).toBeLessThan(1e-12);
    // Independent: posterior mean of Σ_t mu_t from forwardMu, against Σ y.
    const mu = forwardMu(fd, spec, draws);
    const meanTotal = mu.reduce((a, v) => a + v, 0) / draws.n;
    const obs = data.target.values.reduce((a, v) => a + v, 0);
    expect(s.sum_check.observed_total).toBeCloseTo(obs, 6);
    expect(s.sum_check.relative_error).toBeCloseTo(Math.abs(meanTotal - obs) / Math.abs(obs), 12);
    expect(s.sum_check.within_2_percent).toBe(s.sum_check.relative_error <= 0.02);
    // Data drawn from the model with draws near the truth: the error is noise-sized.
    expect(s.sum_check.within_2_percent).toBe(true);
    // Shares of media: their means sum to 1; base + media means sum to the components total.
    const shares = s.channels.reduce((a, c) => a + c.share_of_media.mean!, 0);
    expect(shares).toBeCloseTo(1, 12);
    expect(s.base.total.mean! + s.media_total.mean!).toBeCloseTo(s.sum_check.components_total, 4);
    // Over time: the mean media path sums to the mean media total over the kept draws.
    expect(dec.overTime.mu.mean.length).toBe(fd.T);
    for (let t = 0; t < fd.T; t++) {
      expect(dec.overTime.mu.q05[t]).toBeLessThanOrEqual(dec.overTime.mu.q50[t]);
      expect(dec.overTime.mu.q50[t]).toBeLessThanOrEqual(dec.overTime.mu.q95[t]);
    }
  });

  it('a model that misses 5% of the level fails the 2% check', () => {
    const shifted = Float64Array.from(draws.values);
    const obs = data.target.values.reduce((a, v) => a + v, 0);
    const idx = paramIndex(spec);
    for (let d = 0; d < draws.n; d++) shifted[d * draws.stride + idx.intercept] -= (0.05 * obs) / fd.T / fd.targetMaxAbs;
    const s = contributionSummary(decompose(fd, spec, drawMatrix(spec, shifted)), data.target.values);
    expect(s.sum_check.within_2_percent).toBe(false);
    expect(s.sum_check.relative_error).toBeGreaterThan(0.03);
  });
});

describe('response curves, adstock kernels, saturation flags', () => {
  it('Kneedle finds the analytic knee of 1 - exp(-kx) on [0, 2]', () => {
    // Normalised difference curve peaks where dy_n/dx_n = 1: x* = ln(2k / (1 - e^{-2k})) / k.
    for (const k of [1, 2, 4]) {
      const x = Array.from({ length: 2001 }, (_, i) => i / 1000);
      const y = x.map((v) => 1 - Math.exp(-k * v));
      const expected = Math.log((2 * k) / (1 - Math.exp(-2 * k))) / k;
      expect(Math.abs(kneedle(x, y).x! - expected)).toBeLessThanOrEqual(1e-3);
    }
    const lin = Array.from({ length: 41 }, (_, i) => i / 20);
    expect(kneedle(lin, lin).x).toBeNull();
    // Barely curved (difference peak below S·Δx = 1/40): no knee.
    expect(kneedle(lin, lin.map((v) => v - 0.02 * v * v)).x).toBeNull();
  });

  it('kernel estimates of one draw are the weights; a saturated channel is flagged and a linear one is not', () => {
    const { spec, fd, theta } = mixedModel(31);
    const one = drawMatrix(spec, theta);
    const k = adstockKernels(spec, one)[0];
    const alpha = theta[paramIndex(spec).channels[0].alpha];
    const norm = (1 - alpha ** 8) / (1 - alpha);
    k.weights.forEach((w, l) => expect(w.mean).toBeCloseTo(alpha ** l / norm, 14));
    // tv: make it deeply saturated; social: nearly linear (tiny lam).
    const th = Float64Array.from(theta);
    const idx = paramIndex(spec);
    th[idx.channels[0].saturationLam] = 20;
    th[idx.channels[2].saturationLam] = 0.01;
    const draws = drawMatrix(spec, th);
    const flags = saturationFlags(channelRoas(decompose(fd, spec, draws)), responseCurves(fd, spec, draws));
    expect(flags[0].flagged).toBe(true);
    expect(flags[0].below_threshold).toBe(true);
    expect(flags[0].past_elbow).toBe(true);
    expect(flags[2].flagged).toBe(false);
    expect(flags[2].marginal_to_average!).toBeGreaterThan(0.95);
    expect(flags[2].elbow_multiplier).toBeNull();
  });
});

describe('the response curve’s elbow: where the slope has fallen to half its steepest', () => {
  const grid = Array.from({ length: 61 }, (_, i) => i / 20);

  it('1 − e^{−km}: steepest at 0, half slope at ln 2 / k', () => {
    for (const k of [1, 2, 4]) expect(Math.abs(halfSlopeElbow(grid, grid.map((m) => 1 - Math.exp(-k * m)))! - Math.log(2) / k)).toBeLessThan(0.01);
  });

  it('Hill m²/(m² + 1): steepest at 1/√3, half slope after it where the analytic derivative halves (bisection)', () => {
    const d = (m: number) => (2 * m) / (m * m + 1) ** 2;
    const top = d(1 / Math.sqrt(3));
    let [lo, hi] = [1 / Math.sqrt(3), 3];
    for (let i = 0; i < 60; i++) [lo, hi] = d((lo + hi) / 2) > top / 2 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    expect(Math.abs(halfSlopeElbow(grid, grid.map((m) => (m * m) / (m * m + 1)))! - lo)).toBeLessThan(0.01);
  });

  it('a straight line, or a curve whose slope never halves on the range, has no elbow', () => {
    expect(halfSlopeElbow(grid, grid)).toBeNull();
    expect(halfSlopeElbow(grid, grid.map((m) => 1 - Math.exp(-0.2 * m)))).toBeNull();
    expect(halfSlopeElbow(grid, grid.map(() => 5))).toBeNull();
  });

  it('a mildly concave channel (the next unit returns 82% of the first) is not flagged; Kneedle on 0–2× put its knee below 1×', () => {
    const k = 0.2;
    const y = grid.map((m) => 1000 * (1 - Math.exp(-k * m)));
    const est = (v: number) => ({ mean: v, sd: 0, q05: v, q50: v, q95: v });
    // ROAS and marginal ROAS at 1× for spend 100: average C(1)/100, marginal C'(1)/100.
    const roas: ChannelRoas = { channel: 'tv', spend: 100, roas: est(y[20] / 100), marginal_roas: est((1000 * k * Math.exp(-k)) / 100) } as ChannelRoas;
    const curve: ResponseCurve = { channel: 'tv', multipliers: grid, spend_per_period: grid, contribution: [], mean: y, draws_used: 1 };
    const [flag] = saturationFlags([roas], [curve]);
    expect(flag.marginal_to_average!).toBeGreaterThan(0.9);
    expect(flag.past_elbow).toBe(false);
    expect(flag.flagged).toBe(false);
    // The old rule: Kneedle on the 0–2× window finds a knee at ln(2k / (1 − e^{−2k})) / k < 1.
    const win = grid.slice(0, 41);
    expect(kneedle(win, y.slice(0, 41)).x!).toBeLessThan(1);
  });

  it('a deeply saturated channel is past its elbow, at the analytic ln 2 / k', () => {
    const k = 3;
    const y = grid.map((m) => 1000 * (1 - Math.exp(-k * m)));
    const est = (v: number) => ({ mean: v, sd: 0, q05: v, q50: v, q95: v });
    const roas = { channel: 'tv', spend: 100, roas: est(y[20] / 100), marginal_roas: est((1000 * k * Math.exp(-k)) / 100) } as ChannelRoas;
    const [flag] = saturationFlags([roas], [{ channel: 'tv', multipliers: grid, spend_per_period: grid, contribution: [], mean: y, draws_used: 1 }]);
    expect(flag.past_elbow).toBe(true);
    expect(Math.abs(flag.elbow_multiplier! - Math.log(2) / k)).toBeLessThan(0.01);
    expect(flag.reasons.join(' ')).toMatch(/elbow at 0\.2[34]× current spend, where the next unit of spend returns half what it does where the curve is steepest/);
  });
});
