// The "models side by side" chart: credited conversions (or value) per channel, one bar per
// model. On a wide screen channels run along x with the models grouped in each; on a phone
// that put 12 channels × 10 models = 120 bars into ~280 px (bars a pixel or two wide, a
// legend taller than the chart), so there the bars run horizontally, channels down the y
// axis, and the chart grows with the number of bars instead.
import type { Data, Layout } from 'plotly.js';
import { LEGEND_BELOW } from '../lib/legend';
import { formatInterval, type Metric, type ModelColumn } from './views';

/** Height of one bar in the phone layout, px (Plotly leaves a gap between groups: bargap 0.2). */
const BAR_PX = 5;
/** Room for the legend below a phone chart: one model per line, ~19 px each. */
const LEGEND_LINE_PX = 19;

export interface ModelsFigure {
  data: Partial<Data>[];
  layout: Partial<Layout>;
  height: number;
}

/** Asymmetric error bars from a model's 90% interval (Plotly's error_x / error_y, type 'data'). */
function errorBars(m: ModelColumn, metric: Metric): Record<string, unknown> {
  if (!m.interval) return {};
  const point = m[metric];
  const iv = m.interval[metric];
  const up = Array.from(point, (p, i) => (Number.isFinite(iv.hi[i]) ? Math.max(0, iv.hi[i] - p) : 0));
  const down = Array.from(point, (p, i) => (Number.isFinite(iv.lo[i]) ? Math.max(0, p - iv.lo[i]) : 0));
  return { type: 'data', symmetric: false, array: up, arrayminus: down, thickness: 1, width: 2 };
}

/** The hover's interval text per channel (" 90% [lo – hi]"), empty without one. */
function hoverIntervals(m: ModelColumn, metric: Metric): string[] {
  const iv = m.interval?.[metric];
  return Array.from(m[metric], (_, i) => {
    const text = iv ? formatInterval(iv.lo[i], iv.hi[i]) : '';
    return text ? ` · 90% ${text}` : '';
  });
}

export function modelsFigure(channels: string[], models: ModelColumn[], metric: Metric, narrow: boolean): ModelsFigure {
  const title = metric === 'conversions' ? 'Credited conversions by model' : 'Credited conversion value by model';
  const valueTitle = metric === 'conversions' ? 'Conversions' : 'Value';
  if (!narrow) {
    return {
      height: 420,
      data: models.map((m) => ({ type: 'bar', name: m.label, x: channels, y: Array.from(m[metric]), error_y: errorBars(m, metric), customdata: hoverIntervals(m, metric), hovertemplate: `%{x}<br>${m.label}: %{y:,.1f}%{customdata}<extra></extra>` })),
      layout: {
        title: { text: title },
        barmode: 'group',
        xaxis: { title: { text: 'Channel' }, automargin: true },
        yaxis: { title: { text: valueTitle }, rangemode: 'tozero' },
        legend: LEGEND_BELOW,
        margin: { t: 48, r: 16, b: 120, l: 64 },
      },
    };
  }
  const legend = LEGEND_LINE_PX * models.length + 30;
  return {
    height: 140 + legend + Math.max(1, channels.length) * Math.max(1, models.length) * BAR_PX / 0.8,
    data: models.map((m) => ({ type: 'bar', orientation: 'h', name: m.label, y: channels, x: Array.from(m[metric]), error_x: errorBars(m, metric), customdata: hoverIntervals(m, metric), hovertemplate: `%{y}<br>${m.label}: %{x:,.1f}%{customdata}<extra></extra>` })),
    layout: {
      title: { text: title },
      barmode: 'group',
      // The first channel at the top, as in the table below.
      yaxis: { title: { text: 'Channel' }, automargin: true, autorange: 'reversed' },
      xaxis: { title: { text: valueTitle }, rangemode: 'tozero' },
      legend: { ...LEGEND_BELOW, traceorder: 'normal' },
      margin: { t: 48, r: 16, b: 50 + legend, l: 64 },
    },
  };
}
