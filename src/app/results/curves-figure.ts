// The response-curve chart's traces. With channels whose spend differs by orders of magnitude
// (Robyn's demo: ooh ~45k per week, facebook ~2k) one spend axis squeezes the small channels
// into its left edge, their bands on top of each other, and every "current spend" cross was
// black, so which cross belonged to which curve could not be told. The chart can now put the
// channels on one relative axis (multiple of each channel's current spend, 0–3×; the curves
// are computed at those multipliers: src/analysis/response.ts), and each channel's cross has
// its curve's colour.
import type { Data } from 'plotly.js';
import type { ResponseCurve } from '../../analysis/response';
import { withInterval } from './format';

export const PALETTE = ['#0b5cad', '#e07b00', '#1a7f37', '#8250df', '#b42318', '#0a7ea4', '#9a6700', '#bf3989'];
export type CurveScale = 'spend' | 'multiple';

const fill = (hex: string, alpha: number) =>
  `rgba(${parseInt(hex.slice(1, 3), 16)},${parseInt(hex.slice(3, 5), 16)},${parseInt(hex.slice(5, 7), 16)},${alpha})`;

function band(x: number[], lo: Array<number | null>, hi: Array<number | null>, color: string, group: string, name: string): Partial<Data>[] {
  return [
    { type: 'scatter', mode: 'lines', x, y: hi, line: { width: 0 }, showlegend: false, hoverinfo: 'skip', legendgroup: group, name },
    { type: 'scatter', mode: 'lines', x, y: lo, fill: 'tonexty', fillcolor: color, line: { width: 0 }, showlegend: false, hoverinfo: 'skip', legendgroup: group, name },
  ];
}

/** Per channel: 90% band, 50% band, mean curve; then one current-spend cross per channel, in its colour. */
export function curveTraces(curves: ResponseCurve[], scale: CurveScale): Partial<Data>[] {
  const xOf = (c: ResponseCurve) => (scale === 'spend' ? c.spend_per_period : c.multipliers);
  const hoverX = scale === 'spend' ? 'spend %{x:.3~s}' : '%{x:.2f}× current spend';
  const lines = curves.flatMap((c, j): Partial<Data>[] => {
    const color = PALETTE[j % PALETTE.length];
    const x = xOf(c);
    return [
      ...band(x, c.contribution.map((e) => e.q05), c.contribution.map((e) => e.q95), fill(color, 0.15), c.channel, `${c.channel} 90% interval`),
      ...band(x, c.contribution.map((e) => e.q25), c.contribution.map((e) => e.q75), fill(color, 0.25), c.channel, `${c.channel} 50% interval`),
      { type: 'scatter', mode: 'lines', x, y: c.mean, customdata: c.contribution.map(withInterval), hovertemplate: `${c.channel}, ${hoverX}: %{customdata}<extra></extra>`, line: { color, width: 2 }, legendgroup: c.channel, name: c.channel },
    ];
  });
  const crosses = curves.map((c, j): Partial<Data> => {
    const i = c.multipliers.indexOf(1);
    const e = c.contribution[i];
    return {
      type: 'scatter',
      mode: 'markers',
      x: [xOf(c)[i]],
      y: [e?.mean ?? null],
      error_y: { type: 'data', symmetric: false, array: [(e?.q95 ?? 0) - (e?.mean ?? 0)], arrayminus: [(e?.mean ?? 0) - (e?.q05 ?? 0)], color: PALETTE[j % PALETTE.length] },
      customdata: [e ? withInterval(e) : ''],
      hovertemplate: `${c.channel}, current spend %{x:.3~s}: %{customdata}<extra></extra>`,
      marker: { symbol: 'x', size: 10, color: PALETTE[j % PALETTE.length], line: { width: 1, color: '#1b1f24' } },
      legendgroup: 'current',
      showlegend: j === 0,
      name: 'Current spend (× in each channel’s colour)',
    };
  });
  return [...lines, ...crosses];
}
