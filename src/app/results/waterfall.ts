// Bars of a waterfall of total contributions: each component starts where the previous
// ended, with its own 90% interval as an error bar around its end (the interval of that
// component alone, not of the running sum); the last bar is the model's total with the
// interval of the total itself (issue 3: "waterfall of total contributions with
// uncertainty"; MODEL.md §5: every number with its interval).
import type { Estimate } from '../../core/types';
import type { RunAnalysis } from './analyse';
import { withInterval } from './format';

export interface WaterfallBar {
  label: string;
  kind: 'base' | 'media' | 'total';
  base: number;
  height: number;
  /** Interval of the component, as offsets from the bar's end (for plotly's error_y). */
  errPlus: number;
  errMinus: number;
  /** "mean [q05, q95]" for the hover label. */
  text: string;
}

const bar = (label: string, kind: WaterfallBar['kind'], base: number, e: Estimate, m: number): WaterfallBar => ({
  label,
  kind,
  base,
  height: m,
  errPlus: e.q95 !== null ? e.q95 - m : 0,
  errMinus: e.q05 !== null ? m - e.q05 : 0,
  text: withInterval(e),
});

export function waterfallBars(parts: Array<{ label: string; kind: 'base' | 'media'; e: Estimate }>, total: { label: string; e: Estimate }): WaterfallBar[] {
  let run = 0;
  const bars: WaterfallBar[] = [];
  for (const p of parts) {
    const m = p.e.mean ?? 0;
    bars.push(bar(p.label, p.kind, run, p.e, m));
    run += m;
  }
  bars.push(bar(total.label, 'total', 0, total.e, total.e.mean ?? run));
  return uniqueLabels(bars);
}

/**
 * Bars are categories on the x axis, and Plotly draws equal categories on one spot: a
 * control named like a fixed label ("Intercept") would hide a bar. Repeats get " (2)", ...
 */
function uniqueLabels(bars: WaterfallBar[]): WaterfallBar[] {
  const seen = new Set<string>();
  return bars.map((b) => {
    let label = b.label;
    for (let k = 2; seen.has(label); k++) label = `${b.label} (${k})`;
    seen.add(label);
    return label === b.label ? b : { ...b, label };
  });
}

export const TOTAL_LABEL = 'Total (model)';

/** The Results step's waterfall: intercept, seasonality, each control, each channel, then the total. */
export function contributionWaterfall(a: Pick<RunAnalysis, 'contributions' | 'total'>): WaterfallBar[] {
  const c = a.contributions;
  return waterfallBars(
    [
      { label: 'Intercept', kind: 'base', e: c.base.intercept },
      { label: 'Seasonality', kind: 'base', e: c.base.seasonality },
      ...Object.entries(c.base.controls).map(([k, e]) => ({ label: k, kind: 'base' as const, e })),
      ...c.channels.map((ch) => ({ label: ch.channel, kind: 'media' as const, e: ch.contribution })),
    ],
    { label: TOTAL_LABEL, e: a.total },
  );
}
