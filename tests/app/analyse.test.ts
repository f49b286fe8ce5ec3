// The Results step's analysis on the committed fixture run: it reads the InferenceData
// through src/analysis and its outputs hold together (components add up to mu, kernels
// are normalised, curves start at zero and pass through the current contribution).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../src/app/results/analyse';
import type { RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;

describe('analyseRun on the v1 fixture', () => {
  const out = analyseRun(run.inference_data);
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
  const a = out.value;

  it('names periods, channels and controls from the run', () => {
    expect(a.dates).toEqual(run.dataset.dates);
    expect(a.channels).toEqual(['x1', 'x2']);
    expect(a.controls).toEqual(['event_1', 'event_2']);
  });

  it('components close on mu draw by draw', () => {
    expect(a.contributions.sum_check.closure_error).toBeLessThan(1e-12);
  });

  it('adstock kernels are normalised (posterior mean weights sum to 1)', () => {
    for (const k of a.kernels) expect(k.weights.reduce((s, w) => s + (w.mean ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('response curves: zero at no spend, the channel contribution at current spend', () => {
    a.curves.forEach((c, j) => {
      expect(c.mean[0]).toBe(0);
      const at1 = c.mean[c.multipliers.indexOf(1)];
      expect(at1).toBeCloseTo(a.contributions.channels[j].contribution.mean!, 6);
    });
  });

  it("the total's interval is that of Σ_t mu_t over the draws, recomputed from MODEL.md §2 by hand", () => {
    // An independent forward pass of the default model (geometric adstock, normalised
    // kernel of l_max lags; logistic saturation; controls; yearly Fourier of order 1 on
    // the day of year / 365.25), in original units: mu_t · max|y|.
    const id = run.inference_data;
    const spec = id.attrs.model;
    const cd = id.constant_data as { spend: number[][]; channel_max: number[]; target_max_abs: number; controls: number[][] };
    const T = id.coords.date.length;
    const doy = (d: string) => (Date.parse(d) - Date.UTC(Number(d.slice(0, 4)), 0, 1)) / 86_400_000 + 1;
    const p = (id.coords.date as string[]).map((d) => doy(d) / 365.25);
    const post = id.posterior as Record<string, number[][] | number[][][]>;
    const totals: number[] = [];
    for (let c = 0; c < post.intercept.length; c++) {
      for (let d = 0; d < post.intercept[c].length; d++) {
        const v = (name: string, j?: number) => (j === undefined ? (post[name][c][d] as number) : (post[name][c][d] as number[])[j]);
        let total = 0;
        for (let t = 0; t < T; t++) {
          let mu = v('intercept');
          spec.channels.forEach((_, j) => {
            const alpha = v('adstock_alpha', j);
            let a = 0;
            let wsum = 0;
            for (let l = 0; l < spec.l_max; l++) {
              wsum += alpha ** l;
              if (t - l >= 0) a += alpha ** l * (cd.spend[t - l][j] / cd.channel_max[j]);
            }
            const e = Math.exp(-v('saturation_lam', j) * (a / wsum));
            mu += v('saturation_beta', j) * ((1 - e) / (1 + e));
          });
          spec.controls.forEach((_, k) => (mu += v('gamma_control', k) * cd.controls[t][k]));
          mu += v('gamma_fourier', 0) * Math.sin(2 * Math.PI * p[t]) + v('gamma_fourier', 1) * Math.cos(2 * Math.PI * p[t]);
          total += mu * cd.target_max_abs;
        }
        totals.push(total);
      }
    }
    const sorted = [...totals].sort((x, y) => x - y);
    const q = (pr: number) => {
      const h = (sorted.length - 1) * pr;
      const lo = Math.floor(h);
      return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
    };
    const rel = (x: number | null, y: number) => Math.abs(x! - y) / Math.abs(y);
    expect(rel(a.total.mean, totals.reduce((s, x) => s + x, 0) / totals.length)).toBeLessThan(1e-9);
    expect(rel(a.total.q05, q(0.05))).toBeLessThan(1e-9);
    expect(rel(a.total.q95, q(0.95))).toBeLessThan(1e-9);
    expect(a.total.q95! - a.total.q05!).toBeGreaterThan(0);
    // The total's mean is the components' (they close on mu draw by draw).
    expect(rel(a.total.mean, a.contributions.sum_check.components_total)).toBeLessThan(1e-12);
  });

  it('reports what is wrong with a run it cannot read', () => {
    const broken = structuredClone(run.inference_data);
    delete (broken.posterior as Record<string, unknown>).saturation_lam;
    const r = analyseRun(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/saturation_lam/);
  });
});
