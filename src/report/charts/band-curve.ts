// A curve with credible bands: the posterior mean as a line over a 50% and a 90% band
// (MODEL.md §5 response curves "with 50%/90% bands"), and a dashed marker at current spend.
// Used for each channel's response curve and its marginal ROAS curve.
import type { BandEstimate } from '../../analysis/estimate';
import { html, type SafeHtml } from '../html';
import { chart, type Frame } from './frame';
import { px } from './scale';

export interface BandCurveInput {
  id: string;
  kind: string;
  title: string;
  xTitle: string;
  yTitle: string;
  description: string;
  x: number[];
  bands: BandEstimate[];
  /** x of the current-spend marker. */
  marker?: { x: number; label: string };
}

type Key = 'q05' | 'q25' | 'q50' | 'q75' | 'q95' | 'mean';

/** Points (x, band[key]) with a finite value, as SVG coordinates. */
function points(f: Frame, xs: number[], bands: BandEstimate[], key: Key): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  xs.forEach((x, i) => {
    const v = bands[i]?.[key];
    if (v !== null && v !== undefined && Number.isFinite(v)) out.push([f.x.map(x), f.y.map(v)]);
  });
  return out;
}

const line = (pts: Array<[number, number]>) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x)} ${px(y)}`).join('');

/** Closed polygon between two curves (upper left to right, lower right to left). */
function area(upper: Array<[number, number]>, lower: Array<[number, number]>): string {
  if (upper.length < 2 || lower.length < 2) return '';
  return line(upper) + lower.reverse().map(([x, y]) => `L${px(x)} ${px(y)}`).join('') + 'Z';
}

export function bandCurveChart(c: BandCurveInput): SafeHtml {
  const ys = c.bands.flatMap((b) => [b.q05, b.q95, b.mean]).filter((v): v is number => v !== null && Number.isFinite(v));
  const xs = c.x.filter(Number.isFinite);
  const margin = { top: 26, right: 14, bottom: 42, left: 58 };
  return chart(
    {
      id: c.id,
      kind: c.kind,
      title: c.title,
      width: 360,
      height: 230,
      margin,
      compact: true,
      x: { kind: 'linear', title: c.xTitle, min: Math.min(0, ...xs), max: Math.max(...xs), ticks: 4 },
      y: { kind: 'linear', title: c.yTitle, min: Math.min(0, ...ys), max: Math.max(...ys), ticks: 5 },
      description: c.description,
    },
    (f) => {
      const mean = points(f, c.x, c.bands, 'mean');
      const marker = c.marker
        ? html`<g class="current"><line class="marker-line" x1="${px(f.x.map(c.marker.x))}" x2="${px(f.x.map(c.marker.x))}" y1="${px(f.plot.top)}" y2="${px(f.plot.bottom)}"/><text class="note" x="${px(f.x.map(c.marker.x) + 3)}" y="${px(f.plot.top + 10)}">${c.marker.label}</text></g>`
        : '';
      return [
        html`<path class="band band90" d="${area(points(f, c.x, c.bands, 'q95'), points(f, c.x, c.bands, 'q05'))}"/>`,
        html`<path class="band band50" d="${area(points(f, c.x, c.bands, 'q75'), points(f, c.x, c.bands, 'q25'))}"/>`,
        html`<path class="mean-line" d="${line(mean)}"/>`,
        html`${marker}`,
      ];
    },
  );
}
