// Issue 2 acceptance 5 (Node part): the same seed and settings give bit-identical draws
// whatever the pool size (1, 2, 4 worker threads, or in-process) and the chunk size. The
// Chromium half lives with the browser tests.
import { describe, expect, it } from 'vitest';
import type { ChainResult } from '../../src/core/types';
import { chainJobs } from '../../src/engine/fit';
import { packMmm } from '../../src/engine/mmm/pack';
import { createInProcessPool, createNodePool } from '../../src/node/node-pool';
import { defaultModelSpec } from '../../src/model/spec';
import { MMM_EXAMPLE, wideCsvDataset } from '../helpers/csv-dataset';

const settings = { chains: 4, warmup: 60, draws: 40, seed: 20261122, adapt_delta: 0.8, max_treedepth: 6, metric: 'diag_e' as const };

function block(): Float64Array {
  const data = wideCsvDataset(MMM_EXAMPLE.rel, MMM_EXAMPLE.roles);
  const packed = packMmm(data, defaultModelSpec(data));
  if ('errors' in packed) throw new Error(packed.errors[0].message);
  return packed.block;
}

function bits(results: ChainResult[]): string[] {
  return results.map((r) => Buffer.from(r.draws.buffer, r.draws.byteOffset, r.draws.byteLength).toString('base64') + '|' + Buffer.from(r.stats.buffer, r.stats.byteOffset, r.stats.byteLength).toString('base64'));
}

describe('bit-identical draws across pools and chunk sizes', () => {
  it('in-process, 1, 2 and 4 worker threads, chunk sizes 50 and 7', async () => {
    const b = block();
    const reference = bits(await createInProcessPool().run(chainJobs(b, settings, 50)));
    expect(new Set(reference).size).toBe(4); // chains differ from each other
    for (const [size, chunk] of [
      [1, 7],
      [2, 50],
      [4, 7],
      [2, 13],
    ] as const) {
      const pool = createNodePool(settings.chains, size);
      try {
        const got = bits(await pool.run(chainJobs(b, settings, chunk)));
        expect(got, `pool ${size}, chunk ${chunk}`).toEqual(reference);
      } finally {
        pool.dispose();
      }
    }
  }, 300_000);

  it('a different seed gives different draws', async () => {
    const b = block();
    const a = bits(await createInProcessPool().run(chainJobs(b, { ...settings, chains: 1 }, 50)));
    const c = bits(await createInProcessPool().run(chainJobs(b, { ...settings, chains: 1, seed: settings.seed + 1 }, 50)));
    expect(a[0]).not.toEqual(c[0]);
  }, 120_000);

  it('cancelling through an AbortSignal rejects with AbortError and leaves the pool usable', async () => {
    const b = block();
    const pool = createNodePool(2, 2);
    try {
      const ctrl = new AbortController();
      const run = pool.run(chainJobs(b, { ...settings, warmup: 2000, draws: 2000, max_treedepth: 10 }, 5), {
        signal: ctrl.signal,
        onProgress: () => ctrl.abort(),
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      const again = await pool.run(chainJobs(b, { ...settings, chains: 1 }, 50));
      expect(again[0].error).toBeUndefined();
    } finally {
      pool.dispose();
    }
  }, 120_000);
});
