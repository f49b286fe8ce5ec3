// RidgeFitter against independent dense solves of the same problems (Gaussian elimination on
// normal equations written out in the test), and the sign constraint's defining property.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/types';
import { RidgeFitter } from '../../src/ridge/fit-ridge';
import { buildProblem, type RidgeProblem } from '../../src/ridge/problem';
import { buildSpace, decode, type SearchSpace } from '../../src/ridge/space';
import type { RidgeOptions } from '../../src/ridge/types';
import { devWeeklyLogistic, readJson } from '../calibration/wide-csv';

/** Solves A x = b (n×n row-major) by Gaussian elimination with partial pivoting. */
function gauss(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[piv][k])) piv = i;
    [M[k], M[piv]] = [M[piv], M[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let v = M[i][n];
    for (let j = i + 1; j < n; j++) v -= M[i][j] * x[j];
    x[i] = v / M[i][i];
  }
  return x;
}

interface Truth {
  channels: Array<{ name: string; alpha: number; lam: number }>;
}

function setup(data: Dataset, extra: Partial<RidgeOptions> = {}): { f: RidgeFitter; p: RidgeProblem; s: SearchSpace } {
  const truth = readJson<Truth>('data/synthetic/dev_weekly_logistic/truth.json');
  const channels = Object.fromEntries(
    truth.channels.map((c) => [c.name, { adstock: 'geometric' as const, saturation: 'logistic' as const, ranges: { adstock_alpha: [c.alpha, c.alpha] as [number, number], saturation_lam: [c.lam, c.lam] as [number, number] } }]),
  );
  const opts: RidgeOptions = { seed: 1, channels, lambda: [0, 0], ...extra };
  const s = buildSpace(data, opts) as SearchSpace;
  const p = buildProblem(data, opts) as RidgeProblem;
  const f = new RidgeFitter(p, s);
  f.transform(decode(s, [], new Float64Array(s.dims.length)));
  return { f, p, s };
}

/** Columns of the fitter's design as plain arrays. */
const columns = (f: RidgeFitter) => Array.from({ length: f.p }, (_, j) => Array.from(f.X.subarray(j * f.T, (j + 1) * f.T)));

/** Standardised ridge written out: (ZᵀZ/T + λI) b = Zᵀỹ/T, back to the original scale. */
function denseRidge(cols: number[][], y: ArrayLike<number>, lambda: number): { coef: number[]; intercept: number } {
  const T = y.length;
  const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / T;
  const sd = (v: ArrayLike<number>, m: number) => Math.sqrt(Array.from(v).reduce((a, b) => a + (b - m) ** 2, 0) / T);
  const ym = mean(y);
  const ys = sd(y, ym);
  const ms = cols.map((c) => mean(c));
  const ss = cols.map((c, j) => sd(c, ms[j]));
  const Z = cols.map((c, j) => c.map((v) => (v - ms[j]) / ss[j]));
  const A = Z.map((zi, i) => Z.map((zj, j) => zi.reduce((a, v, t) => a + v * zj[t], 0) / T + (i === j ? lambda : 0)));
  const rhs = Z.map((zi) => zi.reduce((a, v, t) => a + (v * (y[t] - ym)) / ys, 0) / T);
  const b = gauss(A, rhs);
  const coef = b.map((v, j) => (v * ys) / ss[j]);
  return { coef, intercept: ym - coef.reduce((a, c, j) => a + c * ms[j], 0) };
}

