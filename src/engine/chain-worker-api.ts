// What a chain worker exposes (browser Web Worker or Node worker thread): run one chain,
// report throttled progress, hand the arrays back as transferables.
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
   */
  runChain(job: ChainJob, onProgress?: (p: ChainProgress) => void, shouldStop?: () => boolean): Promise<ChainResult>;
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
      // The returned promise of a Comlink proxy is not awaited: a report is fire-and-forget.
      const throttle = onProgress ? new ProgressThrottle((p) => void onProgress(p), now) : undefined;
      let result: ChainResult;
      try {
        result = runChain(m, job, { onProgress: throttle && ((p) => throttle.report(p)), shouldStop });
      } catch (e) {
        throttle?.discard();
        throw e;
      }
      // A chain that stopped on a sampler error ends mid-phase: its last report still goes.
      throttle?.flush();
      return transferable ? transfer(result, [result.draws.buffer, result.stats.buffer, result.inv_metric.buffer] as Transferable[]) : result;
    },
  };
}
