// Contribution waterfall (issue 5): base (intercept), each control, seasonality and each
// channel as consecutive steps of the running total over the data window, each step's bar
// at its posterior mean and a whisker for its own 90% interval placed at the step's end
// (start + q05 .. start + q95); then the model total with its 90% interval and the
// observed total as a marker, so the sum check is visible.
import type { Estimate } from '../../core/types';
import { html, type SafeHtml } from '../html';
import { fmtEst, fmtQuantity } from '../format';
import { chart } from './frame';
import { px } from './scale';

export interface WaterfallStep {
  label: string;
  kind: 'base' | 'control' | 'seasonality' | 'channel';
  estimate: Estimate;
}

export interface WaterfallInput {
  id: string;
  target: string;
  steps: WaterfallStep[];
  total: Estimate;
  observedTotal: number;
}

interface Placed {
  label: string;
  cls: string;
  start: number;
  end: number;
  lo: number;
  hi: number;
  tip: string;
}

/** Running positions of every bar; a step without an estimate stays at its start, drawn hatched. */
export function placeSteps(steps: WaterfallStep[]): Placed[] {
  let run = 0;
  return steps.map((s) => {
    const m = s.estimate.mean ?? 0;
    const p: Placed = {
      label: s.label,
      cls: s.estimate.mean === null ? 'bar missing' : `bar ${s.kind}`,
      start: run,
      end: run + m,
      lo: run + (s.estimate.q05 ?? m),
      hi: run + (s.estimate.q95 ?? m),
      tip: `${s.label}: ${fmtEst(s.estimate)}`,
    };
    run += m;
    return p;
  });
}

export function waterfallChart(w: WaterfallInput): SafeHtml {
  const placed = placeSteps(w.steps);
  const t = w.total;
  placed.push({
    label: 'Model total',
    cls: 'bar total',
    start: 0,
    end: t.mean ?? 0,
    lo: t.q05 ?? t.mean ?? 0,
    hi: t.q95 ?? t.mean ?? 0,
    tip: `Model total: ${fmtEst(t)}; observed ${fmtQuantity(w.observedTotal)}`,
  });
  const values = placed.flatMap((p) => [p.start, p.end, p.lo, p.hi]).concat([0, w.observedTotal]).filter(Number.isFinite);
  const rowH = 24;
  const margin = { top: 28, right: 24, bottom: 44, left: 170 };
  return chart(
    {
      id: w.id,
      kind: 'waterfall',
      title: 'Contribution waterfall over the data window (bars: mean; whiskers: 90% interval)',
      width: 1000,
      height: margin.top + margin.bottom + rowH * placed.length,
      margin,
      x: { kind: 'linear', title: `Cumulative contribution to ${w.target}`, min: Math.min(...values), max: Math.max(...values) },
      y: { kind: 'category', title: 'Component', labels: placed.map((p) => p.label) },
      description: `Each bar adds one component's total contribution to ${w.target}; the last bar is the model's total, the marker the observed total.`,
    },
    (f) => {
      const h = f.bandHeight * 0.62;
      const marks = placed.map((p, i) => {
        const cy = f.band(i);
        const x0 = f.x.map(Math.min(p.start, p.end));
        const x1 = f.x.map(Math.max(p.start, p.end));
        const neg = p.end < p.start ? ' negative' : '';
        const link = i < placed.length - 1 ? html`<line class="connector" x1="${px(f.x.map(p.end))}" x2="${px(f.x.map(p.end))}" y1="${px(cy + h / 2)}" y2="${px(f.band(i + 1) - h / 2)}"/>` : '';
        return html`<g class="step"><title>${p.tip}</title><rect class="${p.cls + neg}" x="${px(x0)}" y="${px(cy - h / 2)}" width="${px(Math.max(1, x1 - x0))}" height="${px(h)}"/><line class="whisker" x1="${px(f.x.map(p.lo))}" x2="${px(f.x.map(p.hi))}" y1="${px(cy)}" y2="${px(cy)}"/><line class="whisker" x1="${px(f.x.map(p.lo))}" x2="${px(f.x.map(p.lo))}" y1="${px(cy - 4)}" y2="${px(cy + 4)}"/><line class="whisker" x1="${px(f.x.map(p.hi))}" x2="${px(f.x.map(p.hi))}" y1="${px(cy - 4)}" y2="${px(cy + 4)}"/></g>${link}`;
      });
      const ox = px(f.x.map(w.observedTotal));
      const last = f.band(placed.length - 1);
      const zero = px(f.x.map(0));
      return [
        html`<line class="zero" x1="${zero}" x2="${zero}" y1="${px(f.plot.top)}" y2="${px(f.plot.bottom)}"/>`,
        ...marks,
        html`<g class="observed"><title>Observed total ${fmtQuantity(w.observedTotal)}</title><path class="observed-marker" d="M${ox} ${px(last - 8)} l6 8 l-6 8 l-6 -8 z"/></g>`,
      ];
    },
  );
}
