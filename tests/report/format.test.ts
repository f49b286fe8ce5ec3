// Number formatting: outcome quantities as the Results step's num (each number on its own
// scale), parameters to significant digits, nulls shown as n/a rather than NaN.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { num } from '../../src/core/number-format';
import { estCell } from '../../src/report/cells';
import { fmtAmount, fmtCount, fmtDateTime, fmtEst, fmtInterval, fmtNum, fmtPct, fmtQuantity, fmtRatio, fmtTick, pctOf } from '../../src/report/format';

describe('report number formatting', () => {
  it('quantities', () => {
    expect([0, 0.012345, 12.345, 999.4, 1234.5, 9999, 10_000, 27_049, 999_960, 1_234_567, 3.2e9, -45_678].map((x) => fmtNum(x))).toEqual([
      '0', '0.0123', '12.3', '999', '1,235', '9,999', '10k', '27k', '1M', '1.23M', '3.2B', '-45.7k',
    ]);
    expect([null, undefined, NaN, Infinity].map((x) => fmtNum(x))).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });

  it('an estimate and its interval: each number on its own scale, as the Results step writes it', () => {
    // The colleague's case: a mean of -82,900 beside an interval reaching -1.2M read "-0.0829M".
    const e = { mean: -82_900, sd: 1, q05: -1_204_000, q50: -82_900, q95: 512 };
    expect(fmtEst(e)).toBe('-82.9k (90% interval -1.20M to 512)');
    expect(fmtEst({ mean: -10_600, sd: 500, q05: -11_500, q50: -10_600, q95: -9_348 })).toBe('-10.6k (90% interval -11.5k to -9348)');
    expect(fmtInterval({ mean: 605, sd: 1, q05: -445, q50: 600, q95: 1_682 })).toBe('-445 to 1682');
    expect(fmtEst({ mean: null, sd: null, q05: null, q50: null, q95: null })).toMatch(/n\/a/);
    expect(fmtEst({ mean: 3, sd: null, q05: null, q50: null, q95: 4 })).toBe('3.00 (90% interval n/a to 4.00)');
  });

  it('fmtQuantity is the studio\'s num wherever num has a number', () => {
    for (const x of [0, 0.0123, 0.5, 0.995, 12.345, 99.9, 100, 9_999, 10_000, -82_900, 999_960, 1_234_567, -3.2e9]) {
      expect(fmtQuantity(x)).toBe(num(x));
    }
    expect([null, undefined, NaN, -Infinity].map(fmtQuantity)).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });

  it('ratios, percentages, amounts and ticks', () => {
    expect([2.6612, 0.0369, 4886.87, -0.5].map(fmtRatio)).toEqual(['2.66', '0.0369', '4,887', '-0.50']);
    expect(fmtEst({ mean: 0.031, sd: 0, q05: 0.004, q50: 0.03, q95: 0.07 }, pctOf)).toBe('3.1% (90% interval 0.4% to 7.0%)');
    expect(fmtPct(0.97, 0)).toBe('97%');
    expect([7_544_926.64, 55.3, 0.0603].map(fmtAmount)).toEqual(['7,544,927', '55.3', '0.0603']);
    expect([0, 200_000, 0.25, 1_500].map((v, i) => fmtTick(v, [1, 200_000, 0.05, 500][i]))).toEqual(['0', '200k', '0.25', '1,500']);
  });

  it('counts (ESS) as whole numbers with grouping', () => {
    expect([90.271, 90.5, 0.4, 3911.6, 123_456.7].map(fmtCount)).toEqual(['90', '91', '0', '3,912', '123,457']);
    expect([null, undefined, NaN].map(fmtCount)).toEqual(['n/a', 'n/a', 'n/a']);
  });

  it('a timestamp as a UTC date-time that says so, the same in every time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        // The zone really changed (Node re-reads TZ): a local-time formatter would differ here.
        expect(new Date('2026-11-23T07:05:00Z').getHours()).toBe({ UTC: 7, 'Pacific/Auckland': 20, 'America/Los_Angeles': 23 }[tz]);
        expect(fmtDateTime('2026-11-23T07:05:59.999Z')).toBe('2026-11-23 07:05 UTC');
        // An offset stamp is the same instant: 20:05 in Auckland (UTC+13) is 07:05 UTC.
        expect(fmtDateTime('2026-11-23T20:05:00+13:00')).toBe('2026-11-23 07:05 UTC');
        // Crossing midnight and a year end back to UTC.
        expect(fmtDateTime('2027-01-01T05:30:00-08:00')).toBe('2027-01-01 13:30 UTC');
        expect(fmtDateTime('2027-01-01T00:30:00+01:00')).toBe('2026-12-31 23:30 UTC');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect([undefined, null, '', '  '].map(fmtDateTime)).toEqual(['not recorded', 'not recorded', 'not recorded', 'not recorded']);
    expect(fmtDateTime('last Tuesday-ish')).toBe('last Tuesday-ish');
  });
});

describe('estCell: an estimate in a table cell', () => {
  it('reads as fmtEst, with the interval in its own span (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true })), fc.double({ min: 0, max: 1e9, noNaN: true }), (mean, half) => {
        const e = { mean, sd: null, q05: mean === null ? null : mean - half, q50: mean, q95: mean === null ? null : mean + half };
        const cell = estCell(e).value;
        expect(cell.replace(/<\/?span[^>]*>/g, '')).toBe(fmtEst(e).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
        if (mean !== null) expect(cell).toMatch(/^\S+ <span class="ci">\(90% interval \S+ to \S+\)<\/span>$/);
      }),
    );
  });
});
