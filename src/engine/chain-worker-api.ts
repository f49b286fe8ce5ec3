// What a chain worker exposes (browser Web Worker or Node worker thread): run one chain,
// report throttled progress, hand the arrays back as transferables.
//
// Ordering: in a worker the progress callback is a Comlink proxy, which talks over its own
// MessagePort, while the result goes back over the worker's port. Messages on different
// ports are not ordered with each other (HTML "message ports": each port has its own task
// source), so a result posted right after the last report can overtake it, and the caller
// would see a finished chain still "sampling". A Comlink proxy call returns a promise that
// settles once the callee has run (Comlink's RETURN message), and one port delivers in
// order, so awaiting the last report's promise means every report has been handled before
// the result is posted.
import { transfer } from 'comlink';
import type { ChainProgress, ChainResult } from '../core/types';
import type { ChainJob } from './chain-job';
import { runChain } from './chain-runner';
import { ProgressThrottle } from './progress-throttle';

export interface ChainWorkerApi {
  /**
   * Runs one chain. `onProgress` gets at most one report per PROGRESS_INTERVAL_MS plus the
   * first and last of each phase (progress-throttle.ts). `shouldStop` is for callers on the
   * same thread only (the in-process pool): a worker's synchronous loop cannot hear a
   * message, so a worker is stopped by terminating it (pool.ts). Once `shouldStop` is true
   * the chain reports nothing more and rejects with an AbortError.
   *
   * The promise resolves only after the last report has been delivered: when `onProgress`
   * returns a promise (a Comlink proxy does), the last one is awaited first, so the last
   * report a caller sees for a chain is its final one ("done", or where it stopped).
   */
  runChain(job: ChainJob, onProgress?: (p: ChainProgress) => unknown, shouldStop?: () => boolean): Promise<ChainResult>;
}

/** `now` is the throttle's clock (tests pass a fake one); it never reaches the sampler. */
export function makeChainWorkerApi(
  getModule: () => Promise<WebAssembly.Module>,
  transferable = true,
  now: () => number = () => performance.now(),
): ChainWorkerApi {
  let module: Promise<WebAssembly.Module> | undefined;
  return {
    async runChain(job, onProgress, shouldStop) {
      module ??= getModule();
      const m = await module;
      // Reports are not awaited one by one (the chain would wait on the main thread after every
      // chunk); only the last delivery is kept, and awaited before the result goes back.
      let lastDelivery: unknown;
      const throttle = onProgress ? new ProgressThrottle((p) => void (lastDelivery = onProgress(p)), now) : undefined;
      let result: ChainResult;
      try {
        result = runChain(m, job, { onProgress: throttle && ((p) => throttle.report(p)), shouldStop });
      } catch (e) {
        throttle?.discard();
        throw e;
      }
      // A chain that stopped on a sampler error ends mid-phase: its last report still goes.
      throttle?.flush();
      await lastDelivery;
      return transferable ? transfer(result, [result.draws.buffer, result.stats.buffer, result.inv_metric.buffer] as Transferable[]) : result;
    },
  };
}
