// The hold-out plot: the last training periods with the training refit's in-sample 50%/90%
// predictive bands, then the held-out periods with the forecast's bands and mean, the
// observations on top (held-out ones outside the 90% band in vermillion), and a line at the
// split. Colours: Okabe & Ito (2008), as the Diagnostics area's figures.
import type { Data, Shape } from 'plotly.js';
import type { HoldoutResult, PredictiveBands } from '../../checks/types';
import { DIVERGENT_COLOUR, legendBelow, type Figure } from '../diagnostics/figures-sampler';

type Cell = number | null;

function band(b: PredictiveBands, lo: Cell[], hi: Cell[], name: string, fillcolor: string, group: string, show: boolean): Partial<Data>[] {
  return [
    { type: 'scatter', mode: 'lines', x: b.dates, y: hi, line: { width: 0 }, showlegend: false, hoverinfo: 'skip', legendgroup: group, name },
    { type: 'scatter', mode: 'lines', x: b.dates, y: lo, fill: 'tonexty', fillcolor, line: { width: 0 }, name, legendgroup: group, showlegend: show },
  ];
}

export function insideCount(f: PredictiveBands): number {
  return f.observed.filter((y, i) => y !== null && f.q05[i] !== null && f.q95[i] !== null && y >= f.q05[i]! && y <= f.q95[i]!).length;
}

export function holdoutFigure(r: HoldoutResult, target: string): Figure {
  const f = r.forecast;
  const t = r.train_tail;
  const outside = f.observed.map((y, i) => (y !== null && (y < f.q05[i]! || y > f.q95[i]!) ? y : null));
  const inside = f.observed.map((y, i) => (outside[i] === null ? y : null));
  const nOut = outside.filter((v) => v !== null).length;
  const split: Partial<Shape> = {
    type: 'line', xref: 'x', x0: f.dates[0], x1: f.dates[0], yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', color: '#57606a', width: 1 },
  };
  return {
    data: [
      ...band(t, t.q05, t.q95, 'In-sample 90%', 'rgba(153,153,153,0.25)', 'in90', true),
      ...band(t, t.q25, t.q75, 'In-sample 50%', 'rgba(153,153,153,0.45)', 'in50', true),
      ...band(f, f.q05, f.q95, 'Forecast 90%', 'rgba(230,159,0,0.25)', 'f90', true),
      ...band(f, f.q25, f.q75, 'Forecast 50%', 'rgba(230,159,0,0.5)', 'f50', true),
      { type: 'scatter', mode: 'lines', x: f.dates, y: f.mean, name: 'Forecast mean', line: { color: '#E69F00', width: 2 } },
      { type: 'scatter', mode: 'markers', x: t.dates, y: t.observed, name: 'Observed (training)', marker: { size: 4, color: '#999999' } },
      { type: 'scatter', mode: 'markers', x: f.dates, y: inside, name: 'Held out, inside 90%', marker: { size: 6, color: '#1b1f24' } },
      { type: 'scatter', mode: 'markers', x: f.dates, y: outside, name: `Held out, outside 90% (${nOut})`, marker: { size: 8, symbol: 'diamond', color: DIVERGENT_COLOUR } },
    ],
    layout: {
      title: { text: `Held out: ${insideCount(f)} of ${f.dates.length} inside 90%` },
      xaxis: { automargin: true, title: { text: 'Date' } },
      yaxis: { automargin: true, title: { text: target } },
      shapes: [split],
      legend: legendBelow,
    },
  };
}
