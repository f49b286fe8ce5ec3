import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import type { Dataset } from '../../src/core/types';
import { automaticBlockLength, movingBlockResample } from '../../src/ridge/bootstrap';
import { runRidge } from '../../src/ridge/run';
import type { RidgeOptions, RidgeResult } from '../../src/ridge/types';

function ar1(n: number, phi: number, rng: Rng): Float64Array {
  let e = 0;
  return Float64Array.from({ length: n }, () => (e = phi * e + rng.normal()));
}

describe('moving-block resampling', () => {
  const e = Float64Array.from({ length: 50 }, (_, t) => t); // values = positions, so blocks are visible

  it('lays out contiguous blocks of length L cut at T', () => {
    const out = new Float64Array(50);
    movingBlockResample(e, 7, new Rng(3), out);
    for (let start = 0; start < 50; start += 7) {
      for (let t = start + 1; t < Math.min(start + 7, 50); t++) expect(out[t]).toBe(out[t - 1] + 1);
      expect(out[start]).toBeLessThanOrEqual(50 - 7);
    }
  });

  it('L = 1 draws single residuals; same seed, same resample', () => {
    const a = new Float64Array(50);
    const b = new Float64Array(50);
    movingBlockResample(e, 1, new Rng(9), a);
    movingBlockResample(e, 1, new Rng(9), b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Set(a).size).toBeLessThan(50); // with replacement: repeats are (almost surely) there
  });
});

describe('Politis–White block length', () => {
  it('is 1 (i.i.d.) for white noise', () => {
    expect(automaticBlockLength(ar1(5000, 0, new Rng(1)))).toBeLessThanOrEqual(2);
  });

  it('approaches the AR(1) optimum (2G²/D)^(1/3) n^(1/3) on a long series', () => {
    // For AR(1): g(0) ∝ (1 + φ)/(1 − φ), G ∝ 2φ/(1 − φ)², D = (4/3) g(0)².
    const phi = 0.6;
    const n = 20000;
    const g0 = (1 + phi) / (1 - phi);
    const G = (2 * phi) / (1 - phi) ** 2;
    const b = Math.pow((2 * G * G) / ((4 / 3) * g0 * g0), 1 / 3) * Math.cbrt(n);
    const got = automaticBlockLength(ar1(n, phi, new Rng(2)));
    expect(Math.abs(got / b - 1)).toBeLessThan(0.25);
  });
});

describe('bootstrap interval coverage with autocorrelated media and errors', () => {
  // Monte Carlo oracle: flighted spend, geometric adstock 0.6, AR(1) errors with φ = 0.6 — the
  // situation a weekly MMM is in. The true contribution is known; count how often the 90%
  // interval holds it. i.i.d. residual resampling ignores the dependence and under-covers.
  it('block resampling covers far better than i.i.d. resampling and near the nominal 90%', () => {
    const T = 156;
    const rng = new Rng(123);
    const dates = Array.from({ length: T }, (_, t) => new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10));
    let on = 1;
    const spend = Float64Array.from({ length: T }, () => {
      if (rng.uniform() < 0.15) on = 1 - on;
      return on * (500 + 500 * rng.uniform());
    });
    const max = Math.max(...spend);
    const w = Array.from({ length: 8 }, (_, l) => 0.6 ** l);
    const ws = w.reduce((a, b) => a + b, 0);
    const sat = Array.from({ length: T }, (_, t) => {
      let a = 0;
      for (let l = 0; l <= Math.min(7, t); l++) a += (w[l] * spend[t - l]) / max;
      a /= ws;
      return a / (a + 0.5);
    });
    const truth = 20 * sat.reduce((a, b) => a + b, 0);
    const base: RidgeOptions = {
      seed: 0,
      channels: { c: { ranges: { adstock_alpha: [0.6, 0.6], saturation_kappa: [0.5, 0.5], saturation_slope: [1, 1] } } },
      lambda: [0, 0],
      fourier_order: 0,
      trend: false,
      intercept_non_negative: false,
    };
    const N = 100;
    let block = 0;
    let iid = 0;
    for (let s = 0; s < N; s++) {
      const noise = ar1(T, 0.6, rng);
      const y = Float64Array.from(sat, (v, t) => 100 + 20 * v + 2 * noise[t]);
      const data: Dataset = { name: 'sim', dates, grain: 'week', target: { name: 'y', values: y }, channels: [{ name: 'c', spend }], controls: [], imputed: [], fingerprint: '' };
      const hit = (o: RidgeOptions) => {
        const r = runRidge(data, o) as RidgeResult;
        const e = r.channels.c.contribution;
        return e.q05! <= truth && truth <= e.q95! ? 1 : 0;
      };
      block += hit({ ...base, seed: s, bootstrap: { replicates: 199 } });
      iid += hit({ ...base, seed: s, bootstrap: { replicates: 199, method: 'residual' } });
    }
    expect(block / N).toBeGreaterThan(0.7);
    expect(block / N - iid / N).toBeGreaterThan(0.1);
  });
});
