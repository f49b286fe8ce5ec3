// Chain progress is throttled by time in the worker (src/engine/progress-throttle.ts): on a
// fake clock the number of reports passed on is at most one per interval plus the phase
// boundaries, and the first and last report of every phase always go; a real chain reports
// through the worker API the same way and its draws are the bits it gives with no listener;
// after a cancel is acknowledged nothing more reaches the caller (pool.ts), whether the
// reports come from a worker still posting or from an in-process chain, which stops.
import { describe, expect, it } from 'vitest';
import type { ChainProgress, ChainResult, FitPhase } from '../../src/core/types';
import type { ChainJob } from '../../src/engine/chain-job';
import { runChain } from '../../src/engine/chain-runner';
import { makeChainWorkerApi, type ChainWorkerApi } from '../../src/engine/chain-worker-api';
import { ChainPool, type WorkerSlot } from '../../src/engine/pool';
import { PROGRESS_INTERVAL_MS, ProgressThrottle } from '../../src/engine/progress-throttle';
import { packGaussian } from '../../src/engine/test-targets';
import { wasmModule } from '../../src/node/wasm-bytes';

const I = PROGRESS_INTERVAL_MS;

/** The runner's reports for a chain of `warmup` + `draws` iterations, one per chunk. */
function reports(warmup: number, draws: number, chunk: number): ChainProgress[] {
  const total = warmup + draws;
  const out: ChainProgress[] = [];
  for (let done = Math.min(chunk, total); ; done = Math.min(done + chunk, total)) {
    const phase: FitPhase = done >= total ? 'done' : done < warmup ? 'warmup' : 'sampling';
    out.push({ chain: 0, phase, iteration: done, total, divergences: 0, step_size: 0.5, elapsed_ms: 0 });
    if (done >= total) return out;
  }
}

/** Feeds reports `gapMs` apart on a fake clock; returns what went out and when. */
function throttled(rs: ChainProgress[], gapMs: number, end: 'flush' | 'discard' = 'flush') {
  let t = 0;
  const sent: Array<{ p: ChainProgress; t: number }> = [];
  const th = new ProgressThrottle((p) => sent.push({ p, t }), () => t);
  for (const p of rs) {
    t += gapMs;
    th.report(p);
  }
  if (end === 'flush') th.flush();
  else th.discard();
  return { sent, elapsed: t };
}

/** The first and the last report of each phase, by iteration. */
function boundaries(rs: ChainProgress[]): number[] {
  const out = new Set<number>();
  rs.forEach((p, i) => {
    if (i === 0 || rs[i - 1].phase !== p.phase) out.add(p.iteration);
    if (i === rs.length - 1 || rs[i + 1].phase !== p.phase) out.add(p.iteration);
  });
  return [...out].sort((a, b) => a - b);
}

describe('ProgressThrottle on a fake clock', () => {
  // Chunk gaps from far below the interval (a small model) to above it (a slow one).
  for (const gap of [0.25, 1, 7, 33, 99, 100, 101, 250]) {
    it(`reports ${gap} ms apart: at most elapsed/interval + phase boundaries, boundaries always, order kept`, () => {
      const rs = reports(1000, 1000, 5);
      const { sent, elapsed } = throttled(rs, gap);
      const phases = new Set(rs.map((p) => p.phase)).size;
      // Per phase: its first report, one per full interval after it, and its held last report.
      expect(sent.length).toBeLessThanOrEqual(Math.floor(elapsed / I) + 2 * phases);
      const its = sent.map((s) => s.p.iteration);
      for (const b of boundaries(rs)) expect(its).toContain(b);
      expect(its).toEqual([...its].sort((a, b) => a - b));
      expect(new Set(its).size).toBe(its.length);
      // Never silent for long: consecutive reports at most one interval plus one chunk apart.
      for (let k = 1; k < sent.length; k++) expect(sent[k].t - sent[k - 1].t).toBeLessThanOrEqual(I + gap);
      // Reports slower than the interval all go through.
      if (gap >= I) expect(sent.length).toBe(rs.length);
    });
  }

  it('a fast chain sends a handful of reports, not one per chunk', () => {
    // 2000 chunks 0.25 ms apart = 500 ms: 5 intervals + 3 phases' first and last, not 2000.
    const rs = reports(5000, 5000, 5);
    const { sent } = throttled(rs, 0.25);
    expect(rs.length).toBe(2000);
    expect(sent.length).toBeLessThanOrEqual(5 + 6);
    expect(sent.at(-1)!.p).toMatchObject({ phase: 'done', iteration: 10_000 });
  });

  it('a chain that stops mid-phase (sampler error): its last report goes out on flush', () => {
    const rs = reports(1000, 1000, 5).slice(0, 150); // stops at iteration 750, in warmup
    const { sent } = throttled(rs, 1);
    expect(sent.at(-1)!.p.iteration).toBe(750);
  });

  it('after discard (a cancel) the held report never goes out', () => {
    const rs = reports(1000, 1000, 5).slice(0, 150);
    const { sent } = throttled(rs, 1, 'discard');
    expect(sent.at(-1)!.p.iteration).toBeLessThan(750);
  });
});

