// Same job → the same bits, whatever the chunk size; chains and seeds give different
// streams; the runner reports progress, honours cancellation between chunks and returns a
// failed init as a value. Every comparison is on the raw bytes of the draws and stats.
import { beforeAll, describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain-runner';
import { WasmEngine } from '../../src/engine/wasm-engine';
import type { ChainJob } from '../../src/engine/chain-job';
import { packPosteriordb, packGaussian, POSTERIORDB_POSTERIORS } from '../../src/engine/test-targets';
import { wasmModule } from '../../src/node/wasm-bytes';
import type { ChainProgress, ChainResult } from '../../src/core/types';
import { readFileSync } from 'node:fs';

const module = wasmModule('engine');
const data = JSON.parse(
  readFileSync(new URL(`../../../shared/data/posteriordb/${POSTERIORDB_POSTERIORS.garch11}/data.json`, import.meta.url), 'utf8'),
);
// garch11: a non-Gaussian posterior with constrained parameters, so every code path runs.
const garch = packPosteriordb('garch11', data);

function job(over: Partial<ChainJob> = {}): ChainJob {
  return {
    target: { kind: 'test', id: garch.kind, block: garch.block },
    chain: 0,
    seed: 20240611,
    warmup: 1000,
    draws: 1000,
    adapt_delta: 0.8,
    max_treedepth: 10,
    chunk_size: 1000,
    ...over,
  };
}

const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function expectIdentical(a: ChainResult, b: ChainResult): void {
  expect(bytes(a.draws)).toEqual(bytes(b.draws));
  expect(bytes(a.stats)).toEqual(bytes(b.stats));
  expect(bytes(a.inv_metric)).toEqual(bytes(b.inv_metric));
  expect(Object.is(a.step_size, b.step_size)).toBe(true);
  expect(a.gradient_evaluations).toBe(b.gradient_evaluations);
}

let reference: ChainResult;
beforeAll(() => {
  reference = runChain(module, job());
}, 120_000);

describe('determinism', () => {

  it('the same job twice gives bit-identical draws, stats, metric and step size', () => {
    expectIdentical(reference, runChain(module, job()));
  });

  it('chunks of 37 iterations give the same bits as chunks of 1000', () => {
    expectIdentical(reference, runChain(module, job({ chunk_size: 37 })));
  });

  it('one iteration per chunk gives the same bits too (short run)', () => {
    const short = { warmup: 150, draws: 50 };
    expectIdentical(runChain(module, job({ ...short, chunk_size: 200 })), runChain(module, job({ ...short, chunk_size: 1 })));
  });

  it('different chains and different seeds give different draws', () => {
    const other = runChain(module, job({ chain: 1 }));
    const otherSeed = runChain(module, job({ seed: 20240612 }));
    for (const r of [other, otherSeed]) {
      let same = 0;
      for (let i = 0; i < r.draws.length; i++) if (r.draws[i] === reference.draws[i]) same++;
      expect(same).toBe(0);
    }
  });

  it('seeds above 2^32 use their high bits', () => {
    const hi = runChain(module, job({ seed: 2 ** 40 + 5, warmup: 50, draws: 10 }));
    const lo = runChain(module, job({ seed: 5, warmup: 50, draws: 10 }));
    expect(bytes(hi.draws)).not.toEqual(bytes(lo.draws));
  });
});

describe('chain runner', () => {
  it('reports progress after every chunk, through warmup and sampling to done', () => {
    const seen: ChainProgress[] = [];
    const r = runChain(module, job({ warmup: 100, draws: 60, chunk_size: 40 }), { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual([40, 80, 120, 160]);
    expect(seen.map((p) => p.phase)).toEqual(['warmup', 'warmup', 'sampling', 'done']);
    expect(seen.every((p) => p.total === 160 && p.chain === 0 && p.step_size > 0)).toBe(true);
    expect(r.draws.length).toBe(160 * 4);
    expect(r.stats.length).toBe(160 * 7);
  });

  it('stops with an AbortError between chunks when asked to', () => {
    let chunks = 0;
    const run = () =>
      runChain(module, job({ chunk_size: 10 }), {
        onProgress: () => chunks++,
        shouldStop: () => chunks >= 3,
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(chunks).toBe(3);
  });

  it('returns an init failure as a value with a readable error', () => {
    const t = packGaussian([0, 0], [[1, 0], [0, 1]]);
    const r = runChain(module, {
      ...job({ warmup: 10, draws: 10 }),
      target: { kind: 'test', id: t.kind, block: t.block },
      init: Float64Array.from([NaN, 0]),
    });
    expect(r.error).toMatch(/no initial point with a finite log density/);
  });

  it('counts gradient evaluations: every leapfrog step plus the inits and step-size searches', () => {
    const r = runChain(module, job({ warmup: 300, draws: 100 }));
    let leapfrogs = 0;
    for (let i = 0; i < 400; i++) leapfrogs += r.stats[i * 7 + 4];
    const extra = r.gradient_evaluations - leapfrogs;
    // At least the one evaluation at the initial point and the heuristic's trial steps
    // (>= 2 per search; one search at the start and one after each of the 3 metric
    // windows that fit in 300 warmup iterations), and far fewer than the trajectories.
    expect(extra).toBeGreaterThanOrEqual(1 + 4 * 2);
    expect(extra).toBeLessThan(leapfrogs / 10);
  });

  it('allocates nothing while sampling: the bump allocator does not move during samplerRun', () => {
    const engine = WasmEngine.createSync(module);
    engine.loadTestTarget(garch.kind, garch.block);
    expect(engine.samplerInit({ seed: 3, chain: 0, warmup: 300, draws: 200, adaptDelta: 0.8, maxTreeDepth: 10 })).toBe(0);
    const e = engine.exports;
    const a = e.alloc(8);
    const b = e.alloc(8);
    // Warmup (with metric updates and step-size searches) and sampling.
    expect(e.samplerRun(500)).toBe(500);
    const c = e.alloc(8);
    expect(c - b).toBe(b - a);
  });

  it('the stats columns are consistent: n_steps vs tree_depth, diverging in {0,1}, energy >= -lp', () => {
    const r = reference;
    for (let i = 0; i < 2000; i++) {
      const s = r.stats.subarray(i * 7, i * 7 + 7);
      const [lp, accept, eps, depth, nSteps, diverging, energy] = s;
      expect(accept).toBeGreaterThanOrEqual(0);
      expect(accept).toBeLessThanOrEqual(1);
      expect(eps).toBeGreaterThan(0);
      // A trajectory of depth d holds 2^d - 1 steps; a rejected last subtree adds up to 2^d more.
      expect(nSteps).toBeGreaterThanOrEqual(2 ** depth - 1);
      expect(nSteps).toBeLessThanOrEqual(2 ** (depth + 1) - 1);
      expect([0, 1]).toContain(diverging);
      // H = -lp + kinetic energy, and the kinetic energy is >= 0.
      expect(energy).toBeGreaterThanOrEqual(-lp);
    }
  });
});
