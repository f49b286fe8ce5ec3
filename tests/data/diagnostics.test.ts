import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlationMatrix, preModelDiagnostics, varianceInflation } from '../../src/data/diagnostics';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile } from './helpers';

/** Brute force: OLS of y on [1, X] by Gauss-Jordan on the normal equations; returns R². */
function rSquared(y: number[], xs: number[][]): number {
  const n = y.length;
  const X = y.map((_, i) => [1, ...xs.map((x) => x[i])]);
  const p = X[0].length;
  const A = Array.from({ length: p }, (_, a) => [...Array.from({ length: p }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0)), X.reduce((s, r, i) => s + r[a] * y[i], 0)]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  const beta = A.map((row, i) => row[p] / row[i]);
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const sse = y.reduce((s, v, i) => s + (v - X[i].reduce((t, x, k) => t + x * beta[k], 0)) ** 2, 0);
  return 1 - sse / sst;
}

/** Deterministic pseudo-random numbers (mulberry32) so the data is reproducible. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('VIF', () => {
  it('equals 1/(1-R²) of a brute-force regression on the other columns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 6 }), (seed, p) => {
        const r = rng(seed);
        const n = 40;
        const base = Array.from({ length: n }, () => r());
        const cols = Array.from({ length: p }, (_, j) => Array.from({ length: n }, (_, i) => (j % 2 ? base[i] * 2 : 0) + r()));
        const vifs = varianceInflation(cols.map((v, j) => ({ name: `c${j}`, values: Float64Array.from(v) })));
        cols.forEach((y, j) => {
          const r2 = rSquared(y, cols.filter((_, k) => k !== j));
          expect(vifs[j].vif!).toBeCloseTo(1 / (1 - r2), 6);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('perfect collinearity gives infinity, constants give null', () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => i);
    const b = Float64Array.from({ length: 20 }, (_, i) => (i * 7) % 5);
    const c = Float64Array.from(a, (v, i) => 2 * v - b[i]);
    const k = new Float64Array(20).fill(3);
    const v = varianceInflation([{ name: 'a', values: a }, { name: 'b', values: b }, { name: 'c', values: c }, { name: 'k', values: k }]);
    expect(v.map((x) => x.vif)).toEqual([Infinity, Infinity, Infinity, null]);
  });

  it('flags media columns above 10 in the pre-model diagnostics', () => {
    const p = parseFiles([sharedFile('pymc-marketing/mmm_example.csv')]);
    const { dataset } = buildDataset(p, detectRoles(p));
    const d = preModelDiagnostics(dataset!);
    expect(d.vif.map((v) => v.name)).toEqual(['x1', 'x2', 'event_1', 'event_2', 't']);
    expect(d.warnings).toEqual([]);
    const x1 = dataset!.channels[0].spend;
    const twin = { ...dataset!, channels: [...dataset!.channels, { name: 'x1_copy', spend: Float64Array.from(x1, (v, i) => v + 1e-3 * Math.sin(i)) }] };
    const flagged = preModelDiagnostics(twin).warnings.map((w) => w.channel);
    expect(flagged).toEqual(['x1', 'x1_copy']);
  });
});

describe('correlation matrix', () => {
  it('matches the textbook formula', () => {
    const r = rng(7);
    const cols = Array.from({ length: 4 }, () => Float64Array.from({ length: 30 }, () => r()));
    const m = correlationMatrix(cols.map((values, j) => ({ name: `c${j}`, values })));
    const pearson = (x: Float64Array, y: Float64Array) => {
      const mx = x.reduce((a, b) => a + b) / x.length;
      const my = y.reduce((a, b) => a + b) / y.length;
      let sxy = 0, sxx = 0, syy = 0;
      x.forEach((v, i) => ((sxy += (v - mx) * (y[i] - my)), (sxx += (v - mx) ** 2), (syy += (y[i] - my) ** 2)));
      return sxy / Math.sqrt(sxx * syy);
    };
    cols.forEach((a, i) => cols.forEach((b, j) => expect(m.values[i][j]!).toBeCloseTo(pearson(a, b), 12)));
  });
});
