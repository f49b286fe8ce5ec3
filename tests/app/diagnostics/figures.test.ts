// The Diagnostics figures: every one has a title and axis titles (Plot.svelte refuses it
// otherwise), and shows the draws it claims to — checked against brute-force counts on a
// synthetic run with known divergent draws and a chain sitting elsewhere.
import { describe, expect, it } from 'vitest';
import type { Data } from 'plotly.js';
import { runChainHealth, runDetails } from '../../../src/app/diagnostics/compute';
import { energyFigure, pairsFigure, rankBins, rankFigure, traceFigure } from '../../../src/app/diagnostics/figures-sampler';
import { densityFigure, intervalsFigure, paretoKFigure, qqFigure, residualsFigure, testStatFigure } from '../../../src/app/diagnostics/figures-fit';
import { labelProblems } from '../../../src/app/lib/plot-spec';
import { buildDiagnostics, parameterChains, statChains } from '../../../src/diagnostics';
import { makeIdata } from '../../diagnostics/fixtures';

const idata = makeIdata({ chains: 3, draws: 50, nObs: 20, seed: 7, divergent: 4, lastChainOffset: 0.5 });
const params = parameterChains(idata);
const intercept = params.find((p) => p.key === 'intercept')!;
const alphaTv = params.find((p) => p.key === 'adstock_alpha[tv]')!;
const divergent = runChainHealth(idata).map((h) => h.divergent_draws);
const details = runDetails(idata);
type Trace = Partial<Data> & { x: Array<number | null>; y: Array<number | null>; name: string };
const traces = (d: Partial<Data>[]) => d as Trace[];
const nonNull = (a: Array<unknown>) => a.filter((v) => v !== null).length;

describe('sampler figures', () => {
  it('trace: every draw of every chain, the divergent ones marked where they are', () => {
    const f = traceFigure(intercept, divergent);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const t = traces(f.data);
    expect(t.slice(0, 3).map((c) => c.y)).toEqual(intercept.chains.map((c) => Array.from(c)));
    const div = t[3];
    expect(div.name).toBe('Divergent (4)');
    expect(div.x).toEqual([1, 2, 3, 4]);
    expect(div.y).toEqual(Array.from(intercept.chains[0].subarray(0, 4)));
  });

  it('rank: ArviZ bin count, each chain\'s counts add to its draws, and the shifted chain piles up at high ranks', () => {
    expect(rankBins(50)).toBe(13);
    expect(rankBins(1000)).toBe(21);
    const f = rankFigure(intercept);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const t = traces(f.data);
    for (let c = 0; c < 3; c++) expect((t[c].y as number[]).reduce((a, b) => a + b, 0)).toBe(50);
    expect(t[3].y).toEqual([50 / 13, 50 / 13]);
    // Brute force: rank = 1 + number of pooled draws below (no ties), bin = ⌊(rank − 1)/S · bins⌋.
    const pooled = intercept.chains.flatMap((c) => Array.from(c));
    for (let c = 0; c < 3; c++) {
      const h = new Array<number>(13).fill(0);
      for (const v of intercept.chains[c]) h[Math.floor((pooled.filter((u) => u < v).length / 150) * 13)]++;
      expect(t[c].y).toEqual(h);
    }
    // The last chain (offset +0.5, 5 posterior sd) holds the top 50 ranks: nothing below bin 8.
    expect((t[2].y as number[]).slice(0, 8).every((n) => n === 0)).toBe(true);
  });

  it('pairs: the draws are split into divergent and not, none lost', () => {
    const f = pairsFigure(intercept, alphaTv, divergent);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const [ok, div] = traces(f.data);
    expect(ok.x.length + div.x.length).toBe(150);
    expect(div.x).toEqual(Array.from(intercept.chains[0].subarray(0, 4)));
    expect(div.y).toEqual(Array.from(alphaTv.chains[0].subarray(0, 4)));
  });

  it('energy: centred marginal energy and transitions pooled over chains', () => {
    const f = energyFigure(statChains(idata, 'energy')!);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const [marginal, transition] = traces(f.data);
    expect(marginal.x).toHaveLength(150);
    expect(transition.x).toHaveLength(147);
    const first = (marginal.x as number[]).slice(0, 50).reduce((a, b) => a + b, 0);
    expect(Math.abs(first)).toBeLessThan(1e-9);
  });
});

