// The calibration panel's plots: the x range keeps the test and the posterior readable whatever
// the prior's width (focusRange: properties over random intervals), and each test's figure draws
// exactly the panel's numbers — the prior, the posterior, the test's Δy ± 1.645σ — with the band
// Δy ± 2σ that the flag is about, and names the verdict in its title.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WIDTH_RATIO, focusRange, type Interval } from '../../../src/app/calibration/focus-range';
import { FLAG_Z, Z90, edgeArrow, liftFigure, liftTitle } from '../../../src/app/calibration/lift-figure';
import type { PanelTest } from '../../../src/app/calibration/panel';
import { roasFigure } from '../../../src/app/calibration/roas-figure';
import { labelProblems } from '../../../src/app/lib/plot-spec';
import type { Estimate } from '../../../src/core/types';

const est = (mean: number, q05: number, q95: number): Estimate => ({ mean, sd: (q95 - q05) / (2 * Z90), q05, q50: mean, q95 });

// dev_workspace_hill's radio test and a short fit's numbers (Calibration view, seed 7).
const radio: PanelTest = {
  label: 'radio 2023-02-27..2023-04-23',
  channel: 'radio',
  x: 25_000,
  delta_x: 3150,
  delta_y: 3775,
  sigma: 566,
  test_roas: 3775 / 3150,
  prior_lift: est(105_200, 7677, 273_700),
  posterior_lift: est(3692, 2761, 4510),
  z: (3692 - 3775) / 566,
  disagrees: false,
  via: 'likelihood',
};

/** Spacing of doubles near x (IEEE 754 binary64): 2^(e−52) for a normal x, rounded up here to
 *  ε·|x|; a fixed 2^−1074 (Number.MIN_VALUE) below 2^−1022, where the doubles are subnormal. */
const ulp = (x: number) => Math.max(Number.EPSILON * Math.abs(x), Number.MIN_VALUE);

const interval = fc
  .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }))
  .map(([lo, w]): Interval => ({ lo, hi: lo + w }));

describe('focusRange', () => {
  it('contains every focus interval, and the focus fills at least 1/MAX_WIDTH_RATIO of the range before padding', () => {
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 4 }), fc.array(interval, { maxLength: 4 }), (focus, context) => {
        const { range } = focusRange(focus, context);
        const lo = Math.min(...focus.map((i) => i.lo));
        const hi = Math.max(...focus.map((i) => i.hi));
        expect(range[0]).toBeLessThanOrEqual(lo);
        expect(range[1]).toBeGreaterThanOrEqual(hi);
        // Rounding: the range's ends carry errors of a few ulps of their magnitude, which is
        // large relative to the width when a narrow interval sits far from 0 (fast-check found
        // a width of 3e-60 at 2.7e-51), or when the width is a few subnormal steps (fast-check
        // found [0, 1.5e-323]: the pad, 6% of 9 steps of 4.9e-324, rounds to a whole step, 11%).
        const mag = Math.max(Math.abs(lo), Math.abs(hi), Math.abs(range[0]), Math.abs(range[1]));
        const rounding = (8 * ulp(mag)) / (hi - lo);
        if (hi > lo) expect((hi - lo) / ((range[1] - range[0]) / 1.12)).toBeGreaterThanOrEqual(1 / MAX_WIDTH_RATIO - 1e-9 - rounding);
      }),
      // The cases fast-check found, run every time: far from 0, and a few subnormal steps wide.
      {
        examples: [
          [[{ lo: 2.7e-51, hi: 2.7e-51 + 3e-60 }], [{ lo: -1, hi: 1 }]],
          [[{ lo: 0, hi: 1.5e-323 }], [{ lo: -1.5e-323, hi: 3e-323 }]],
        ],
      },
    );
    // Subnormal: before the pad the range is exactly [−3, 6] steps, 3 focus widths; the pad, 0.54
    // of a step, is one step at each end.
    const step = Number.MIN_VALUE;
    expect(focusRange([{ lo: 0, hi: 3 * step }], [{ lo: -3 * step, hi: 6 * step }]).range).toEqual([-4 * step, 7 * step]);
  });

  it('takes in a context that fits and flags exactly the ends outside the range', () => {
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 3 }), fc.array(interval, { maxLength: 4 }), (focus, context) => {
        const { range, clipped } = focusRange(focus, context);
        context.forEach((c, i) => {
          expect(clipped[i]).toEqual({ lo: c.lo < range[0], hi: c.hi > range[1] });
        });
      }),
    );
    // A prior of the focus's own width beside it is drawn in full; one 50× wider is clipped on the side it runs to.
    expect(focusRange([{ lo: 10, hi: 20 }], [{ lo: 5, hi: 15 }]).clipped).toEqual([{ lo: false, hi: false }]);
    const wide = focusRange([{ lo: 10, hi: 20 }], [{ lo: 12, hi: 500 }]);
    expect(wide.clipped).toEqual([{ lo: false, hi: true }]);
    // Focus 10 wide, reach (3 − 1)/2 · 10 = 10 to the right: [10, 30], padded by 6% of 20.
    expect(wide.range[0]).toBeCloseTo(10 - 1.2, 12);
    expect(wide.range[1]).toBeCloseTo(30 + 1.2, 12);
  });

  it('edgeArrow: an arrow only for an interval wholly beyond the range, on the side it lies', () => {
    const r: [number, number] = [0, 10];
    expect(edgeArrow(est(5, 1, 20), r, 0)).toEqual([]);
    expect(edgeArrow(est(15, 12, 20), r, 0).map((a) => [a.x, Math.sign(a.ax as number)])).toEqual([[10, -1]]);
    expect(edgeArrow(est(-15, -20, -12), r, 0).map((a) => [a.x, Math.sign(a.ax as number)])).toEqual([[0, 1]]);
  });

  it('a focus of one point still gets a range around it', () => {
    const { range } = focusRange([{ lo: 5000, hi: 5000 }], []);
    expect(range[0]).toBeLessThan(5000);
    expect(range[1]).toBeGreaterThan(5000);
  });
});

