// The calibration-panel tests' fixture run (tests/store/fixtures/run-v1.json: x1, x2;
// geometric adstock, logistic saturation; priors alpha ~ Beta(1, 3), lam ~ Gamma(3, 1),
// beta ~ HalfNormal(2)) and the oracles written out from MODEL.md §5 rather than taken from
// the code under test: the logistic, the prior densities, the midpoint rule, and K of the
// window ROAS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calibrationPanel, type CalibrationPanel } from '../../../src/app/calibration/panel';
import type { InferenceData } from '../../../src/core/types';
import type { RunRecord } from '../../../src/store';

export const run = JSON.parse(readFileSync(path.resolve(__dirname, '../../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
export const cd = run.inference_data.constant_data;
export const spend = (c: number) => cd.spend.map((row) => row[c]);
export const meanSpend = (c: number) => spend(c).reduce((a, b) => a + b, 0) / spend(c).length;

export function panelOf(idata: InferenceData, priorDraws = 4000): CalibrationPanel {
  const out = calibrationPanel(idata, { priorDraws });
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
  return out.value;
}

export const logistic = (lam: number, a: number) => (1 - Math.exp(-lam * a)) / (1 + Math.exp(-lam * a));
/** Gamma(3, 1) and Beta(1, 3) densities: the fixture's lam and alpha priors. */
export const lamDensity = (l: number) => (l * l * Math.exp(-l)) / 2;
export const alphaDensity = (a: number) => 3 * (1 - a) * (1 - a);

export function midpoint(lo: number, hi: number, n: number, f: (v: number) => number): number {
  const h = (hi - lo) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += f(lo + (i + 0.5) * h);
  return s * h;
}

/** K of the window ROAS (MODEL.md §5): max|y| · Σ_t logistic(adstock(xs))_t / Σ_t x_t, geometric adstock normalised over l_max. */
export function windowK(c: number, alpha: number, lam: number): number {
  const x = spend(c);
  const L = run.inference_data.attrs.model.l_max;
  const w = Array.from({ length: L }, (_, l) => alpha ** l);
  const sw = w.reduce((a, b) => a + b, 0);
  let s = 0;
  for (let t = 0; t < x.length; t++) {
    let a = 0;
    for (let l = 0; l < L && l <= t; l++) a += (w[l] / sw) * (x[t - l] / cd.channel_max[c]);
    s += logistic(lam, a);
  }
  return (cd.target_max_abs * s) / x.reduce((p, q) => p + q, 0);
}
