// The sampler on targets with known answers: a correlated Gaussian's mean and covariance
// within Monte Carlo error, divergences in Neal's funnel, Stan's warmup schedule, the dual
// averaging identity, and a metric adapted to the posterior scales.
import { beforeAll, describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain-runner';
import { packFunnel, packGaussian, type PackedTestTarget } from '../../src/engine/test-targets';
import { essBulk, mcseMean } from '../../src/diagnostics';
import { wasmModule } from '../../src/node/wasm-bytes';
import type { ChainResult } from '../../src/core/types';

const module = wasmModule('engine');
const STAT = { lp: 0, acceptance_rate: 1, step_size: 2, tree_depth: 3, n_steps: 4, diverging: 5, energy: 6 };

function chains(t: PackedTestTarget, seed: number, adaptDelta = 0.8, warmup = 1000, draws = 1000): ChainResult[] {
  return [0, 1, 2, 3].map((chain) =>
    runChain(module, {
      target: { kind: 'test', id: t.kind, block: t.block },
      chain,
      seed,
      warmup,
      draws,
      adapt_delta: adaptDelta,
      max_treedepth: 10,
      chunk_size: 250,
    }),
  );
}

/** Post-warmup series of f(draw row), one per chain. */
function series(results: ChainResult[], f: (row: Float64Array) => number): Float64Array[] {
  return results.map((r) => {
    const out = new Float64Array(r.draws_count);
    for (let i = 0; i < r.draws_count; i++) out[i] = f(r.draws.subarray((r.warmup + i) * r.n_out, (r.warmup + i + 1) * r.n_out));
    return out;
  });
}

function stat(r: ChainResult, row: number, name: keyof typeof STAT): number {
  return r.stats[row * 7 + STAT[name]];
}

const mean = (xs: Float64Array[]) => xs.reduce((s, x) => s + x.reduce((a, b) => a + b, 0), 0) / xs.reduce((n, x) => n + x.length, 0);

describe('correlated Gaussian', () => {
  const mu = [1, -2, 0.5, 10, 0];
  const sd = [2, 1, 0.5, 5, 0.1];
  const corr = [
    [1, 0.6, -0.3, 0.2, 0],
    [0.6, 1, 0.2, 0, 0.5],
    [-0.3, 0.2, 1, -0.4, 0],
    [0.2, 0, -0.4, 1, 0.3],
    [0, 0.5, 0, 0.3, 1],
  ];
  const cov = corr.map((row, i) => row.map((c, j) => c * sd[i] * sd[j]));
  let results: ChainResult[] = [];
  beforeAll(() => {
    results = chains(packGaussian(mu, cov), 3);
  }, 120_000);

  it('runs 4 × 2000 iterations without error', () => {
    for (const r of results) expect(r.error).toBeUndefined();
  });

  it('recovers every mean within 4 MCSE (MCSE = sd / sqrt(bulk ESS))', () => {
    for (let i = 0; i < mu.length; i++) {
      const x = series(results, (d) => d[i]);
      const mcse = Math.sqrt(cov[i][i] / essBulk(x));
      expect(Math.abs(mean(x) - mu[i]), `mean[${i}]`).toBeLessThanOrEqual(4 * mcse);
    }
  });

  it('recovers every covariance entry within 4 MCSE of the mean of (x_i - mu_i)(x_j - mu_j)', () => {
    for (let i = 0; i < mu.length; i++) {
      for (let j = i; j < mu.length; j++) {
        const y = series(results, (d) => (d[i] - mu[i]) * (d[j] - mu[j]));
        expect(Math.abs(mean(y) - cov[i][j]), `cov[${i}][${j}]`).toBeLessThanOrEqual(4 * mcseMean(y));
      }
    }
  });

  it('adapts the inverse metric to the marginal variances (sd from 0.1 to 5)', () => {
    for (const r of results) {
      for (let i = 0; i < mu.length; i++) {
        // The last slow window holds 500 draws: the variance estimate is within ±40% with a wide margin.
        const ratio = r.inv_metric[i] / cov[i][i];
        expect(ratio, `chain ${r.chain} inv_metric[${i}]`).toBeGreaterThan(0.6);
        expect(ratio).toBeLessThan(1.4);
      }
    }
  });
});

describe("Neal's funnel", () => {
  let results: ChainResult[] = [];
  beforeAll(() => {
    results = chains(packFunnel(10), 5);
  }, 120_000);

  it('reports divergent transitions, at the neck (small v) rather than in the mouth', () => {
    let divergent = 0;
    let vDivergent = 0;
    let vAll = 0;
    let n = 0;
    for (const r of results) {
      for (let i = r.warmup; i < r.warmup + r.draws_count; i++) {
        const v = r.draws[i * r.n_out];
        vAll += v;
        n++;
        if (stat(r, i, 'diverging') === 1) {
          divergent++;
          vDivergent += v;
        }
      }
    }
    expect(divergent).toBeGreaterThan(0);
    expect(vDivergent / divergent).toBeLessThan(vAll / n);
  });
});

describe('warmup', () => {
  const engine = new WebAssembly.Instance(module, {}).exports as unknown as {
    memory: WebAssembly.Memory;
    alloc(n: number): number;
    windowTestSchedule(numWarmup: number, out: number, maxOut: number): number;
  };
  const buf = engine.alloc(8 * 64);
  const schedule = (w: number) => Array.from(new Float64Array(engine.memory.buffer, buf, engine.windowTestSchedule(w, buf, 64)));

  it("metric updates at the end of Stan's windows: 75 + 25/50/100/200/500 + 50 for 1000 warmup", () => {
    // Stan Reference Manual, "Automatic parameter tuning": windows end at warmup iterations 100, 150, 250, 450, 950.
    expect(schedule(1000)).toEqual([99, 149, 249, 449, 949]);
    // 2000: the window after 400 (800) would leave less than twice its size, so it stretches to 1950.
    expect(schedule(2000)).toEqual([99, 149, 249, 449, 849, 1949]);
    // Too short for 75 + 25 + 50: Stan's fallback 15% / 75% / 10% gives one window, 15..89.
    expect(schedule(100)).toEqual([89]);
    expect(schedule(150)).toEqual([99]);
    // Fewer than 20 warmup iterations: no metric adaptation.
    expect(schedule(19)).toEqual([]);
  });

  it('dual averaging satisfies its closed form: mean(delta - accept) over t iterations = gamma (mu - log eps_t) sqrt(t) / (t + t0)', { timeout: 120_000 }, () => {
    // Hoffman & Gelman 2014, eq. (6)-(7) with s̄ written as a sum: s̄_t = Σ(δ - α_i) / (t + t0),
    // log ε_t = μ - sqrt(t) s̄_t / γ. Checked over the terminal buffer (iterations 950..999),
    // where μ = log(10 ε_950) after the last metric update.
    const delta = 0.8;
    const results = chains(packGaussian([0, 0, 0], [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 4]]), 9, delta);
    for (const r of results) {
      const first = 950;
      const t = 999 - first;
      let sum = 0;
      for (let i = first; i < first + t; i++) sum += delta - Math.min(1, stat(r, i, 'acceptance_rate'));
      const mu = Math.log(10 * stat(r, first, 'step_size'));
      const logEps = Math.log(stat(r, first + t, 'step_size'));
      expect(sum / (t + 10)).toBeCloseTo((0.05 * (mu - logEps)) / Math.sqrt(t), 10);
    }
  });

  it('a higher adapt_delta gives a smaller step size and a higher acceptance rate', { timeout: 120_000 }, () => {
    const t = packGaussian([0, 0, 0, 0], [[1, 0.9, 0, 0], [0.9, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 9]]);
    const summary = (delta: number) => {
      const rs = chains(t, 4, delta);
      let acc = 0;
      let eps = 0;
      for (const r of rs) {
        eps += r.step_size / rs.length;
        for (let i = r.warmup; i < r.warmup + r.draws_count; i++) acc += stat(r, i, 'acceptance_rate') / (rs.length * r.draws_count);
      }
      return { acc, eps };
    };
    const low = summary(0.8);
    const high = summary(0.95);
    expect(high.eps).toBeLessThan(low.eps);
    expect(high.acc).toBeGreaterThan(low.acc);
    // Dual averaging targets delta; the final exp(x̄) is a little smaller than the last iterates.
    expect(low.acc).toBeGreaterThan(0.8 - 0.05);
    expect(high.acc).toBeGreaterThan(0.95 - 0.05);
  });
});
