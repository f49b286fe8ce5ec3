// Forest plots (one row per label, each series a marker with its 90% interval) for the
// calibration panel and the with/without-MTA comparison. Rows sit at y = 0, 1, ... with the
// series offset within a row, so intervals that agree stay apart (categorical grouping did not
// offset the markers here). Legends sit below the plot, anchored to the container so they never
// cover the x-axis title at phone width — as the Diagnostics area's legendBelow
// (src/app/diagnostics/figures-sampler.ts).
import type { Estimate } from '../../core/types';
import { TITLE_STANDOFF } from '../lib/plot-axes';

export const LEGEND_BELOW = { orientation: 'h' as const, x: 0, xanchor: 'left' as const, y: 0, yanchor: 'bottom' as const, yref: 'container' as const };

export type MarkerSymbol = 'circle' | 'diamond' | 'square';

/** Offsets of n series within a row: spread over ±0.25, centred. */
export function rowOffsets(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? 0 : -0.25 + (0.5 * i) / (n - 1)));
}

/** One series: a marker at each finite mean with its q05–q95 as error bars; missing estimates are left out. */
export function forestTrace(name: string, es: ReadonlyArray<Estimate | null>, color: string, offset: number, symbol: MarkerSymbol = 'circle') {
  const kept = es.flatMap((e, i) => (e && e.mean !== null && e.q05 !== null && e.q95 !== null ? [{ e, i }] : []));
  return {
    type: 'scatter' as const,
    mode: 'markers' as const,
    name,
    y: kept.map(({ i }) => i + offset),
    x: kept.map(({ e }) => e.mean!),
    error_x: { type: 'data' as const, symmetric: false, array: kept.map(({ e }) => e.q95! - e.mean!), arrayminus: kept.map(({ e }) => e.mean! - e.q05!), color },
    marker: { size: 9, color, symbol },
  };
}

/**
 * The y axis of a forest plot: one tick per row label, first row on top. The title has an
 * explicit standoff: without one Plotly placed the rotated title a fixed distance from the
 * axis, on long row labels (test labels carry dates); with a standoff and automargin it pushes
 * the margin and sits beyond them (plotly.js layout reference, yaxis.title.standoff). Plot.svelte
 * gives every titled axis the same default (lib/plot-axes.ts); it is stated here as well so the
 * figure is right wherever it is drawn.
 */
export function forestYAxis(labels: readonly string[], title: string) {
  return { title: { text: title, standoff: TITLE_STANDOFF }, automargin: true, tickvals: labels.map((_, i) => i), ticktext: [...labels], zeroline: false, range: [labels.length - 0.5, -0.5] as [number, number] };
}

export const forestHeight = (rows: number) => Math.max(260, 120 + 70 * rows);