const module = wasmModule('engine');
const gauss = packGaussian([1, -2, 0.5], [
  [1, 0.3, 0],
  [0.3, 2, 0],
  [0, 0, 0.5],
]);
const job = (over: Partial<ChainJob> = {}): ChainJob => ({
  target: { kind: 'test', id: gauss.kind, block: gauss.block },
  chain: 0,
  seed: 91,
  warmup: 150,
  draws: 150,
  adapt_delta: 0.8,
  max_treedepth: 6,
  chunk_size: 1,
  ...over,
});
const bits = (r: ChainResult) => Buffer.from(r.draws.buffer, r.draws.byteOffset, r.draws.byteLength).toString('base64');

describe('a real chain through the worker API', () => {
  it('one report per chunk from the runner, throttled on the way out; the draws are unchanged', async () => {
    const raw: ChainProgress[] = [];
    const plain = runChain(module, job(), { onProgress: (p) => raw.push(p) });
    expect(raw).toHaveLength(300);
    // A fake clock ticking 2 ms per reading: 300 chunks read it at least 300 times.
    let t = 0;
    const clock = () => (t += 2);
    const sent: ChainProgress[] = [];
    const api = makeChainWorkerApi(async () => module, false, clock);
    const r = await api.runChain(job(), (p) => sent.push(p));
    expect(sent.length).toBeLessThanOrEqual(Math.floor(t / I) + 2 * 3);
    expect(sent.length).toBeLessThan(raw.length / 5);
    const its = sent.map((p) => p.iteration);
    for (const b of boundaries(raw)) expect(its).toContain(b);
    expect(sent.at(-1)).toMatchObject({ phase: 'done', iteration: 300 });
    // Progress is read from the engine, never fed back: same bits with and without listeners.
    expect(bits(r)).toBe(bits(plain));
    expect(bits(await makeChainWorkerApi(async () => module, false).runChain(job()))).toBe(bits(plain));
  });
});

describe('nothing reaches the caller after a cancel', () => {
  it('a worker still posting after the abort: its late reports are dropped by the pool', async () => {
    // A stand-in for a Web Worker: reports arrive as messages (macrotasks), and the ones
    // already posted when it is terminated still arrive, as a real worker's can.
    let afterTerminate = 0;
    const spawn = (): WorkerSlot => {
      let terminated = false;
      const api: ChainWorkerApi = {
        runChain: (j, onProgress) =>
          new Promise<ChainResult>(() => {
            let i = 0;
            const tick = () => {
              if (terminated && afterTerminate++ >= 5) return;
              onProgress?.({ chain: j.chain, phase: 'warmup', iteration: ++i, total: 100, divergences: 0, step_size: 1, elapsed_ms: i });
              setTimeout(tick, 1);
            };
            setTimeout(tick, 1);
          }),
      };
      return { api, terminate: () => void (terminated = true) };
    };
    const pool = new ChainPool(spawn, 2);
    const ctrl = new AbortController();
    let afterAbort = 0;
    let seen = 0;
    const run = pool.run([job(), job({ chain: 1 })], {
      signal: ctrl.signal,
      onProgress: () => {
        if (ctrl.signal.aborted) afterAbort++;
        if (++seen === 3) ctrl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 50));
    expect(afterTerminate).toBeGreaterThan(0); // the stand-in did post late reports
    expect(afterAbort).toBe(0);
  });

  it('an in-process chain stops at the next chunk and reports nothing more', async () => {
    let clockReads = 0;
    let readsAtAbort = -1;
    const api = makeChainWorkerApi(async () => module, false, () => ++clockReads);
    const pool = new ChainPool(() => Object.assign({ api, terminate: () => {} }, { inProcess: true }), 1);
    const ctrl = new AbortController();
    let afterAbort = 0;
    const run = pool.run([job({ warmup: 20_000, draws: 20_000 })], {
      signal: ctrl.signal,
      onProgress: (p) => {
        if (ctrl.signal.aborted) afterAbort++;
        else if (p.iteration >= 10) {
          readsAtAbort = clockReads;
          ctrl.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(afterAbort).toBe(0);
    // The throttle reads the clock once per chunk: no chunk ran after the abort.
    expect(clockReads).toBe(readsAtAbort);
  });
});
