// Plotly figures of the fit to the data: posterior predictive density overlay and
// intervals, test-statistic histograms, Pareto k per observation, residuals over time and
// their normal Q-Q plot (Gabry et al. 2019 §5; Vehtari, Gelman, Gabry 2017 §2.1).
import type { Data, Layout, Shape } from 'plotly.js';
import type { Coverage, QqData, TestStatistic } from '../../diagnostics';
import type { DensityOverlay } from './kde';
import { DIVERGENT_COLOUR, legendBelow, type Figure } from './figures-sampler';
import { fmt, fmtScaled, pct } from './format';

const finite = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (v) => (Number.isFinite(v) ? v : null));

/** A horizontal line across the plot at y (data units). */
const hline = (y: number, dash: 'dash' | 'dot' = 'dash', color = '#57606a'): Partial<Shape> => ({
  type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y, line: { dash, color, width: 1 },
});

export const TEST_STAT_LABELS: Record<TestStatistic['name'], string> = {
  mean: 'Mean',
  sd: 'Standard deviation',
  max: 'Maximum',
  lag1_autocorrelation: 'Lag-1 autocorrelation',
};

export function densityFigure(d: DensityOverlay, target: string): Figure {
  const grid = Array.from(d.grid);
  const data: Partial<Data>[] = d.replicated.map((r, i) => ({
    type: 'scatter',
    mode: 'lines',
    x: grid,
    y: finite(r),
    name: `Replicated (${d.replicated.length} draws)`,
    legendgroup: 'rep',
    showlegend: i === 0,
    hoverinfo: 'skip',
    line: { width: 1, color: 'rgba(86,180,233,0.45)' },
  }));
  data.push({ type: 'scatter', mode: 'lines', x: grid, y: finite(d.observed), name: `Observed ${target}`, line: { width: 3, color: '#1b1f24' } });
  return {
    data,
    layout: {
      title: { text: 'Density: observed vs replicated' },
      xaxis: { automargin: true, title: { text: target } },
      yaxis: { automargin: true, title: { text: 'Density' }, rangemode: 'tozero', exponentformat: 'e' },
      legend: legendBelow,
    },
  };
}

/** 50% and 90% predictive intervals per period; observations outside the 90% one in vermillion. */
export function intervalsFigure(dates: string[], observed: Float64Array, c: Coverage, target: string): Figure {
  const inside: Array<number | null> = [];
  const outside: Array<number | null> = [];
  observed.forEach((y, i) => {
    const out = Number.isFinite(y) && (y < c.lower_90[i] || y > c.upper_90[i]);
    inside.push(out || !Number.isFinite(y) ? null : y);
    outside.push(out ? y : null);
  });
  const band = (lo: Float64Array, hi: Float64Array, name: string, fillcolor: string): Partial<Data>[] => [
    { type: 'scatter', mode: 'lines', x: dates, y: finite(hi), line: { width: 0 }, showlegend: false, hoverinfo: 'skip', name },
    { type: 'scatter', mode: 'lines', x: dates, y: finite(lo), fill: 'tonexty', fillcolor, line: { width: 0 }, name },
  ];
  const nOut = outside.filter((v) => v !== null).length;
  return {
    data: [
      ...band(c.lower_90, c.upper_90, '90% predictive interval', 'rgba(0,114,178,0.15)'),
      ...band(c.lower_50, c.upper_50, '50% predictive interval', 'rgba(0,114,178,0.35)'),
      { type: 'scatter', mode: 'markers', x: dates, y: inside, name: 'Observed, inside 90%', marker: { size: 4, color: '#1b1f24' } },
      { type: 'scatter', mode: 'markers', x: dates, y: outside, name: `Observed, outside 90% (${nOut})`, marker: { size: 7, symbol: 'diamond', color: DIVERGENT_COLOUR } },
    ],
    layout: {
      title: { text: `Intervals: ${pct(c.coverage_50)} in 50%, ${pct(c.coverage_90)} in 90%` },
      xaxis: { automargin: true, title: { text: 'Date' } },
      yaxis: { automargin: true, title: { text: target } },
      legend: legendBelow,
    },
  };
}