describe('RidgeFitter', () => {
  const data = devWeeklyLogistic();

  it('is ordinary least squares as the penalty vanishes (unconstrained normal equations with intercept)', () => {
    const { f, p } = setup(data);
    f.fit(p.y, 1e-12, true);
    const cols = columns(f);
    // OLS on [1, X] directly, unstandardised.
    const D = [new Array(f.T).fill(1), ...cols];
    const A = D.map((a) => D.map((b) => a.reduce((s, v, t) => s + v * b[t], 0)));
    const rhs = D.map((a) => a.reduce((s, v, t) => s + v * p.y[t], 0));
    const ols = gauss(A, rhs);
    expect(f.interceptDropped).toBe(false);
    expect(f.intercept / ols[0]).toBeCloseTo(1, 6);
    for (let j = 0; j < f.p; j++) expect(f.coef[j] / ols[j + 1]).toBeCloseTo(1, 6);
  });

  it('equals the standardised ridge closed form (glmnet, alpha = 0) when no sign constraint binds', () => {
    const { f, p } = setup(data);
    const lambda = 0.3;
    f.fit(p.y, lambda, true);
    const ref = denseRidge(columns(f), p.y, lambda);
    for (let c = 0; c < f.C; c++) expect(f.coef[c]).toBeGreaterThan(0);
    for (let j = 0; j < f.p; j++) expect(f.coef[j] / ref.coef[j]).toBeCloseTo(1, 9);
    expect(f.intercept / ref.intercept).toBeCloseTo(1, 9);
    let ss = 0;
    for (let t = 0; t < f.T; t++) ss += (f.yhat[t] - ref.intercept - ref.coef.reduce((a, c, j) => a + c * f.X[j * f.T + t], 0)) ** 2;
    expect(Math.sqrt(ss / f.T)).toBeLessThan(1e-6);
  });

  it('holds a media coefficient at 0 when the data want it negative, and then equals the fit without that channel', () => {
    // Make social hurt: y' = y − 100000 · (social's own media column); intercept kept free here.
    const { f: f0 } = setup(data);
    const social = 2;
    const y2 = Float64Array.from(data.target.values, (v, t) => v - 100000 * f0.X[social * f0.T + t]);
    const d2: Dataset = { ...data, target: { ...data.target, values: y2 } };
    const { f, p } = setup(d2);
    const lambda = 0.01;
    f.fit(p.y, lambda, false);
    expect(f.coef[social]).toBe(0);
    expect(f.coef[0]).toBeGreaterThan(0);
    expect(f.coef[1]).toBeGreaterThan(0);
    const cols = columns(f).filter((_, j) => j !== social);
    const ref = denseRidge(cols, y2, lambda);
    const kept = [...Array(f.p).keys()].filter((j) => j !== social);
    kept.forEach((j, i) => expect(f.coef[j] / ref.coef[i]).toBeCloseTo(1, 9));
  });

  it('drops a negative intercept and refits through the origin (Robyn intercept_sign = non_negative)', () => {
    const shifted: Dataset = { ...data, target: { ...data.target, values: Float64Array.from(data.target.values, (v) => v - 400000) } };
    const { f, p } = setup(shifted);
    f.fit(p.y, 0.05, false);
    expect(f.intercept).toBeLessThan(0);
    f.fit(p.y, 0.05, true);
    expect(f.interceptDropped).toBe(true);
    expect(f.intercept).toBe(0);
    // Through the origin, columns and y scaled by their root mean square (no centring). With
    // y shifted far below 0 every media effect wants to be negative, so all media sit at 0 and
    // the rest is the through-origin ridge on the fixed columns alone.
    for (let c = 0; c < f.C; c++) expect(f.coef[c]).toBe(0);
    const cols = columns(f).slice(f.C);
    const T = f.T;
    const rms = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, b) => a + b * b, 0) / T);
    const ry = rms(p.y);
    const rs = cols.map(rms);
    const Z = cols.map((c, j) => c.map((v) => v / rs[j]));
    const A = Z.map((zi, i) => Z.map((zj, j) => zi.reduce((a, v, t) => a + v * zj[t], 0) / T + (i === j ? 0.05 : 0)));
    const rhs = Z.map((zi) => zi.reduce((a, v, t) => a + (v * p.y[t]) / ry, 0) / T);
    const b = gauss(A, rhs);
    b.forEach((v, k) => expect(f.coef[f.C + k] / ((v * ry) / rs[k])).toBeCloseTo(1, 8));
  });
});
