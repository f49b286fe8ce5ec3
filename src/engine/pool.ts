// A pool of chain workers: min(chains, cores) workers, one chain per worker at a time,
// progress forwarded, cancellation by AbortSignal (the busy workers are terminated, as
// squoosh does, because a synchronous WASM loop cannot be interrupted any other way).
// The same class drives browser Web Workers and Node worker_threads; only `spawn` differs.
import { proxy, type Remote } from 'comlink';
import type { ChainProgress, ChainResult } from '../core/types';
import type { ChainJob } from './chain-job';
import type { ChainWorkerApi } from './chain-worker-api';

export interface WorkerSlot {
  api: Remote<ChainWorkerApi> | ChainWorkerApi;
  terminate(): void;
}

export interface PoolRunOptions {
  onProgress?(p: ChainProgress): void;
  signal?: AbortSignal;
}

export function abortError(): Error {
  const e = new Error('The fit was cancelled.');
  e.name = 'AbortError';
  return e;
}

export class ChainPool {
  private idle: WorkerSlot[] = [];
  private busy = new Set<WorkerSlot>();
  private spawned = 0;

  constructor(
    private readonly spawn: () => WorkerSlot,
    readonly size: number,
  ) {
    if (!(size >= 1)) throw new Error(`pool size must be at least 1, got ${size}`);
  }

  /** Runs every job; resolves with results in job order. Failed chains carry `error`. */
  run(jobs: ChainJob[], opts: PoolRunOptions = {}): Promise<ChainResult[]> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    const results: ChainResult[] = new Array(jobs.length);
    let next = 0;
    let settled = false;
    /** Cancelled or failed: the chains still running are being stopped. */
    let stopping = false;
    return new Promise<ChainResult[]>((resolve, reject) => {
      const onAbort = () => {
        if (settled) return;
        settled = stopping = true;
        this.terminateBusy();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (err) {
          stopping = true;
          this.terminateBusy();
          reject(err);
        } else resolve(results);
      };
      // Reports still in flight when the run is stopped (a worker posts them before it is
      // terminated) are dropped here: after the abort is acknowledged, nothing more arrives.
      // A chain's result comes only after its last report has been handled (chain-worker-api.ts),
      // so when the run resolves every chain's last report has been forwarded.
      const forward = (p: ChainProgress) => {
        if (!stopping) onProgress?.(p);
      };
      let running = 0;
      const launch = () => {
        while (!settled && running < this.size && next < jobs.length) {
          const i = next++;
          const slot = this.acquire();
          running++;
          Promise.resolve(this.start(slot, jobs[i], onProgress && forward, () => stopping))
            .then((r) => {
              results[i] = r;
              this.release(slot);
              running--;
              if (next >= jobs.length && running === 0) finish();
              else launch();
            })
            .catch((err: unknown) => finish(err));
        }
      };
      if (jobs.length === 0) finish();
      else launch();
    });
  }

  /**
   * Starts one chain on a slot. A worker gets the progress callback as a Comlink proxy; an
   * in-process slot gets it as is, and also `stopped`, so a cancel stops its synchronous
   * loop at the next chunk (a worker's loop is stopped by terminating the worker).
   */
  private start(slot: WorkerSlot, job: ChainJob, progress: ((p: ChainProgress) => void) | undefined, stopped: () => boolean) {
    if ((slot as { inProcess?: boolean }).inProcess) return slot.api.runChain(job, progress, stopped);
    return slot.api.runChain(job, progress && proxy(progress));
  }

  private acquire(): WorkerSlot {
    const slot = this.idle.pop() ?? (this.spawned++, this.spawn());
    this.busy.add(slot);
    return slot;
  }

  private release(slot: WorkerSlot): void {
    this.busy.delete(slot);
    this.idle.push(slot);
  }

  private terminateBusy(): void {
    for (const s of this.busy) s.terminate();
    this.busy.clear();
  }

  /** Terminates every worker; the pool respawns lazily if used again. */
  dispose(): void {
    this.terminateBusy();
    for (const s of this.idle) s.terminate();
    this.idle = [];
  }
}
