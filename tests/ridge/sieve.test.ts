// The sieve bootstrap's parts (src/ridge/sieve.ts) against analytic answers: Yule–Walker/AIC
// recovers a known AR, the step-down's innovation share is the AR's Var u / Var e, resampled
// series have the fitted autocovariance, and the regression calibration undoes what a
// least-squares fit does to its residuals (the T/(T − p) variance loss; the downward bias of
// the autocorrelation).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { calibrateSieve, fitArAic, innovationShare, maxArOrder, sieveResample, sieveBurnIn, type ArFit } from '../../src/ridge/sieve';

function arSeries(n: number, phi: number[], rng: Rng, burn = 200): Float64Array {
  const x = new Float64Array(n + burn);
  for (let t = 0; t < n + burn; t++) {
    let v = rng.normal();
    phi.forEach((f, j) => t > j && (v += f * x[t - j - 1]));
    x[t] = v;
  }
  return x.slice(burn);
}

function acf(x: ArrayLike<number>, k: number): number {
  const n = x.length;
  let m = 0;
  for (let t = 0; t < n; t++) m += x[t];
  m /= n;
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) den += (x[t] - m) ** 2;
  for (let t = k; t < n; t++) num += (x[t] - m) * (x[t - k] - m);
  return num / den;
}

const variance = (x: ArrayLike<number>) => {
  let m = 0;
  for (let t = 0; t < x.length; t++) m += x[t];
  m /= x.length;
  let s = 0;
  for (let t = 0; t < x.length; t++) s += (x[t] - m) ** 2;
  return s / x.length;
};

describe('Yule–Walker AR fit with AIC order', () => {
  it('recovers an AR(2) on a long series (within 4 asymptotic standard errors)', () => {
    const n = 20000;
    const fit = fitArAic(arSeries(n, [0.5, -0.3], new Rng(1)));
    expect(fit.phi.length).toBeGreaterThanOrEqual(2);
    // Asymptotic sd of the Yule–Walker estimates of an AR(2): sqrt((1 − φ2²)/n) (Brockwell & Davis §8.2).
    const se = Math.sqrt((1 - 0.09) / n);
    expect(Math.abs(fit.phi[0] - 0.5)).toBeLessThan(4 * se);
    expect(Math.abs(fit.phi[1] + 0.3)).toBeLessThan(4 * se);
    for (let j = 2; j < fit.phi.length; j++) expect(Math.abs(fit.phi[j])).toBeLessThan(4 / Math.sqrt(n));
    // Innovations of the true model are the unit-variance shocks; mean 0 by construction.
    expect(variance(fit.innovations)).toBeCloseTo(1, 1);
    expect(fit.innovations.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 8);
  });

  it('white noise gets order 0 (the i.i.d. bootstrap) and a constant series no AR at all', () => {
    expect(fitArAic(arSeries(5000, [], new Rng(2))).phi.length).toBe(0);
    expect(fitArAic(new Float64Array(50).fill(3)).phi.length).toBe(0);
  });

  it("tries orders up to R ar()'s default, min(T − 1, ⌊10 log10 T⌋)", () => {
    expect(maxArOrder(156)).toBe(21);
    expect(maxArOrder(10)).toBe(9);
    expect(maxArOrder(1000)).toBe(30);
  });
});

describe('innovation share (step-down recursion)', () => {
  it('is 1 − φ² for an AR(1) and the closed form for an AR(2); 0 when not causal', () => {
    expect(innovationShare([0.6])).toBeCloseTo(0.64, 14);
    // AR(2): γ0 = σ²(1 − φ2) / ((1 + φ2)((1 − φ2)² − φ1²)) (Brockwell & Davis, Example 3.3.5).
    const [a, b] = [0.5, -0.3];
    expect(innovationShare([a, b])).toBeCloseTo(((1 + b) * ((1 - b) ** 2 - a * a)) / (1 - b), 14);
    expect(innovationShare([])).toBe(1);
    expect(innovationShare([1.2])).toBe(0);
    expect(innovationShare([0.5, 0.6])).toBe(0); // φ1 + φ2 > 1: a root inside the unit circle
  });
});

