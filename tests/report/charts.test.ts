// The SVG charts: nice ticks (Heckbert) cover their range with 1/2/5×10^k steps; the
// waterfall's geometry is checked against its own arithmetic (each bar starts where the
// previous ended, widths are proportional to the means, the total bar spans the sum); every
// chart carries a title and both axis titles.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { niceTicks } from '../../src/report/charts/scale';
import { placeSteps, waterfallChart, type WaterfallStep } from '../../src/report/charts/waterfall';
import { bandCurveChart } from '../../src/report/charts/band-curve';
import { traceChart } from '../../src/report/charts/trace';
import { allocationChart } from '../../src/report/charts/allocation';

const est = (mean: number, half: number) => ({ mean, sd: half / 1.645, q05: mean - half, q50: mean, q95: mean + half });

/** Attributes of every element with the given tag and class, in document order. */
function elements(svg: string, tag: string, cls: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const m of svg.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, 'g'))) {
    const attrs = Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if ((attrs.class ?? '').split(' ').includes(cls)) out.push(attrs);
  }
  return out;
}

function labelled(svg: string): { title: string; axes: string[] } {
  const title = /<text class="chart-title"[^>]*>([^<]+)</.exec(svg)?.[1] ?? '';
  const axes = [...svg.matchAll(/<text class="axis-title"[^>]*>([^<]*)</g)].map((m) => m[1]);
  return { title, axes };
}

