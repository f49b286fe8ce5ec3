// The sampler's test targets against independent oracles: the log density against a
// plain TypeScript transcription of each model.md (constrained-scale densities plus the
// log-Jacobian; compared up to an additive constant), the analytic gradient against a
// 5-point finite-difference stencil, and the constrained outputs against the transforms.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WasmEngine } from '../../src/engine/wasm-engine';
import {
  packFunnel,
  packGaussian,
  packPosteriordb,
  POSTERIORDB_POSTERIORS,
  type PackedTestTarget,
  type PosteriordbData,
  type PosteriordbModel,
} from '../../src/engine/test-targets';
import { wasmModule } from '../../src/node/wasm-bytes';

const DB = new URL('../../../shared/data/posteriordb/', import.meta.url);
const module = wasmModule('engine');

function loadData(model: PosteriordbModel): PosteriordbData {
  return JSON.parse(readFileSync(new URL(`${POSTERIORDB_POSTERIORS[model]}/data.json`, DB), 'utf8'));
}

/** mulberry32: a tiny seeded generator for test points (not the sampler's RNG). */
function points(seed: number, n: number, dim: number): Float64Array[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => Float64Array.from({ length: dim }, () => -2 + 4 * next()));
}

// Densities up to constants, written from the textbook formulas.
const normal = (x: number, m: number, s: number) => -0.5 * ((x - m) / s) ** 2 - Math.log(s);
const cauchy = (x: number, s: number) => -Math.log(1 + (x / s) ** 2);
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

interface Reference {
  /** log density on the unconstrained scale, up to a constant. */
  lp(q: Float64Array): number;
  /** constrained outputs. */
  out(q: Float64Array): number[];
}

function referenceFor(model: PosteriordbModel, d: PosteriordbData): Reference {
  const v = (k: string) => d[k] as number[];
  switch (model) {
    case 'eight_schools_noncentered': {
      const y = v('y');
      const s = v('sigma');
      const J = y.length;
      const theta = (q: Float64Array) => y.map((_, j) => q[j] * Math.exp(q[J + 1]) + q[J]);
      return {
        lp: (q) => {
          const tau = Math.exp(q[J + 1]);
          const th = theta(q);
          let lp = normal(q[J], 0, 5) + cauchy(tau, 5) + q[J + 1];
          for (let j = 0; j < J; j++) lp += normal(q[j], 0, 1) + normal(y[j], th[j], s[j]);
          return lp;
        },
        out: (q) => [...theta(q), q[J], Math.exp(q[J + 1])],
      };
    }
    case 'kidscore_momiq': {
      const ks = v('kid_score');
      const mi = v('mom_iq');
      return {
        lp: (q) => {
          const sigma = Math.exp(q[2]);
          let lp = cauchy(sigma, 2.5) + q[2];
          for (let n = 0; n < ks.length; n++) lp += normal(ks[n], q[0] + q[1] * mi[n], sigma);
          return lp;
        },
        out: (q) => [q[0], q[1], Math.exp(q[2])],
      };
    }
    case 'logmesquite': {
      const cols = ['diam1', 'diam2', 'canopy_height', 'total_height', 'density'].map(v);
      const w = v('weight');
      const g = v('group');
      return {
        lp: (q) => {
          const sigma = Math.exp(q[7]);
          let lp = q[7];
          for (let n = 0; n < w.length; n++) {
            let m = q[0] + q[6] * g[n];
            for (let c = 0; c < 5; c++) m += q[c + 1] * Math.log(cols[c][n]);
            lp += normal(Math.log(w[n]), m, sigma);
          }
          return lp;
        },
        out: (q) => [...q.slice(0, 7), Math.exp(q[7])],
      };
    }
    case 'arK': {
      const y = v('y');
      const K = d.K as number;
      return {
        lp: (q) => {
          const sigma = Math.exp(q[K + 1]);
          let lp = normal(q[0], 0, 10) + cauchy(sigma, 2.5) + q[K + 1];
          for (let k = 1; k <= K; k++) lp += normal(q[k], 0, 10);
          for (let t = K; t < y.length; t++) {
            let mu = q[0];
            for (let k = 1; k <= K; k++) mu += q[k] * y[t - k];
            lp += normal(y[t], mu, sigma);
          }
          return lp;
        },
        out: (q) => [...q.slice(0, K + 1), Math.exp(q[K + 1])],
      };
    }
    case 'garch11': {
      const y = v('y');
      const sigma1 = d.sigma1 as number;
      const params = (q: Float64Array) => {
        const a1 = logistic(q[2]);
        return { mu: q[0], a0: Math.exp(q[1]), a1, b1: (1 - a1) * logistic(q[3]) };
      };
      return {
        lp: (q) => {
          const { mu, a0, a1, b1 } = params(q);
          const lb = logistic(q[3]);
          // log |d(alpha0, alpha1, beta1)/d(u0, u1, ub)| of the triangular Jacobian.
          let lp = q[1] + Math.log(a1 * (1 - a1)) + Math.log((1 - a1) * lb * (1 - lb));
          let s = sigma1;
          for (let t = 0; t < y.length; t++) {
            if (t > 0) s = Math.sqrt(a0 + a1 * (y[t - 1] - mu) ** 2 + b1 * s * s);
            lp += normal(y[t], mu, s);
          }
          return lp;
        },
        out: (q) => {
          const p = params(q);
          return [p.mu, p.a0, p.a1, p.b1];
        },
      };
    }
    case 'blr': {
      const y = v('y');
      const X = d.X as number[][];
      const D = d.D as number;
      return {
        lp: (q) => {
          const sigma = Math.exp(q[D]);
          let lp = normal(sigma, 0, 10) + q[D];
          for (let k = 0; k < D; k++) lp += normal(q[k], 0, 10);
          for (let n = 0; n < y.length; n++) {
            let m = 0;
            for (let k = 0; k < D; k++) m += X[n][k] * q[k];
            lp += normal(y[n], m, sigma);
          }
          return lp;
        },
        out: (q) => [...q.slice(0, D), Math.exp(q[D])],
      };
    }
  }
}