describe('sieve resampling', () => {
  const fit: ArFit = { phi: Float64Array.of(0.6), innovations: Float64Array.from(arSeries(400, [], new Rng(3))) };

  it('regenerates the AR: lag-1 autocorrelation φ and variance Var u / (1 − φ²), over many series', () => {
    const m = fit.innovations.reduce((s, v) => s + v, 0) / 400;
    const vu = fit.innovations.reduce((s, v) => s + (v - m) ** 2, 0) / 400;
    const T = 200;
    const out = new Float64Array(T);
    const work = new Float64Array(sieveBurnIn(1) + T);
    const rng = new Rng(4);
    let r1 = 0;
    let v = 0;
    const R = 400;
    for (let b = 0; b < R; b++) {
      sieveResample(fit, rng, out, work);
      r1 += acf(out, 1) / R;
      for (let t = 0; t < T; t++) v += out[t] * out[t];
    }
    v /= R * T;
    // Sample lag-1 autocorrelation of T = 200 has bias ≈ −(1 + 4φ)/T (Kendall 1954): compare with it.
    expect(Math.abs(r1 - (0.6 - (1 + 4 * 0.6) / T))).toBeLessThan(0.01);
    expect(Math.abs(v / (vu / 0.64) - 1)).toBeLessThan(0.05);
  });

  it('same seed, same series', () => {
    const a = new Float64Array(50);
    const b = new Float64Array(50);
    const w = new Float64Array(sieveBurnIn(1) + 50);
    sieveResample(fit, new Rng(9), a, w);
    sieveResample(fit, new Rng(9), b, w);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('calibration for the regression', () => {
  // Least-squares residuals on an intercept and k smooth columns: e = (I − H)ε.
  function projector(T: number, k: number, rng: Rng) {
    const cols: Float64Array[] = [Float64Array.from({ length: T }, () => 1)];
    for (let j = 0; j < k; j++) cols.push(arSeries(T, [0.9], rng));
    // Gram–Schmidt: an orthonormal basis Q of the columns; (I − H)e = e − Q Qᵀ e.
    const Q: Float64Array[] = [];
    for (const c of cols) {
      const q = Float64Array.from(c);
      for (const u of Q) {
        const d = u.reduce((s, v, t) => s + v * q[t], 0);
        for (let t = 0; t < T; t++) q[t] -= d * u[t];
      }
      const norm = Math.sqrt(q.reduce((s, v) => s + v * v, 0));
      Q.push(Float64Array.from(q, (v) => v / norm));
    }
    return (e: ArrayLike<number>, out: Float64Array) => {
      for (let t = 0; t < T; t++) out[t] = e[t];
      for (const u of Q) {
        let d = 0;
        for (let t = 0; t < T; t++) d += u[t] * out[t];
        for (let t = 0; t < T; t++) out[t] -= d * u[t];
      }
    };
  }

  it('i.i.d. noise: the regenerated noise has the variance of ε, not the residuals’ (T − p)/T of it', () => {
    const T = 40;
    const k = 7; // p = 8 with the intercept: residual variance (T − p)/T = 0.8 of Var ε
    const rng = new Rng(5);
    const resid = projector(T, k, rng);
    let ratio = 0;
    const R = 300;
    const e = new Float64Array(T);
    for (let r = 0; r < R; r++) {
      resid(arSeries(T, [], rng), e);
      const fit = calibrateSieve({ phi: new Float64Array(0), innovations: Float64Array.from(e) }, e, resid, rng, 100);
      // Regenerated variance over the residuals' variance.
      ratio += variance(fit.innovations) / variance(e) / R;
    }
    expect(Math.abs(ratio - T / (T - k - 1))).toBeLessThan(0.02);
  });

  it('AR(1) noise behind smooth regressors: the corrected φ is unbiased where the residuals’ φ̂ is not', () => {
    const T = 100;
    const phi = 0.6;
    const rng = new Rng(6);
    const resid = projector(T, 3, rng);
    const R = 300;
    let raw = 0;
    let corrected = 0;
    let sq = 0;
    const e = new Float64Array(T);
    for (let r = 0; r < R; r++) {
      resid(arSeries(T, [phi], rng), e);
      const fit = fitArAic(e, 1); // order fixed at the truth, to compare coefficients
      const cal = calibrateSieve(fit, e, resid, rng, 100);
      raw += (fit.phi[0] ?? 0) / R;
      corrected += (cal.phi[0] ?? 0) / R;
      sq += (cal.phi[0] ?? 0) ** 2 / R;
    }
    const se = Math.sqrt((sq - corrected * corrected) / R);
    expect(phi - raw).toBeGreaterThan(10 * se); // the residuals' AR is clearly biased down
    expect(Math.abs(corrected - phi)).toBeLessThan(3 * se + 0.01);
  });
});
