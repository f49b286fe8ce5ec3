// Bars of a waterfall of total contributions: each component starts where the previous
// ended, with its own 90% interval as an error bar around its end (the interval of that
// component alone, not of the running sum).
import type { Estimate } from '../../core/types';

export interface WaterfallBar {
  label: string;
  kind: 'base' | 'media' | 'total';
  base: number;
  height: number;
  /** Interval of the component, as offsets from the bar's end (for plotly's error_y). */
  errPlus: number;
  errMinus: number;
}

export function waterfallBars(parts: Array<{ label: string; kind: 'base' | 'media'; e: Estimate }>, total: { label: string; e: Estimate }): WaterfallBar[] {
  let run = 0;
  const bars: WaterfallBar[] = [];
  for (const p of parts) {
    const m = p.e.mean ?? 0;
    bars.push({
      label: p.label,
      kind: p.kind,
      base: run,
      height: m,
      errPlus: p.e.q95 !== null ? p.e.q95 - m : 0,
      errMinus: p.e.q05 !== null ? m - p.e.q05 : 0,
    });
    run += m;
  }
  const tm = total.e.mean ?? run;
  bars.push({
    label: total.label,
    kind: 'total',
    base: 0,
    height: tm,
    errPlus: total.e.q95 !== null ? total.e.q95 - tm : 0,
    errMinus: total.e.q05 !== null ? tm - total.e.q05 : 0,
  });
  return bars;
}