/** Solves A x = b by Gaussian elimination with partial pivoting (independent of the Cholesky in the packer). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

function engineFor(t: PackedTestTarget): WasmEngine {
  const e = WasmEngine.createSync(module);
  expect(e.loadTestTarget(t.kind, t.block)).toBe(t.dim);
  expect(e.outDim).toBe(t.outputNames.length);
  return e;
}

/** Checks lp (up to a constant), gradient (5-point stencil) and outputs at 20 points. */
function checkTarget(t: PackedTestTarget, ref: Reference): void {
  const e = engineFor(t);
  const grad = new Float64Array(t.dim);
  const scratch = new Float64Array(t.dim);
  const qs = points(t.kind * 7919, 20, t.dim);
  const offset = e.logDensityGradient(qs[0], grad) - ref.lp(qs[0]);
  for (const q of qs) {
    const lp = e.logDensityGradient(q, grad);
    const lpRef = ref.lp(q);
    expect(Math.abs(lp - lpRef - offset)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(lpRef)));
    const g = Float64Array.from(grad);
    for (let i = 0; i < t.dim; i++) {
      const h = 1e-3;
      const at = (dx: number) => {
        const x = Float64Array.from(q);
        x[i] += dx;
        return e.logDensityGradient(x, scratch);
      };
      const fd = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
      expect(Math.abs(fd - g[i]), `${t.name} d/dq[${i}] at ${Array.from(q)}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g[i])));
    }
    const out = e.constrain(q);
    const outRef = ref.out(q);
    for (let i = 0; i < outRef.length; i++) expect(out[i]).toBeCloseTo(outRef[i], 12);
  }
}

describe('posteriordb targets match their model.md', () => {
  for (const model of Object.keys(POSTERIORDB_POSTERIORS) as PosteriordbModel[]) {
    it(model, () => {
      const data = loadData(model);
      const t = packPosteriordb(model, data);
      const ref = JSON.parse(readFileSync(new URL(`${POSTERIORDB_POSTERIORS[model]}/reference.json`, DB), 'utf8'));
      expect(t.outputNames.sort()).toEqual(Object.keys(ref.parameters).sort());
      checkTarget(packPosteriordb(model, data), referenceFor(model, data));
    });
  }
});

describe('analytic targets', () => {
  it('correlated Gaussian: lp is the MVN density, gradient -Σ⁻¹(q - m)', () => {
    const mean = [1, -2, 0.5];
    const cov = [
      [4, 1.2, -0.3],
      [1.2, 1, 0.1],
      [-0.3, 0.1, 0.25],
    ];
    const ref: Reference = {
      lp: (q) => {
        const d = Array.from(q, (x, i) => x - mean[i]);
        const z = solve(cov, d);
        return -0.5 * d.reduce((s, di, i) => s + di * z[i], 0);
      },
      out: (q) => Array.from(q),
    };
    checkTarget(packGaussian(mean, cov), ref);
  });

  it("Neal's funnel: v ~ N(0, 3), x_i ~ N(0, exp(v/2))", () => {
    const ref: Reference = {
      lp: (q) => {
        let lp = normal(q[0], 0, 3);
        for (let i = 1; i < q.length; i++) lp += normal(q[i], 0, Math.exp(q[0] / 2));
        return lp;
      },
      out: (q) => Array.from(q),
    };
    checkTarget(packFunnel(6), ref);
  });

  it('a non-positive-definite covariance is refused with a message', () => {
    expect(() => packGaussian([0, 0], [[1, 2], [2, 1]])).toThrow(/positive definite/);
  });

  it('malformed blocks are rejected with a negative code, not loaded', () => {
    const e = WasmEngine.createSync(module);
    expect(() => e.loadTestTarget(1, Float64Array.from([2, 0, 0, 1]))).toThrow(/rejected/);
    expect(() => e.loadTestTarget(3, Float64Array.from([1, 5, -1]))).toThrow(/code -2/);
    expect(() => e.loadTestTarget(99, Float64Array.from([1]))).toThrow(/code -3/);
  });
});
