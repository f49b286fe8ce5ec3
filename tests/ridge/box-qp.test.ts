import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoxQpWorkspace, choleskySolve, solveBoxQp } from '../../src/ridge/box-qp';

const objective = (H: Float64Array, c: Float64Array, b: Float64Array, p: number) => {
  let v = 0;
  for (let i = 0; i < p; i++) {
    v -= c[i] * b[i];
    for (let j = 0; j < p; j++) v += 0.5 * b[i] * H[i * p + j] * b[j];
  }
  return v;
};

/** Brute force: every subset of the bounded variables held at 0, the rest solved freely. */
function bruteForce(H: Float64Array, c: Float64Array, bounded: Uint8Array, p: number): Float64Array {
  const bIdx = [...bounded.keys()].filter((j) => bounded[j]);
  let best: Float64Array | null = null;
  let bestV = Infinity;
  for (let mask = 0; mask < 1 << bIdx.length; mask++) {
    const zero = new Set(bIdx.filter((_, i) => mask & (1 << i)));
    const free = [...Array(p).keys()].filter((j) => !zero.has(j));
    const m = free.length;
    const a = new Float64Array(m * m);
    const r = new Float64Array(m);
    free.forEach((j, x) => {
      r[x] = c[j];
      free.forEach((k, y) => (a[x * m + y] = H[j * p + k]));
    });
    choleskySolve(a, r, m);
    const b = new Float64Array(p);
    free.forEach((j, x) => (b[j] = r[x]));
    if (bIdx.some((j) => b[j] < -1e-12)) continue;
    const v = objective(H, c, b, p);
    if (v < bestV) {
      bestV = v;
      best = b;
    }
  }
  return best!;
}

const problem = fc
  .record({ p: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 3, max: 20 }), seed: fc.integer({ min: 0, max: 1e9 }), lambda: fc.double({ min: 1e-4, max: 2, noNaN: true }) })
  .map(({ p, n, seed, lambda }) => {
    // Deterministic pseudo-random design from the seed (an LCG is plenty for test data).
    let s = seed;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296) * 2 - 1;
    const A = Float64Array.from({ length: n * p }, rnd);
    // Correlated columns: mix column 0 into the others.
    for (let i = 0; i < n; i++) for (let j = 1; j < p; j++) A[i * p + j] += 0.8 * A[i * p];
    const H = new Float64Array(p * p);
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += A[i * p + j] * A[i * p + k];
      H[j * p + k] = v / n + (j === k ? lambda : 0);
    }
    const c = Float64Array.from({ length: p }, rnd);
    const bounded = Uint8Array.from({ length: p }, () => (rnd() > -0.4 ? 1 : 0));
    return { p, H, c, bounded };
  });

describe('box-constrained QP (Lawson–Hanson active set)', () => {
  it('matches brute force over all active sets on random correlated problems', () => {
    fc.assert(
      fc.property(problem, ({ p, H, c, bounded }) => {
        const b = new Float64Array(p);
        const ws = new BoxQpWorkspace(p);
        expect(solveBoxQp(H, c, bounded, b, ws)).toBeGreaterThanOrEqual(0);
        const ref = bruteForce(H, c, bounded, p);
        for (let j = 0; j < p; j++) expect(b[j]).toBeCloseTo(ref[j], 9);
        // KKT: bounded at 0 → gradient ≥ 0; positive or free → gradient 0.
        for (let j = 0; j < p; j++) {
          let g = -c[j];
          for (let k = 0; k < p; k++) g += H[j * p + k] * b[k];
          if (bounded[j]) expect(b[j]).toBeGreaterThanOrEqual(0);
          if (bounded[j] && b[j] === 0) expect(g).toBeGreaterThan(-1e-10);
          else expect(Math.abs(g)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('is the closed-form ridge solution when nothing binds', () => {
    // H = diag(2, 4), c = (1, 2): b = (0.5, 0.5), no bound active.
    const b = new Float64Array(2);
    solveBoxQp(new Float64Array([2, 0, 0, 4]), new Float64Array([1, 2]), new Uint8Array([1, 1]), b, new BoxQpWorkspace(2));
    expect(b[0]).toBeCloseTo(0.5, 14);
    expect(b[1]).toBeCloseTo(0.5, 14);
  });

  it('clips a variable the unconstrained solution makes negative and re-solves the rest', () => {
    // H = [[1, .5], [.5, 1]], c = (−1, 1): unconstrained b = (−2, 2); with b0 ≥ 0: b = (0, 1).
    const b = new Float64Array(2);
    solveBoxQp(new Float64Array([1, 0.5, 0.5, 1]), new Float64Array([-1, 1]), new Uint8Array([1, 0]), b, new BoxQpWorkspace(2));
    expect(b[0]).toBe(0);
    expect(b[1]).toBeCloseTo(1, 14);
  });
});