describe('niceTicks', () => {
  it('covers the range with evenly spaced 1, 2 or 5 × 10^k steps (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (lo, width) => {
        const hi = lo + width;
        fc.pre(hi > lo);
        const t = niceTicks(lo, hi, 5);
        expect(t.lo).toBeLessThanOrEqual(lo + 1e-9 * width);
        expect(t.hi).toBeGreaterThanOrEqual(hi - 1e-9 * width);
        const mant = t.step / 10 ** Math.floor(Math.log10(t.step) + 1e-12);
        expect([1, 2, 5, 10].some((m) => Math.abs(mant - m) < 1e-9)).toBe(true);
        expect(t.values.length).toBeGreaterThanOrEqual(2);
        expect(t.values.length).toBeLessThanOrEqual(12);
        for (let i = 1; i < t.values.length; i++) expect(t.values[i] - t.values[i - 1]).toBeCloseTo(t.step, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('widens a zero-width range instead of dividing by zero', () => {
    const t = niceTicks(5, 5);
    expect(t.lo).toBeLessThan(5);
    expect(t.hi).toBeGreaterThan(5);
  });
});

describe('waterfall', () => {
  const steps: WaterfallStep[] = [
    { label: 'Base (intercept)', kind: 'base', estimate: est(500, 40) },
    { label: 'price', kind: 'control', estimate: est(-120, 30) },
    { label: 'Seasonality', kind: 'seasonality', estimate: est(35, 5) },
    { label: 'tv', kind: 'channel', estimate: est(210, 60) },
    { label: 'search', kind: 'channel', estimate: est(90, 20) },
  ];

  it('places each step at the running total, whiskers at start + q05 .. start + q95', () => {
    const p = placeSteps(steps);
    expect(p.map((s) => s.end)).toEqual([500, 380, 415, 625, 715]);
    expect(p.map((s) => s.start)).toEqual([0, 500, 380, 415, 625]);
    expect(p[1].lo).toBe(500 - 150);
    expect(p[1].hi).toBe(500 - 90);
  });

  it('draws bars that chain end to start, proportional to the means, with the total spanning their sum', () => {
    const svg = waterfallChart({ id: 'w', target: 'revenue', steps, total: est(715, 80), observedTotal: 720 }).value;
    const bars = elements(svg, 'rect', 'bar').map((a) => ({ x: Number(a.x), w: Number(a.width) }));
    expect(bars).toHaveLength(steps.length + 1);
    const pxPerUnit = bars[0].w / 500;
    steps.forEach((s, i) => expect(bars[i].w).toBeCloseTo(Math.abs(s.estimate.mean!) * pxPerUnit, 1));
    // Base ends where price (negative) ends its leftward step: price's bar spans [380, 500].
    expect(bars[1].x + bars[1].w).toBeCloseTo(bars[0].x + bars[0].w, 1);
    expect(bars[2].x).toBeCloseTo(bars[1].x, 1);
    expect(bars[5].w).toBeCloseTo(715 * pxPerUnit, 1);
    expect(bars[5].x).toBeCloseTo(bars[0].x, 1);
    expect(elements(svg, 'rect', 'negative')).toHaveLength(1);
    expect(labelled(svg)).toEqual({ title: expect.stringMatching(/waterfall/i), axes: ['Cumulative contribution to revenue', 'Component'] });
  });

  it('shows a component that could not be estimated as missing, not as a NaN bar', () => {
    const svg = waterfallChart({ id: 'w', target: 'y', steps: [steps[0], { label: 'x', kind: 'channel', estimate: { mean: null, sd: null, q05: null, q50: null, q95: null } }], total: est(500, 1), observedTotal: 500 }).value;
    expect(svg).not.toMatch(/NaN|undefined/);
    expect(elements(svg, 'rect', 'missing')).toHaveLength(1);
  });
});

describe('every chart has a title and both axis titles, and no NaN', () => {
  const band = (m: number) => ({ ...est(m, m / 5), q25: m * 0.95, q75: m * 1.05 });
  const charts = {
    band: bandCurveChart({ id: 'b', kind: 'response', title: 'tv: response curve', xTitle: 'tv spend per week', yTitle: 'Contribution to y', description: 'd', x: [0, 1, 2], bands: [band(0), band(5), band(8)], marker: { x: 1, label: 'current' } }).value,
    trace: traceChart({ id: 't', parameter: 'adstock_alpha[tv]', draws: [0, 50, 99], chains: [[0.1, 0.2, 0.3], [0.2, NaN, 0.25]] }).value,
    allocation: allocationChart('a', [{ channel: 'tv', current: 10, optimal: 14, min: 5, max: 20 }], 'week').value,
  };
  for (const [name, svg] of Object.entries(charts))
    it(name, () => {
      const l = labelled(svg);
      expect(l.title.length).toBeGreaterThan(0);
      expect(l.axes).toHaveLength(2);
      l.axes.forEach((a) => expect(a.length).toBeGreaterThan(0));
      expect(svg).toMatch(/^<svg class="chart[^"]*" data-chart="[\w-]+" viewBox="[^"]+"[^>]*role="img" aria-labelledby="[^"]+"><title id=/);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    });

  it('a trace breaks its line at a non-finite draw instead of drawing to NaN', () => {
    const d = elements(charts.trace, 'path', 'chain-1')[0].d;
    expect(d.match(/M/g)).toHaveLength(2);
  });
});

describe('allocation chart: current and optimal told apart without colour (grey print)', () => {
  it('the title names each bar by position, and each channel’s current bar is drawn above its optimal bar', () => {
    const rows = [
      { channel: 'tv', current: 10, optimal: 14, min: 5, max: 20 },
      { channel: 'radio', current: 8, optimal: 4, min: 4, max: 16 },
    ];
    const svg = allocationChart('a', rows, 'week').value;
    expect(labelled(svg).title).toBe('Spend per week: current (upper bar, grey) and optimal (lower bar, blue); shaded: allowed range');
    const current = elements(svg, 'rect', 'current');
    const optimal = elements(svg, 'rect', 'optimal');
    expect(current).toHaveLength(2);
    rows.forEach((r, i) => {
      expect(Number(current[i].y) + Number(current[i].height)).toBeLessThanOrEqual(Number(optimal[i].y));
      // Widths in proportion to the spends (one scale for both bars).
      expect(Number(current[i].width) / Number(optimal[i].width)).toBeCloseTo(r.current / r.optimal, 2);
    });
  });
});