/** T(y_rep) over the draws with T(y) marked; p = P(T(y_rep) ≥ T(y)) (BDA3 §6.3). */
export function testStatFigure(t: TestStatistic): Figure {
  const label = TEST_STAT_LABELS[t.name];
  return {
    data: [{ type: 'histogram', x: finite(t.replicated), name: 'Replicated', nbinsx: 30, marker: { color: 'rgba(0,114,178,0.6)' } }],
    layout: {
      title: { text: `${label}: p = ${fmt(t.ppp, 2)}` },
      xaxis: { automargin: true, title: { text: `${label} of the replicated series` } },
      yaxis: { automargin: true, title: { text: 'Draws' } },
      showlegend: false,
      shapes: Number.isFinite(t.observed)
        ? [{ type: 'line', xref: 'x', x0: t.observed, x1: t.observed, yref: 'paper', y0: 0, y1: 1, line: { color: '#1b1f24', width: 3 } }]
        : [],
      annotations: Number.isFinite(t.observed)
        ? [{ x: t.observed, xref: 'x', y: 1, yref: 'paper', text: `observed ${fmtScaled(t.observed)}`, showarrow: false, yanchor: 'bottom' }]
        : [],
    },
  };
}

/** Pareto k̂ per observation with the 0.7 line and the sample-size threshold (Vehtari et al. 2024 §3). */
export function paretoKFigure(dates: string[], k: Float64Array, threshold: number): Figure {
  const ok: Array<number | null> = [];
  const bad: Array<number | null> = [];
  k.forEach((v) => {
    ok.push(v > threshold ? null : v);
    bad.push(v > threshold ? v : null);
  });
  const over07 = Array.from(k).filter((v) => v > 0.7).length;
  const shapes = [hline(0.7, 'dash', DIVERGENT_COLOUR)];
  // Each line says what it is at its right end: two unlabelled lines (0.7 dashed, the
  // sample-size threshold dotted) under a title about 0.7 and a legend about the other left
  // the reader to guess which was which.
  const label = (y: number, text: string, yanchor: 'bottom' | 'top') => ({ xref: 'paper' as const, x: 1, xanchor: 'right' as const, yref: 'y' as const, y, yanchor, text, showarrow: false, font: { size: 11, color: '#57606a' } });
  const annotations = [label(0.7, '0.7: LOO unreliable above', 'bottom')];
  if (threshold < 0.7 - 1e-9) {
    shapes.push(hline(threshold, 'dot'));
    annotations.push(label(threshold, `${fmt(threshold)}: threshold for this many draws`, 'top'));
  }
  return {
    data: [
      { type: 'scatter', mode: 'markers', x: dates, y: ok, name: `k ≤ ${fmt(threshold)}`, marker: { size: 5, color: '#0072B2' } },
      { type: 'scatter', mode: 'markers', x: dates, y: bad, name: `k > ${fmt(threshold)}`, marker: { size: 8, symbol: 'diamond', color: DIVERGENT_COLOUR } },
    ],
    layout: {
      title: { text: `PSIS-LOO Pareto k: ${over07} of ${k.length} above 0.7` },
      xaxis: { automargin: true, title: { text: 'Date' } },
      yaxis: { automargin: true, title: { text: 'Pareto k' } },
      shapes,
      annotations,
      legend: legendBelow,
    },
  };
}

export function residualsFigure(dates: string[], e: Float64Array, target: string, dw: number, lag1: number): Figure {
  return {
    data: [{ type: 'scatter', mode: 'lines+markers', x: dates, y: finite(e), name: 'Residual', marker: { size: 4, color: '#0072B2' }, line: { width: 1, color: '#0072B2' } }],
    layout: {
      title: { text: `Residuals (DW ${fmt(dw)}, lag-1 ${fmt(lag1, 2)})` },
      xaxis: { automargin: true, title: { text: 'Date' } },
      yaxis: { automargin: true, title: { text: `${target}: observed − predictive mean` } },
      shapes: [hline(0, 'dash')],
      showlegend: false,
    },
  };
}

/** Normal Q-Q plot of the standardised residuals with the y = x line. */
export function qqFigure(q: QqData): Figure {
  const lo = Math.min(q.theoretical[0] ?? 0, q.sample[0] ?? 0);
  const hi = Math.max(q.theoretical[q.theoretical.length - 1] ?? 0, q.sample[q.sample.length - 1] ?? 0);
  return {
    data: [
      { type: 'scatter', mode: 'markers', x: Array.from(q.theoretical), y: finite(q.sample), name: 'Residuals', marker: { size: 5, color: '#0072B2' } },
      { type: 'scatter', mode: 'lines', x: [lo, hi], y: [lo, hi], name: 'Normal (y = x)', line: { dash: 'dash', color: '#57606a', width: 1 } },
    ],
    layout: {
      title: { text: 'Normal Q-Q of standardised residuals' },
      xaxis: { automargin: true, title: { text: 'Normal quantile' } },
      yaxis: { automargin: true, title: { text: 'Standardised residual' } },
      legend: legendBelow,
    },
  };
}
