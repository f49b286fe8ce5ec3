// The MTA "models side by side" chart: on a phone (narrow) the bars run horizontally with the
// channels down the y axis and the chart grows with channels × models (120 bars were squeezed
// into ~280 px); the numbers drawn are the same in both layouts.
import { describe, expect, it } from 'vitest';
import { modelsFigure } from '../../../src/app/attribution/models-figure';
import type { ModelColumn } from '../../../src/app/attribution/views';

const channels = Array.from({ length: 12 }, (_, i) => `ch${i}`);
const models: ModelColumn[] = Array.from({ length: 10 }, (_, m) => ({
  key: `m${m}`,
  label: `Model ${m}`,
  conversions: Float64Array.from(channels, (_, c) => 100 * m + c),
  value: Float64Array.from(channels, (_, c) => 1000 * m + c),
}));

describe('credited conversions by model', () => {
  it('wide: channels along x, one vertical bar per model, fixed height', () => {
    const f = modelsFigure(channels, models, 'conversions', false);
    expect(f.height).toBe(420);
    expect(f.data.map((d) => (d as { x: unknown }).x)).toEqual(models.map(() => channels));
    expect(f.data.map((d) => (d as { y: number[] }).y)).toEqual(models.map((m) => Array.from(m.conversions)));
    expect((f.data[0] as { orientation?: string }).orientation).toBeUndefined();
  });

  it('narrow: horizontal bars, channels on y top-down, same numbers, at least 5 px per bar', () => {
    const f = modelsFigure(channels, models, 'value', true);
    expect(f.data.every((d) => (d as { orientation?: string }).orientation === 'h')).toBe(true);
    expect(f.data.map((d) => (d as { y: unknown }).y)).toEqual(models.map(() => channels));
    expect(f.data.map((d) => (d as { x: number[] }).x)).toEqual(models.map((m) => Array.from(m.value)));
    expect((f.layout.yaxis as { autorange?: unknown }).autorange).toBe('reversed');
    const m = f.layout.margin as { t: number; b: number };
    const plotPx = f.height - m.t - m.b;
    expect(plotPx / (channels.length * models.length)).toBeGreaterThanOrEqual(5);
    // Twice the channels: a taller chart, not thinner bars.
    expect(modelsFigure([...channels, ...channels], models, 'value', true).height).toBeGreaterThan(f.height);
  });
});
