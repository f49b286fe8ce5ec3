// Current against optimal spend per period for each channel (issue 5's allocation chart),
// with the channel's allowed range drawn behind the bars so a binding bound is visible.
import { html, type SafeHtml } from '../html';
import { fmtAmount } from '../format';
import { chart } from './frame';
import { px } from './scale';

export interface AllocationRow {
  channel: string;
  current: number;
  optimal: number;
  min: number | null;
  max: number | null;
}

export function allocationChart(id: string, rows: AllocationRow[], unit: string): SafeHtml {
  const values = rows.flatMap((r) => [r.current, r.optimal, r.min ?? 0, r.max ?? 0]).filter(Number.isFinite);
  const rowH = 34;
  const margin = { top: 28, right: 24, bottom: 44, left: 170 };
  return chart(
    {
      id,
      kind: 'allocation',
      title: `Spend per ${unit}: current (upper bar, grey) and optimal (lower bar, blue); shaded: allowed range`,
      width: 1000,
      height: margin.top + margin.bottom + rowH * rows.length,
      margin,
      x: { kind: 'linear', title: `Spend per ${unit}`, min: 0, max: Math.max(...values) },
      y: { kind: 'category', title: 'Channel', labels: rows.map((r) => r.channel) },
      description: `For each channel, the current spend per ${unit} and the optimised plan's spend per ${unit}, over the allowed range.`,
    },
    (f) =>
      rows.map((r, i) => {
        const cy = f.band(i);
        const h = f.bandHeight * 0.3;
        const lo = f.x.map(r.min ?? 0);
        const hi = f.x.map(r.max ?? f.x.domain[1]);
        const bar = (v: number, y: number, cls: string, label: string) =>
          html`<rect class="${cls}" x="${px(f.x.map(0))}" y="${px(y)}" width="${px(Math.max(1, f.x.map(v) - f.x.map(0)))}" height="${px(h)}"><title>${r.channel}: ${label} ${fmtAmount(v)}</title></rect>`;
        return html`<g class="alloc"><rect class="range" x="${px(lo)}" y="${px(cy - f.bandHeight * 0.42)}" width="${px(Math.max(1, hi - lo))}" height="${px(f.bandHeight * 0.84)}"><title>${r.channel}: allowed ${fmtAmount(r.min ?? 0)} to ${r.max === null ? 'no maximum' : fmtAmount(r.max)}</title></rect>${bar(r.current, cy - h - 1, 'bar current', 'current')}${bar(r.optimal, cy + 1, 'bar optimal', 'optimal')}</g>`;
      }),
  );
}
