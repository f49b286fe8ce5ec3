// Chart titles and Plotly's mode bar: the bar (≈ 260 px wide at the top right) covered every
// chart title on a phone ("Observed y and posterior predictive" under the camera and zoom
// icons). titleUnderModebar says when a centred title reaches under it, from its longest line.
import { describe, expect, it } from 'vitest';
import { MODEBAR, safeFigure, titleUnderModebar } from '../../src/app/lib/plot-text';

const FONT = 17;
const charW = 0.55 * FONT;

describe('a title the mode bar would cover goes below it', () => {
  it('on a phone (340 px of chart) every title does', () => {
    const { layout } = safeFigure([], { title: { text: 'Observed y and posterior predictive' } }, 340, FONT);
    expect(titleUnderModebar(layout, 340, FONT)).toBe(true);
    expect(titleUnderModebar({ title: { text: 'Fit' } }, 340, FONT)).toBe(true); // 340/2 + 9 > 340 − 260
  });

  it('on a desktop only a title wider than the room left of the bar, mirrored', () => {
    const w = 1138;
    // Centred: its right end is at w/2 + n·charW/2; the bar starts at w − 260.
    const fits = Math.floor((2 * (w / 2 - MODEBAR.width)) / charW);
    expect(titleUnderModebar({ title: { text: 'x'.repeat(fits) } }, w, FONT)).toBe(false);
    expect(titleUnderModebar({ title: { text: 'x'.repeat(fits + 1) } }, w, FONT)).toBe(true);
    expect(titleUnderModebar({ title: { text: 'Observed y and posterior predictive' } }, w, FONT)).toBe(false);
  });

  it('measures the longest wrapped line, an escaped character as one', () => {
    const w = 1138;
    const fits = Math.floor((2 * (w / 2 - MODEBAR.width)) / charW);
    expect(titleUnderModebar({ title: { text: `${'a'.repeat(fits)}<br>${'b'.repeat(10)}` } }, w, FONT)).toBe(false);
    expect(titleUnderModebar({ title: { text: `${'&lt;'.repeat(fits)}` } }, w, FONT)).toBe(false);
    expect(titleUnderModebar({}, w, FONT)).toBe(false);
  });
});
