// The frame every report chart is drawn in: an inline <svg> with a visible title, axes with
// tick labels, and axis titles (issue 5: every chart has a title and axis labels). Charts
// only draw their marks; the frame does the rest, so no chart can ship without labels.
import { html, joinHtml, type SafeHtml } from '../html';
import { fmtTick } from '../format';
import { linearScale, niceTicks, px, type LinearScale, type Ticks } from './scale';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LinearAxis {
  kind: 'linear';
  title: string;
  /** Data range to cover (widened to nice ticks). */
  min: number;
  max: number;
  ticks?: number;
  /** false: the axis spans exactly [min, max] with the nice ticks inside it (default: widened to whole ticks). */
  nice?: boolean;
  format?: (v: number, step: number) => string;
}

export interface CategoryAxis {
  kind: 'category';
  title: string;
  labels: string[];
}

export interface FrameSpec {
  /** Unique within the document: ids of the title and description elements derive from it. */
  id: string;
  kind: string;
  title: string;
  width: number;
  height: number;
  margin: Margin;
  x: LinearAxis;
  y: LinearAxis | CategoryAxis;
  /** One sentence for screen readers (what the chart shows). */
  description: string;
  compact?: boolean;
}

export interface Frame {
  x: LinearScale;
  /** For a linear y axis; for a category axis `band` maps an index to its row centre. */
  y: LinearScale;
  band: (i: number) => number;
  bandHeight: number;
  xTicks: Ticks;
  plot: { left: number; right: number; top: number; bottom: number };
}

const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** Nice ticks; with `nice: false` the range stays [min, max] and only ticks inside it are kept. */
export function axisTicks(a: LinearAxis, count: number): Ticks {
  const t = niceTicks(a.min, a.max, a.ticks ?? count);
  if (a.nice !== false || !(a.max > a.min)) return t;
  const eps = t.step * 1e-9;
  return { lo: a.min, hi: a.max, step: t.step, values: t.values.filter((v) => v >= a.min - eps && v <= a.max + eps) };
}

export function layoutFrame(spec: FrameSpec): Frame {
  const { width, height, margin } = spec;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const xTicks = axisTicks(spec.x, 6);
  const x = linearScale([xTicks.lo, xTicks.hi], [plot.left, plot.right]);
  let y = linearScale([0, 1], [plot.bottom, plot.top]);
  let bandHeight = 0;
  let band = (_: number) => 0;
  if (spec.y.kind === 'linear') {
    const t = axisTicks(spec.y, 5);
    y = linearScale([t.lo, t.hi], [plot.bottom, plot.top]);
  } else {
    const n = Math.max(1, spec.y.labels.length);
    bandHeight = (plot.bottom - plot.top) / n;
    band = (i) => plot.top + (i + 0.5) * bandHeight;
  }
  return { x, y, band, bandHeight, xTicks, plot };
}

function xAxis(spec: FrameSpec, f: Frame): SafeHtml {
  const fmt = spec.x.format ?? fmtTick;
  const { plot } = f;
  const [tickDy, titleDy] = spec.compact ? [11, 24] : [14, 32];
  const ticks = f.xTicks.values.map((v) => {
    const X = px(f.x.map(v));
    return html`<line class="grid" x1="${X}" x2="${X}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/><text class="tick" x="${X}" y="${px(plot.bottom + tickDy)}" text-anchor="middle">${fmt(v, f.xTicks.step)}</text>`;
  });
  const mid = px((plot.left + plot.right) / 2);
  return html`<g class="axis x-axis">${ticks}<line class="axis-line" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}"/><text class="axis-title" x="${mid}" y="${px(plot.bottom + titleDy)}" text-anchor="middle">${spec.x.title}</text></g>`;
}

function yAxis(spec: FrameSpec, f: Frame): SafeHtml {
  const { plot } = f;
  const mid = (plot.top + plot.bottom) / 2;
  const titleX = spec.compact ? 10 : 12;
  const title = html`<text class="axis-title" transform="translate(${px(titleX)} ${px(mid)}) rotate(-90)" text-anchor="middle">${spec.y.title}</text>`;
  if (spec.y.kind === 'category') {
    const labels = spec.y.labels.map((l, i) => html`<text class="tick category" x="${px(plot.left - 6)}" y="${px(f.band(i) + 4)}" text-anchor="end"><title>${l}</title>${truncate(l, 24)}</text>`);
    return html`<g class="axis y-axis">${labels}<line class="axis-line" x1="${px(plot.left)}" x2="${px(plot.left)}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/>${title}</g>`;
  }
  const fmt = spec.y.format ?? fmtTick;
  const t = axisTicks(spec.y, 5);
  const ticks = t.values.map((v) => {
    const Y = px(f.y.map(v));
    return html`<line class="grid" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${Y}" y2="${Y}"/><text class="tick" x="${px(plot.left - 5)}" y="${px(f.y.map(v) + 4)}" text-anchor="end">${fmt(v, t.step)}</text>`;
  });
  return html`<g class="axis y-axis">${ticks}<line class="axis-line" x1="${px(plot.left)}" x2="${px(plot.left)}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/>${title}</g>`;
}

/** The finished chart: title, description, axes, then the marks drawn by `draw`. */
export function chart(spec: FrameSpec, draw: (f: Frame) => SafeHtml | SafeHtml[]): SafeHtml {
  const f = layoutFrame(spec);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  const marks = draw(f);
  const titleY = spec.compact ? 13 : 17;
  return html`<svg class="chart ${spec.compact ? 'compact' : ''}" data-chart="${spec.kind}" viewBox="0 0 ${spec.width} ${spec.height}" width="${spec.width}" height="${spec.height}" role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${spec.title}</title><desc id="${descId}">${spec.description}</desc><text class="chart-title" x="${spec.compact ? 4 : 8}" y="${titleY}">${spec.title}</text>${xAxis(spec, f)}${yAxis(spec, f)}<g class="marks">${joinHtml(Array.isArray(marks) ? marks : [marks])}</g></svg>`;
}
