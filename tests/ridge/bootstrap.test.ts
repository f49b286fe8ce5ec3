import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { automaticBlockLength, movingBlockResample } from '../../src/ridge/bootstrap';

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
