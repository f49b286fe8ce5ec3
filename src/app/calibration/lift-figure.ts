// One small figure per lift test (PanelPlots.svelte lays them out in a grid): the prior, the
// posterior and the test's own 90% interval of the lift per period, on the test's own x axis in
// the target's units, with the band Δy ± 2σ shaded — a posterior mean outside it is what the
// panel flags (|z| > 2, src/calibration liftAgreement).
//
// Why one axis per test, in the target's units: tests on different channels differ by an order
// of magnitude (dev_workspace_hill: tv's lift 19.5k per week, radio's 3.8k) and on one shared
// axis the small test was unreadable. A relative scale (model lift / test lift) was the other
// candidate; it is undefined for a test that measured no lift (Δy ≈ 0, a common outcome) and
// flips for a negative one, and it loses the units the table next to the plots uses. The x
// range centres on the test and the posterior (focus-range.ts); a prior too wide for it is drawn
// to the edge with its numbers written there.
//
// Pure: tested in Node; the component only passes the figures to Plot.svelte.
import type { Annotation, Data, Layout } from 'plotly.js';
import type { Estimate } from '../../core/types';
import { withInterval } from '../results/format';
import { focusRange, type Interval } from './focus-range';
import type { PanelTest } from './panel';

export interface Figure {
  data: Partial<Data>[];
  layout: Partial<Layout>;
}

/** Two-sided 90% normal quantile: the test's 90% interval is Δy ± Z90·σ. */
export const Z90 = 1.6448536269514722;
/** The agreement threshold of the flag, in test sigmas (src/calibration liftAgreement). */
export const FLAG_Z = 2;
export const COLOURS = { prior: '#6e7781', posterior: '#0b5cad', test: '#e07b00' } as const;
export const ROWS = ['Prior', 'Posterior', 'Lift test'] as const;
export const LIFT_FIGURE_HEIGHT = 230;

/** The test's Δy with its 90% interval, as an Estimate (its sd is σ). */
export const testEstimate = (t: Pick<PanelTest, 'delta_y' | 'sigma'>): Estimate => ({
  mean: t.delta_y,
  sd: t.sigma,
  q05: t.delta_y - Z90 * t.sigma,
  q50: t.delta_y,
  q95: t.delta_y + Z90 * t.sigma,
});

const interval = (e: Estimate): Interval => ({ lo: e.q05 ?? NaN, hi: e.q95 ?? NaN });
const point = (v: number | null): Interval => ({ lo: v ?? NaN, hi: v ?? NaN });

/** "tv 2023-02-27..2023-04-23: agrees, z = −0.58" — with ⚠ first when the model disagrees. */
export function liftTitle(t: PanelTest): string {
  const via = t.via === 'roas_prior' ? ' (as a ROAS prior)' : '';
  if (t.z === null) return `${t.label}${via}: agreement unknown`;
  const z = t.z.toFixed(2).replace('-', '−');
  return t.disagrees ? `⚠ ${t.label}${via}: disagrees, z = ${z}` : `${t.label}${via}: agrees, z = ${z}`;
}

function row(name: (typeof ROWS)[number], e: Estimate, y: number, colour: string, symbol: string): Partial<Data> {
  const ok = e.mean !== null && e.q05 !== null && e.q95 !== null;
  return {
    type: 'scatter',
    mode: 'markers',
    name,
    showlegend: false,
    x: ok ? [e.mean!] : [],
    y: ok ? [y] : [],
    error_x: { type: 'data', symmetric: false, array: ok ? [e.q95! - e.mean!] : [], arrayminus: ok ? [e.mean! - e.q05!] : [], color: colour, thickness: 2, width: 6 },
    marker: { size: 10, color: colour, symbol },
    hovertext: [`${name}: ${withInterval(e)}`],
    hoverinfo: 'text',
  } as Partial<Data>;
}

/**
 * Text at the range's edge for a prior that runs past it: its mean and 90% interval, with an
 * arrow pointing the way it continues.
 */
export function clipNote(e: Estimate, clip: { lo: boolean; hi: boolean }, range: [number, number], y: number, what = 'prior'): Partial<Annotation> {
  const text = `${clip.lo ? '← ' : ''}${what} ${withInterval(e)}${clip.hi ? ' →' : ''}`;
  const right = clip.hi;
  return { x: right ? range[1] : range[0], xanchor: right ? ('right' as const) : ('left' as const), y, yshift: 13, text, showarrow: false, font: { size: 11, color: COLOURS.prior } };
}

/**
 * An arrow on row y at the range's edge, pointing the way an interval lies when all of it is
 * beyond the range: the row would otherwise be empty but for the note above it.
 */
export function edgeArrow(e: Estimate, range: [number, number], y: number): Partial<Annotation>[] {
  if (e.q05 === null || e.q95 === null) return [];
  const right = e.q05 > range[1];
  if (!right && e.q95 >= range[0]) return [];
  return [{ x: right ? range[1] : range[0], y, ax: right ? -22 : 22, ay: 0, text: '', showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 2, arrowcolor: COLOURS.prior }];
}

/** The figure of one test (see the file comment). */
export function liftFigure(t: PanelTest, target: string): Figure {
  const test = testEstimate(t);
  const band: Interval = { lo: t.delta_y - FLAG_Z * t.sigma, hi: t.delta_y + FLAG_Z * t.sigma };
  const { range, clipped } = focusRange([band, interval(t.posterior_lift), point(t.posterior_lift.mean)], [interval(t.prior_lift), point(t.prior_lift.mean)]);
  const clip = { lo: clipped[0].lo || clipped[1].lo, hi: clipped[0].hi || clipped[1].hi };
  return {
    data: [row('Prior', t.prior_lift, 0, COLOURS.prior, 'circle'), row('Posterior', t.posterior_lift, 1, COLOURS.posterior, 'circle'), row('Lift test', test, 2, COLOURS.test, 'diamond')],
    layout: {
      title: { text: liftTitle(t), font: { size: 14 } },
      xaxis: { title: { text: `Lift per period (${target})` }, range, zeroline: true },
      yaxis: { title: { text: '90% interval' }, tickvals: [0, 1, 2], ticktext: [...ROWS], range: [2.6, -0.6], zeroline: false, fixedrange: true },
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: band.lo, x1: band.hi, y0: 0, y1: 1, layer: 'below', line: { width: 0 }, fillcolor: t.disagrees ? 'rgba(207, 34, 46, 0.10)' : 'rgba(224, 123, 0, 0.12)' }],
      annotations: clip.lo || clip.hi ? [clipNote(t.prior_lift, clip, range, 0), ...edgeArrow(t.prior_lift, range, 0)] : [],
      showlegend: false,
      margin: { b: 48 },
    } as Partial<Layout>,
  };
}