describe('liftFigure', () => {
  const f = liftFigure(radio, 'revenue');
  const traces = f.data as Array<{ name: string; x: number[]; y: number[]; error_x: { array: number[]; arrayminus: number[] } }>;
  const ends = (name: string) => {
    const t = traces.find((d) => d.name === name)!;
    return [t.x[0] - t.error_x.arrayminus[0], t.x[0], t.x[0] + t.error_x.array[0]];
  };

  it('draws the prior, the posterior and the test with their 90% intervals, one row each', () => {
    expect(traces.map((t) => [t.name, t.y[0]])).toEqual([['Prior', 0], ['Posterior', 1], ['Lift test', 2]]);
    expect(ends('Prior')).toEqual([7677, 105_200, 273_700].map((v) => expect.closeTo(v, 6)));
    expect(ends('Posterior')).toEqual([2761, 3692, 4510].map((v) => expect.closeTo(v, 6)));
    expect(ends('Lift test')).toEqual([3775 - Z90 * 566, 3775, 3775 + Z90 * 566].map((v) => expect.closeTo(v, 6)));
    expect(labelProblems(f.data, f.layout)).toEqual([]);
  });

  it('shades Δy ± 2σ and keeps it and the posterior in view; the 28× wider prior is clipped with its numbers at the edge', () => {
    const band = (f.layout.shapes as Array<{ x0: number; x1: number }>)[0];
    expect([band.x0, band.x1]).toEqual([3775 - FLAG_Z * 566, 3775 + FLAG_Z * 566]);
    const range = f.layout.xaxis!.range as [number, number];
    expect(range[0]).toBeLessThanOrEqual(Math.min(band.x0, 2761));
    expect(range[1]).toBeGreaterThanOrEqual(Math.max(band.x1, 4510));
    expect(range[1]).toBeLessThan(273_700);
    const notes = f.layout.annotations as Array<{ text: string; x: number; y: number; ax?: number }>;
    expect(notes[0].text).toBe('prior 105.2k [7677, 273.7k] →');
    expect(notes[0].x).toBe(range[1]);
    // All of the prior lies beyond the range here (7677 > the range's end): an arrow at the right edge on its row.
    expect(range[1]).toBeLessThan(7677);
    expect(notes.slice(1).map((a) => [a.x, a.y, Math.sign(a.ax!)])).toEqual([[range[1], 0, -1]]);
  });

  it('the title names the test and the verdict, ⚠ when |z| > 2', () => {
    expect(liftTitle(radio)).toBe('radio 2023-02-27..2023-04-23: agrees, z = −0.15');
    const wrong = { ...radio, label: 'radio wrong', z: -3.4, disagrees: true };
    expect(liftTitle(wrong)).toBe('⚠ radio wrong: disagrees, z = −3.40');
    expect(liftTitle({ ...radio, via: 'roas_prior' })).toMatch(/^radio 2023-02-27\.\.2023-04-23 \(as a ROAS prior\): agrees/);
    expect(liftTitle({ ...radio, z: null })).toMatch(/agreement unknown$/);
  });

  it('a test that measured no lift (Δy = 0) is drawn on its own scale, not divided by', () => {
    const none = liftFigure({ ...radio, delta_y: 0, sigma: 400, z: 3692 / 400, disagrees: true }, 'revenue');
    const range = none.layout.xaxis!.range as [number, number];
    expect(range[0]).toBeLessThanOrEqual(-800);
    expect(range[1]).toBeGreaterThanOrEqual(4510);
    expect(range.every(Number.isFinite)).toBe(true);
  });
});

describe('roasFigure', () => {
  it('centres on the posteriors; each clipped prior keeps its numbers', () => {
    const f = roasFigure([
      { label: 'tv', prior: est(8.56, 0.55, 24.47), posterior: est(1.32, 1.05, 1.6) },
      { label: 'radio', prior: est(43.05, 2.81, 121), posterior: est(1.27, 0.92, 1.69) },
    ]);
    const range = f.layout.xaxis!.range as [number, number];
    expect(range[0]).toBeLessThanOrEqual(0.92);
    expect(range[1]).toBeGreaterThanOrEqual(1.69);
    expect(range[1]).toBeLessThan(3);
    const notes = f.layout.annotations as Array<{ text: string; y: number }>;
    // tv's prior runs through the range (its bar is drawn to the edge); radio's starts beyond it: an arrow on its row too.
    expect(notes.map((a) => a.text)).toEqual(['prior 8.56 [0.55, 24.47] →', 'prior 43.05 [2.81, 121] →', '']);
    expect(notes[2].y).toBe(notes[1].y);
    expect(range[1]).toBeLessThan(2.81);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
  });
});
