// The studio's axis defaults (src/app/lib/plot-axes.ts): automargin and a title standoff on
// every axis a figure leaves unset, and power-of-ten ticks (not SI prefixes such as "500µ")
// exactly on axes whose values are all below 0.01 in magnitude.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Data, Layout } from 'plotly.js';
import { axisMagnitude, maxMagnitude, SMALL_AXIS, TITLE_STANDOFF, withAxisDefaults as withDefaults } from '../../src/app/lib/plot-axes';

/** Figures as Plotly takes them at run time (its types do not allow a plain-string axis title). */
type Axes = Record<string, Record<string, unknown>>;
const withAxisDefaults = (data: unknown[], layout: Record<string, unknown>): Axes => withDefaults(data as Partial<Data>[], layout as Partial<Layout>) as unknown as Axes;

describe('axis defaults', () => {
  it('adds automargin and a standoff, keeping what the figure sets', () => {
    const l = withAxisDefaults([], {
      xaxis: { title: { text: 'Spend' } },
      yaxis: { title: { text: 'Channel', standoff: 30 } },
      yaxis2: { title: 'Plain string', automargin: false },
      yaxis3: { title: 'As string' },
    });
    expect(l.xaxis).toEqual({ title: { text: 'Spend', standoff: TITLE_STANDOFF }, automargin: true });
    expect(l.yaxis.title).toEqual({ text: 'Channel', standoff: 30 });
    // automargin off: a standoff would not move the margin, so none is added.
    expect(l.yaxis2).toEqual({ title: 'Plain string', automargin: false });
    expect(l.yaxis3.title).toEqual({ text: 'As string', standoff: TITLE_STANDOFF });
  });

  it('power ticks on an axis of small coefficients, default ticks on money', () => {
    const data = [
      { type: 'scatter' as const, x: [1, 2, 3], y: [0.0004, 0.0005, -0.0006] },
      { type: 'scatter' as const, x: [1, 2, 3], y: [1200, 5e6, 3], yaxis: 'y2' },
    ];
    const l = withAxisDefaults(data, { xaxis: { title: 'draw' }, yaxis: { title: 'β' }, yaxis2: { title: 'revenue' } });
    expect(l.yaxis.exponentformat).toBe('power');
    expect(l.yaxis2.exponentformat).toBeUndefined();
    expect(l.xaxis.exponentformat).toBeUndefined();
  });

  it('counts error bars and explicit ranges; leaves categories, dates, log axes and set formats alone', () => {
    const small = { type: 'scatter' as const, y: ['tv', 'radio'], x: [0.001, 0.002], error_x: { type: 'data' as const, array: [0.5, 0.1] } };
    const a = withAxisDefaults([small], { xaxis: { title: 'ROAS' }, yaxis: { title: 'Channel' } });
    expect(a.xaxis.exponentformat).toBeUndefined(); // the whiskers reach 0.502
    expect(a.yaxis.exponentformat).toBeUndefined(); // categories
    const r = withAxisDefaults([{ type: 'scatter', x: [5, 6], y: [1, 2] }], { xaxis: { title: 'x', range: [0, 0.005] }, yaxis: { title: 'y', tickformat: '.2f', range: [0, 0.001] } });
    expect(r.xaxis.exponentformat).toBe('power');
    expect(r.yaxis.exponentformat).toBeUndefined();
    const logged = withAxisDefaults([{ type: 'scatter', x: [1e-4, 1e-3], y: [1e-4, 1e-3] }], { xaxis: { title: 'x', type: 'log' }, yaxis: { title: 'y', exponentformat: 'e' } });
    expect(logged.xaxis.exponentformat).toBeUndefined();
    expect(logged.yaxis.exponentformat).toBe('e');
  });

  it('all-zero or empty axes keep the default (nothing to scale)', () => {
    const l = withAxisDefaults([{ type: 'scatter', x: [0, 0], y: [] }], { xaxis: { title: 'x' }, yaxis: { title: 'y' } });
    expect(l.xaxis.exponentformat).toBeUndefined();
    expect(l.yaxis.exponentformat).toBeUndefined();
  });

  it('maxMagnitude equals the brute-force max over plain and typed arrays (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: false }), { maxLength: 6 }), { maxLength: 5 }), (rows) => {
        const flat = rows.flat().filter(Number.isFinite).map(Math.abs);
        const want = flat.length ? Math.max(...flat) : -1;
        expect(maxMagnitude(rows)).toBe(want);
        expect(maxMagnitude(Float64Array.from(rows.flat()))).toBe(want);
      }),
    );
  });

  it('axisMagnitude reads only the traces on that axis', () => {
    const data = [
      { type: 'scatter' as const, x: [0.003], y: [1] },
      { type: 'scatter' as const, x: [400], y: [1], xaxis: 'x2' },
    ];
    expect(axisMagnitude(data as Partial<Data>[], 'xaxis', {})).toBe(0.003);
    expect(axisMagnitude(data as Partial<Data>[], 'xaxis2', {})).toBe(400);
    expect(axisMagnitude(data as Partial<Data>[], 'xaxis3', {})).toBe(-1);
    expect(0.003 < SMALL_AXIS && 400 > SMALL_AXIS).toBe(true);
  });
});
