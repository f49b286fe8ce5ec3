// A chain's last progress report reaches the caller before its result (chain-worker-api.ts).
// In a worker the reports travel on the progress proxy's own MessagePort and the result on
// the worker's port; nothing orders the two, so before the fix a result could overtake the
// final "done" report and the CLI printed a finished chain as "sampling".
//
// The seam makes the race certain instead of hoping for it: the progress channel below is
// delayed by timers (a FIFO channel, as one MessagePort is, answering each call with a
// promise once the callback has run, as a Comlink proxy does), while the result comes back
// at once. Without the fix every run here fails: the results resolve before any report.
// The last test runs the same check through real worker threads (the CLI's pool).
import { describe, expect, it } from 'vitest';
import type { ChainProgress, ChainResult } from '../../src/core/types';
import type { ChainJob } from '../../src/engine/chain-job';
import { makeChainWorkerApi, type ChainWorkerApi } from '../../src/engine/chain-worker-api';
import { ChainPool, type WorkerSlot } from '../../src/engine/pool';
import { packGaussian } from '../../src/engine/test-targets';
import { createNodePool } from '../../src/node/node-pool';
import { wasmModule } from '../../src/node/wasm-bytes';
import { lateChannel } from './late-channel';

const module = wasmModule('engine');
const gauss = packGaussian([1, -2], [
  [1, 0.3],
  [0.3, 2],
]);
const job = (chain: number, seed: number): ChainJob => ({
  target: { kind: 'test', id: gauss.kind, block: gauss.block },
  chain,
  seed,
  warmup: 40,
  draws: 30,
  adapt_delta: 0.8,
  max_treedepth: 5,
  chunk_size: 3,
});

/** Records, per chain, the reports seen and the last report seen when its result arrived. */
class Recorder {
  events = new Map<number, ChainProgress[]>();
  atResult = new Map<number, ChainProgress | undefined>();
  onProgress = (p: ChainProgress) => {
    const list = this.events.get(p.chain) ?? [];
    list.push(p);
    this.events.set(p.chain, list);
  };
  result(r: ChainResult): ChainResult {
    this.atResult.set(r.chain, this.events.get(r.chain)?.at(-1));
    return r;
  }
}

/** Slots running chains on this thread, with the progress channel delayed per chain. */
function lateSlots(rec: Recorder, delayOf: (chain: number) => number) {
  const inner = makeChainWorkerApi(async () => module, false);
  return (): WorkerSlot => {
    const api: ChainWorkerApi = {
      runChain: async (j, onProgress) => {
        const r = await inner.runChain(j, onProgress && lateChannel(onProgress, delayOf(j.chain)));
        return rec.result(r);
      },
    };
    return { api, terminate: () => {} };
  };
}

function expectDoneLast(rec: Recorder, jobs: ChainJob[], label: string): void {
  for (const j of jobs) {
    const total = j.warmup + j.draws;
    expect(rec.atResult.get(j.chain), `${label}, chain ${j.chain}: last report when its result came`).toMatchObject({ phase: 'done', iteration: total });
    const evs = rec.events.get(j.chain)!;
    expect(evs.at(-1), `${label}, chain ${j.chain}: last report of all`).toMatchObject({ phase: 'done', iteration: total });
    expect(evs.filter((p) => p.phase === 'done'), `${label}, chain ${j.chain}: one done`).toHaveLength(1);
  }
}

describe('the last progress report of a chain comes before its result', () => {
  it('30 runs of 4 chains with the progress channel 0–12 ms late: "done" is always last and before the result', async () => {
    for (let run = 0; run < 30; run++) {
      const rec = new Recorder();
      // Different lateness per chain and run, including 0 ms (a timer still lands after the result).
      const pool = new ChainPool(lateSlots(rec, (c) => (run * 7 + c * 5) % 13), 1 + (run % 4));
      const jobs = [0, 1, 2, 3].map((c) => job(c, 1000 + run));
      let lastAtResolve: Array<ChainProgress | undefined> = [];
      const results = await pool.run(jobs, { onProgress: rec.onProgress }).then((rs) => {
        lastAtResolve = jobs.map((j) => rec.events.get(j.chain)?.at(-1));
        return rs;
      });
      expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      // Anything still travelling would land within the longest delay; wait past it.
      await new Promise((r) => setTimeout(r, 30));
      expectDoneLast(rec, jobs, `run ${run}`);
      for (const [c, p] of lastAtResolve.entries()) expect(p, `run ${run}, chain ${c} when the run resolved`).toMatchObject({ phase: 'done' });
    }
  }, 60_000);

  it('real worker threads (the CLI pool): 8 runs of 4 chains, "done" is each chain\'s last report when the run resolves', async () => {
    const pool = createNodePool(4, 2);
    try {
      for (let run = 0; run < 8; run++) {
        const rec = new Recorder();
        const jobs = [0, 1, 2, 3].map((c) => ({ ...job(c, 2000 + run), chunk_size: 1 }));
        await pool.run(jobs, { onProgress: rec.onProgress });
        for (const j of jobs) expect(rec.events.get(j.chain)?.at(-1), `run ${run}, chain ${j.chain}`).toMatchObject({ phase: 'done', iteration: 70 });
      }
    } finally {
      pool.dispose();
    }
  }, 120_000);
});
