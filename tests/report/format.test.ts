// Number formatting: three significant digits, suffixes from ten thousand, one scale per
// estimate and its interval, nulls shown as n/a rather than NaN.
import { describe, expect, it } from 'vitest';
import { fmtAmount, fmtEst, fmtInterval, fmtNum, fmtPct, fmtRatio, fmtTick, pctOf } from '../../src/report/format';

describe('report number formatting', () => {
  it('quantities', () => {
    expect([0, 0.012345, 12.345, 999.4, 1234.5, 9999, 10_000, 27_049, 999_960, 1_234_567, 3.2e9, -45_678].map((x) => fmtNum(x))).toEqual([
      '0', '0.0123', '12.3', '999', '1,235', '9,999', '10k', '27k', '1M', '1.23M', '3.2B', '-45.7k',
    ]);
    expect([null, undefined, NaN, Infinity].map((x) => fmtNum(x))).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });

  it('an estimate and its interval share one scale', () => {
    const e = { mean: -10_600, sd: 500, q05: -11_500, q50: -10_600, q95: -9_348 };
    expect(fmtEst(e)).toBe('-10.6k (90% interval -11.5k to -9.35k)');
    expect(fmtInterval({ mean: 605, sd: 1, q05: -445, q50: 600, q95: 1_682 })).toBe('-445 to 1,682');
    expect(fmtEst({ mean: null, sd: null, q05: null, q50: null, q95: null })).toMatch(/n\/a/);
  });

  it('ratios, percentages, amounts and ticks', () => {
    expect([2.6612, 0.0369, 4886.87, -0.5].map(fmtRatio)).toEqual(['2.66', '0.0369', '4,887', '-0.50']);
    expect(fmtEst({ mean: 0.031, sd: 0, q05: 0.004, q50: 0.03, q95: 0.07 }, pctOf)).toBe('3.1% (90% interval 0.4% to 7.0%)');
    expect(fmtPct(0.97, 0)).toBe('97%');
    expect([7_544_926.64, 55.3, 0.0603].map(fmtAmount)).toEqual(['7,544,927', '55.3', '0.0603']);
    expect([0, 200_000, 0.25, 1_500].map((v, i) => fmtTick(v, [1, 200_000, 0.05, 500][i]))).toEqual(['0', '200k', '0.25', '1,500']);
  });
});
