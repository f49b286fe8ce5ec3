// Correlation and VIF against their definitions: VIF from the inverse correlation matrix
// must equal 1 / (1 - R²) of an explicit least-squares regression on the other columns.
import { describe, expect, it } from 'vitest';
import { correlationMatrix, invertSymmetric, varianceInflation } from '../../src/app/data/collinearity';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** R² of y regressed on xs with an intercept, by the normal equations (brute force). */
function rSquared(y: number[], xs: number[][]): number {
  const n = y.length;
  const design = y.map((_, t) => [1, ...xs.map((x) => x[t])]);
  const p = design[0].length;
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => design.reduce((s, row) => s + row[i] * row[j], 0)));
  const xty = Array.from({ length: p }, (_, i) => design.reduce((s, row, t) => s + row[i] * y[t], 0));
  const inv = invertSymmetric(xtx)!;
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const mean = y.reduce((a, b) => a + b, 0) / n;
  let sse = 0;
  let sst = 0;
  design.forEach((row, t) => {
    const fit = row.reduce((s, v, j) => s + v * beta[j], 0);
    sse += (y[t] - fit) ** 2;
    sst += (y[t] - mean) ** 2;
  });
  return 1 - sse / sst;
}

describe('correlationMatrix', () => {
  it('is 1 on the diagonal, ±1 for linear relations, null for constants', () => {
    const x = [1, 2, 3, 4, 5];
    const r = correlationMatrix([
      { name: 'x', values: x },
      { name: 'y', values: x.map((v) => 3 - 2 * v) },
      { name: 'c', values: [7, 7, 7, 7, 7] },
    ]);
    expect(r[0][0]).toBe(1);
    expect(r[0][1]).toBeCloseTo(-1, 12);
    expect(r[2][0]).toBeNull();
    expect(r[1][2]).toBeNull();
  });

  it('matches the textbook formula on a small example', () => {
    // x = 1..4, y = 2,1,4,3: cov = 0.8333.., var = 1.6667 each → r = 0.6
    const r = correlationMatrix([
      { name: 'x', values: [1, 2, 3, 4] },
      { name: 'y', values: [2, 1, 4, 3] },
    ]);
    expect(r[0][1]).toBeCloseTo(0.6, 12);
  });
});

describe('varianceInflation', () => {
  it('two columns: VIF = 1 / (1 - r²)', () => {
    const rows = varianceInflation([
      { name: 'x', values: [1, 2, 3, 4] },
      { name: 'y', values: [2, 1, 4, 3] },
    ]);
    expect(rows[0].vif).toBeCloseTo(1 / (1 - 0.36), 12);
    expect(rows[1].vif).toBeCloseTo(1 / (1 - 0.36), 12);
  });

  it('equals 1 / (1 - R²) of the explicit regression on the other columns', () => {
    const u = lcg(42);
    const T = 60;
    const a = Array.from({ length: T }, () => u());
    const b = Array.from({ length: T }, () => u());
    const c = a.map((v, t) => 0.7 * v + 0.5 * b[t] + 0.1 * u()); // collinear with a and b
    const d = Array.from({ length: T }, () => u());
    const cols = [a, b, c, d];
    const vif = varianceInflation(cols.map((values, i) => ({ name: `c${i}`, values })));
    cols.forEach((y, j) => {
      const others = cols.filter((_, k) => k !== j);
      expect(vif[j].vif!).toBeCloseTo(1 / (1 - rSquared(y, others)), 8);
    });
    expect(vif[2].vif!).toBeGreaterThan(10);
    expect(vif[3].vif!).toBeLessThan(1.5);
  });

  it('exact combinations are infinite, constant columns have none', () => {
    const x = [1, 2, 3, 5, 8];
    const y = [2, 1, 0, 4, 4];
    const rows = varianceInflation([
      { name: 'x', values: x },
      { name: 'y', values: y },
      { name: 'x+y', values: x.map((v, i) => v + y[i]) },
      { name: 'k', values: [1, 1, 1, 1, 1] },
    ]);
    expect(rows.slice(0, 3).map((r) => r.vif)).toEqual([Infinity, Infinity, Infinity]);
    expect(rows[3].vif).toBeNull();
  });
});
