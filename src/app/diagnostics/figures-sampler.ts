// Plotly figures of the sampler's behaviour: trace and rank plots per parameter, the pairs
// plot with divergent draws, the energy plot. Pure functions of the draws, so the pictures
// are tested in Node; the components only pass them to Plot.svelte.
import type { Data, Layout } from 'plotly.js';
import { energyPlotData, rankHistograms } from '../../diagnostics/plot-data';
import type { ScalarChains } from '../../diagnostics/idata';
import { LEGEND_BELOW } from '../lib/legend';

export interface Figure {
  data: Partial<Data>[];
  layout: Partial<Layout>;
}

/** Okabe & Ito (2008) colour-blind-safe palette for chains; vermillion is kept for divergences. */
export const CHAIN_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#999999', '#F0E442', '#000000'];
export const DIVERGENT_COLOUR = '#D55E00';
export const chainColour = (c: number) => CHAIN_COLOURS[c % CHAIN_COLOURS.length];

const finite = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
/**
 * Legend under the x-axis title: anchored to the bottom of the whole figure (yref
 * 'container'), where Plotly reserves room for it, so at phone width its wrapped rows push
 * the plot up instead of running over the axis title (which a paper-relative y does).
 */
export const legendBelow = LEGEND_BELOW;

/** Draw values with the divergent transitions marked on the chain they belong to. */
export function traceFigure(p: ScalarChains, divergent: number[][]): Figure {
  const data: Partial<Data>[] = p.chains.map((x, c) => ({
    type: 'scatter',
    mode: 'lines',
    x: Array.from(x, (_, d) => d + 1),
    y: finite(x),
    name: `Chain ${c + 1}`,
    line: { width: 1, color: chainColour(c) },
  }));
  const dx: number[] = [];
  const dy: Array<number | null> = [];
  p.chains.forEach((x, c) => (divergent[c] ?? []).forEach((d) => (dx.push(d + 1), dy.push(Number.isFinite(x[d]) ? x[d] : null))));
  if (dx.length) data.push({ type: 'scatter', mode: 'markers', x: dx, y: dy, name: `Divergent (${dx.length})`, marker: { symbol: 'x', size: 8, color: DIVERGENT_COLOUR } });
  return {
    data,
    layout: { title: { text: `Trace of ${p.key}` }, xaxis: { automargin: true, title: { text: 'Draw (after warmup)' } }, yaxis: { automargin: true, title: { text: p.key } }, legend: legendBelow },
  };
}

/**
 * Bins of the rank plot: ArviZ's plot_rank uses Sturges' rule doubled on the draws per chain,
 * ⌈2·log2 n⌉ + 1 (arviz/plots/rankplot.py, `_sturges_formula(..., mult=2)`).
 */
export function rankBins(drawsPerChain: number): number {
  return drawsPerChain > 1 ? Math.ceil(2 * Math.log2(drawsPerChain)) + 1 : 1;
}

/** Rank histograms per chain over the pooled ranks (Vehtari et al. 2021 §4.1, Fig. 5). */
export function rankFigure(p: ScalarChains): Figure {
  const n = p.chains[0]?.length ?? 0;
  const bins = rankBins(n);
  const { counts, expected } = rankHistograms(p.chains, bins);
  const s = n * p.chains.length;
  const centres = Array.from({ length: bins }, (_, b) => ((b + 0.5) * s) / bins);
  const data: Partial<Data>[] = counts.map((h, c) => ({
    type: 'scatter',
    mode: 'lines',
    line: { shape: 'hvh', color: chainColour(c), width: 1.5 },
    x: centres,
    y: h,
    name: `Chain ${c + 1}`,
  }));
  data.push({ type: 'scatter', mode: 'lines', x: [0, s], y: [expected, expected], name: 'Uniform (well mixed)', line: { dash: 'dash', color: '#57606a', width: 1 } });
  return {
    data,
    layout: {
      title: { text: `Rank plot of ${p.key}` },
      xaxis: { automargin: true, title: { text: 'Rank among all draws' }, range: [0, s] },
      yaxis: { automargin: true, title: { text: `Draws per bin (of ${bins})` }, rangemode: 'tozero' },
      legend: legendBelow,
    },
  };
}

/** Two parameters against each other; divergent draws on top in vermillion. */
export function pairsFigure(a: ScalarChains, b: ScalarChains, divergent: number[][]): Figure {
  const x: number[] = [];
  const y: number[] = [];
  const dx: number[] = [];
  const dy: number[] = [];
  a.chains.forEach((ac, c) => {
    const div = new Set(divergent[c] ?? []);
    for (let d = 0; d < ac.length; d++) {
      const u = ac[d];
      const v = b.chains[c][d];
      if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
      if (div.has(d)) (dx.push(u), dy.push(v));
      else (x.push(u), y.push(v));
    }
  });
  const data: Partial<Data>[] = [
    { type: 'scatter', mode: 'markers', x, y, name: `Draws (${x.length})`, marker: { size: 4, color: 'rgba(0,114,178,0.35)' } },
  ];
  data.push({ type: 'scatter', mode: 'markers', x: dx, y: dy, name: `Divergent (${dx.length})`, marker: { size: 8, symbol: 'x', color: DIVERGENT_COLOUR } });
  return {
    data,
    layout: { title: { text: 'Pairs (divergent draws marked ×)' }, xaxis: { automargin: true, title: { text: a.key } }, yaxis: { automargin: true, title: { text: b.key } }, legend: legendBelow },
  };
}

/**
 * Energy plot (Betancourt 2017 §6.1, ArviZ plot_energy): the marginal energy (centred per
 * chain) and the energy transitions, pooled over chains. A transition distribution much
 * narrower than the marginal one means a low E-BFMI.
 */
export function energyFigure(energy: Float64Array[]): Figure {
  const parts = energyPlotData(energy);
  const pool = (k: 'marginal' | 'transition') => parts.flatMap((p) => finite(p[k]));
  const common = { type: 'histogram' as const, histnorm: 'probability density' as const, opacity: 0.55, nbinsx: 40 };
  return {
    data: [
      { ...common, x: pool('marginal'), name: 'Marginal energy (centred)', marker: { color: '#0072B2' } },
      { ...common, x: pool('transition'), name: 'Energy transition', marker: { color: '#E69F00' } },
    ],
    layout: {
      title: { text: 'Energy: marginal against transition' },
      barmode: 'overlay',
      xaxis: { automargin: true, title: { text: 'Energy (centred) or energy change' } },
      yaxis: { automargin: true, title: { text: 'Density' } },
      legend: legendBelow,
    },
  };
}
