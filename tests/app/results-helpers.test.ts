// Results helpers against brute force and definitions: per-period bands, coverage, the
// waterfall's running sums, ETA, and the plot label check.
import { describe, expect, it } from 'vitest';
import { coverage, periodBands } from '../../src/app/results/bands';
import { contributionWaterfall, TOTAL_LABEL, waterfallBars } from '../../src/app/results/waterfall';
import { etaSeconds, formatDuration } from '../../src/app/fit/eta';
import { labelProblems } from '../../src/app/lib/plot-spec';
import { num } from '../../src/app/results/format';

describe('periodBands', () => {
  it('pools chains and draws per period', () => {
    // 2 chains × 50 draws × 3 periods: values k, 10k, -k for k = 0..99.
    const arr = [0, 1].map((c) => Array.from({ length: 50 }, (_, d) => [c * 50 + d, 10 * (c * 50 + d), -(c * 50 + d)]));
    const b = periodBands(arr);
    expect(b.mean).toEqual([49.5, 495, -49.5]);
    // type-7 quantiles of 0..99: q_p = 99p
    expect(b.q05[0]).toBeCloseTo(4.95, 12);
    expect(b.q25[1]).toBeCloseTo(247.5, 9);
    expect(b.q75[2]).toBeCloseTo(-24.75, 12);
    expect(b.q95[0]).toBeCloseTo(94.05, 12);
  });

  it('coverage counts observations inside the band', () => {
    expect(coverage([1, 5, 9, 3], [0, 0, 0, 4], [2, 6, 8, 5])).toBe(0.5);
  });
});

describe('waterfallBars', () => {
  it('stacks components and keeps each interval around its own bar', () => {
    const e = (mean: number, q05: number, q95: number) => ({ mean, sd: null, q05, q50: mean, q95 });
    const bars = waterfallBars(
      [
        { label: 'base', kind: 'base', e: e(100, 90, 120) },
        { label: 'tv', kind: 'media', e: e(30, 10, 40) },
        { label: 'promo', kind: 'base', e: e(-5, -8, -1) },
      ],
      { label: 'total', e: e(125, 110, 140) },
    );
    expect(bars.map((b) => [b.base, b.height])).toEqual([
      [0, 100],
      [100, 30],
      [130, -5],
      [0, 125],
    ]);
    expect(bars[1]).toMatchObject({ errPlus: 10, errMinus: 20, text: '30.00 [10.00, 40.00]' });
    expect(bars[2]).toMatchObject({ errPlus: 4, errMinus: 3 });
    // The total carries its own interval (issue 3: the waterfall with uncertainty).
    expect(bars[3]).toMatchObject({ kind: 'total', errPlus: 15, errMinus: 15, text: '125 [110, 140]' });
  });

  it("the studio's waterfall ends with the model total and its interval; equal names stay apart", () => {
    const e = (mean: number, q05: number, q95: number) => ({ mean, sd: null, q05, q50: mean, q95 });
    const bars = contributionWaterfall({
      contributions: {
        channels: [{ channel: 'Intercept', spend: 1, contribution: e(30, 20, 45), share_of_media: e(1, 1, 1) }],
        base: { intercept: e(100, 95, 104), seasonality: e(-2, -4, 1), controls: { promo: e(7, 5, 9) }, total: e(105, 99, 110) },
        media_total: e(30, 20, 45),
        media_share_of_target: e(0.2, 0.1, 0.3),
        sum_check: { observed_total: 134, components_total: 135, relative_error: 1 / 134, within_2_percent: true, closure_error: 0 },
      },
      total: e(135, 122, 149),
    });
    expect(bars.map((b) => b.label)).toEqual(['Intercept', 'Seasonality', 'promo', 'Intercept (2)', TOTAL_LABEL]);
    expect(bars.map((b) => b.kind)).toEqual(['base', 'base', 'base', 'media', 'total']);
    const total = bars[4];
    expect([total.base, total.height, total.base + total.height + total.errPlus, total.base + total.height - total.errMinus]).toEqual([0, 135, 149, 122]);
    // Running sums: each bar starts where the previous ended.
    expect(bars.slice(0, 4).map((b) => b.base)).toEqual([0, 100, 98, 105]);
  });
});

describe('eta', () => {
  const p = { chain: 0, phase: 'warmup' as const, total: 2000, divergences: 0, step_size: 0.1 };
  it('extrapolates the pace so far', () => {
    expect(etaSeconds({ ...p, iteration: 500, elapsed_ms: 10_000 })).toBe(30);
    expect(etaSeconds({ ...p, iteration: 2, elapsed_ms: 100 })).toBeNull();
    expect(etaSeconds({ ...p, phase: 'done', iteration: 2000, elapsed_ms: 1 })).toBe(0);
  });
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('estimating…');
    expect(formatDuration(0.2)).toBe('< 1 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(7260)).toBe('2 h 1 min');
  });
});

describe('labelProblems', () => {
  const t = (text: string) => ({ text });
  it('needs a title and a title on every axis the traces use', () => {
    expect(labelProblems([{ type: 'scatter', x: [1], y: [1] }], { title: t('T'), xaxis: { title: t('x') }, yaxis: { title: t('y') } })).toEqual([]);
    expect(labelProblems([{ type: 'bar', x: [1], y: [1] }], { xaxis: { title: t('x') } })).toEqual(['no title', 'no yaxis title']);
    expect(labelProblems([{ type: 'scatter', x: [1], y: [1], yaxis: 'y2' }], { title: t('T'), xaxis: { title: t('x') }, yaxis: { title: t('y') } })).toEqual([
      'no yaxis2 title',
    ]);
    expect(labelProblems([{ type: 'pie', values: [1] }], { title: t('Shares') })).toEqual([]);
  });
});

describe('num (results number text)', () => {
  it('an interval end just under 1 reads as its neighbours do, not as "1.0"', () => {
    expect(num(0.9951)).toBe('1.00');
    expect(num(1.52)).toBe('1.52');
    expect(num(0.994)).toBe('0.99');
    expect(num(0.047)).toBe('0.047');
    expect(num(-0.9999)).toBe('-1.00');
    expect(num(null)).toBe('—');
  });
});