describe('fit figures', () => {
  it('intervals: observations outside the 90% interval counted by brute force; coverage as in the report', () => {
    const c = details.ppc!;
    const f = intervalsFigure(details.dates, details.observed, c, 'sales');
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const pp = idata.posterior_predictive.y as number[][][];
    let outside = 0;
    details.observed.forEach((y, i) => {
      const col = pp.flatMap((ch) => ch.map((d) => d[i])).sort((a, b) => a - b);
      const q = (p: number) => {
        const h = (col.length - 1) * p;
        return col[Math.floor(h)] + (h - Math.floor(h)) * (col[Math.ceil(h)] - col[Math.floor(h)]);
      };
      if (y < q(0.05) || y > q(0.95)) outside++;
    });
    const t = traces(f.data);
    expect(nonNull(t[5].y)).toBe(outside);
    expect(nonNull(t[4].y)).toBe(20 - outside);
    const report = buildDiagnostics(idata);
    expect(c.coverage_90).toBe(report.ppc.coverage_90);
    expect(f.layout.title).toEqual({ text: `Intervals: ${(100 * report.ppc.coverage_50!).toFixed(0)}% in 50%, ${(100 * report.ppc.coverage_90!).toFixed(0)}% in 90%` });
  });

  it('Pareto k: points above the threshold apart, the 0.7 line and the S-dependent one', () => {
    const k = Float64Array.of(0.1, 0.75, 0.5, 1.2, 0.66);
    const f = paretoKFigure(['a', 'b', 'c', 'd', 'e'], k, 0.65);
    expect(labelProblems(f.data, f.layout)).toEqual([]);
    const [ok, bad] = traces(f.data);
    expect(ok.y).toEqual([0.1, null, 0.5, null, null]);
    expect(bad.y).toEqual([null, 0.75, null, 1.2, 0.66]);
    expect(f.layout.title).toEqual({ text: 'PSIS-LOO Pareto k: 2 of 5 above 0.7' });
    expect(f.layout.shapes!.map((s) => s.y0)).toEqual([0.7, 0.65]);
    expect(paretoKFigure(['a'], Float64Array.of(0.2), 0.7).layout.shapes).toHaveLength(1);
    // Each line labelled at its height.
    expect(f.layout.annotations!.map((a) => [a.y, a.text])).toEqual([
      [0.7, '0.7: LOO unreliable above'],
      [0.65, '0.65: threshold for this many draws'],
    ]);
    expect(paretoKFigure(['a'], Float64Array.of(0.2), 0.7).layout.annotations).toHaveLength(1);
  });

  it('density, test statistics, residuals and Q-Q are labelled and carry their data', () => {
    const d = densityFigure(details.density!, 'sales');
    expect(labelProblems(d.data, d.layout)).toEqual([]);
    expect(d.data).toHaveLength(details.density!.replicated.length + 1);
    for (const t of details.testStatistics) {
      const f = testStatFigure(t);
      expect(labelProblems(f.data, f.layout)).toEqual([]);
      expect(traces(f.data)[0].x).toHaveLength(150);
      expect(f.layout.shapes![0].x0).toBe(t.observed);
    }
    const fit = details.fit!;
    const r = residualsFigure(details.dates, fit.residuals, 'sales', fit.metrics.durbin_watson, fit.metrics.lag1_autocorrelation);
    expect(labelProblems(r.data, r.layout)).toEqual([]);
    const q = qqFigure(fit.qq);
    expect(labelProblems(q.data, q.layout)).toEqual([]);
    expect(traces(q.data)[0].y).toEqual(Array.from(fit.qq.sample));
  });
});
