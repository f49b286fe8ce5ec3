import { describe, expect, it } from 'vitest';
import { autocovariance, autocovarianceDirect } from '../../src/diagnostics/autocov';
import { averageRanks, median, quantile, splitChains } from '../../src/diagnostics/draws';
import { essBasic, essBulk, essTail, rhat, rhatBasic } from '../../src/diagnostics/index';
import { lgamma, pbeta, qbeta, qnorm } from '../../src/diagnostics/special';

describe('special functions', () => {
  it('qnorm matches tabulated normal quantiles to 1e-15', () => {
    // Values from R 4.2.2 qnorm (AS 241): sprintf('%.17g', qnorm(p)).
    const cases: Array<[number, number]> = [
      [0.975, 1.9599639845400536],
      [0.05, -1.6448536269514726],
      [0.3, -0.52440051270804067],
      [1e-10, -6.3613409024040557],
      [1 - 1e-12, 7.0344869100478356],
      [0.5, 0],
    ];
    for (const [p, z] of cases) expect(Math.abs(qnorm(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(1.5)).toBeNaN();
  });
  it('lgamma hits integer factorials', () => {
    let logFact = 0;
    for (let n = 1; n <= 170; n++) {
      expect(Math.abs(lgamma(n) - logFact)).toBeLessThan(1e-12 * Math.max(1, logFact));
      logFact += Math.log(n);
    }
    expect(Math.abs(lgamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
  });
  it('pbeta is the uniform and power CDFs in closed form, qbeta inverts it', () => {
    expect(pbeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(pbeta(0.3, 2, 1)).toBeCloseTo(0.09, 14); // x^a for b = 1
    expect(pbeta(0.3, 1, 3)).toBeCloseTo(1 - 0.7 ** 3, 14); // 1 − (1 − x)^b for a = 1
    for (const [a, b] of [[201, 3801], [3.5, 0.7], [50, 50]]) {
      for (const p of [0.1586553, 0.5, 0.8413447]) {
        const x = qbeta(p, a, b);
        expect(Math.abs(pbeta(x, a, b) - p)).toBeLessThan(1e-13);
      }
    }
  });
});

describe('draw kernels', () => {
  it('FFT autocovariance equals the direct sum at every lag', () => {
    let s = 1;
    const x = Float64Array.from({ length: 777 }, (_, i) => {
      s = (s * 16807) % 2147483647;
      return Math.sin(i / 7) + s / 2147483647;
    });
    const fft = autocovariance(x);
    const direct = autocovarianceDirect(x, x.length - 1);
    for (let k = 0; k < x.length; k++) expect(Math.abs(fft[k] - direct[k])).toBeLessThan(1e-13);
  });
  it('split drops the middle draw of odd-length chains as posterior does', () => {
    const [a, b] = splitChains([Float64Array.from([1, 2, 3, 4, 5])]);
    expect(Array.from(a)).toEqual([1, 2]);
    expect(Array.from(b)).toEqual([4, 5]);
  });
  it('ranks average ties; quantile is R type 7; median averages the middle pair', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30]))).toEqual([1.5, 3, 1.5, 4]);
    expect(quantile([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 15);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('edge cases return NaN (R: NA), never a fake number', () => {
  const constant = [new Float64Array(100).fill(2), new Float64Array(100).fill(2)];
  it('constant draws', () => {
    expect(rhat(constant)).toBeNaN();
    expect(rhatBasic(constant)).toBeNaN();
    expect(essBulk(constant)).toBeNaN();
    expect(essTail(constant)).toBeNaN();
  });
  it('non-finite draws and too-short chains', () => {
    const bad = [Float64Array.from([1, 2, NaN, 4, 5, 6]), Float64Array.from([1, 2, 3, 4, 5, 6])];
    expect(rhat(bad)).toBeNaN();
    expect(essBasic([Float64Array.from([1, 2, 3, 4])])).toBeNaN(); // 2 draws per split chain
  });
  it('a chain stuck far away gives a large R-hat', () => {
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
    const chains = [0, 0, 0, 5].map((shift) => Float64Array.from({ length: 500 }, () => shift + rnd()));
    expect(rhat(chains)).toBeGreaterThan(1.5);
    expect(essBulk(chains)).toBeLessThan(100);
  });
});
