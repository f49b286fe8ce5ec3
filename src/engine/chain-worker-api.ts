// What a chain worker exposes (browser Web Worker or Node worker thread): run one chain,
// report throttled progress, hand the arrays back as transferables.
import { transfer } from 'comlink';
import type { ChainProgress, ChainResult } from '../core/types';
import type { ChainJob } from './chain-job';
import { runChain } from './chain-runner';

export interface ChainWorkerApi {
  runChain(job: ChainJob, onProgress?: (p: ChainProgress) => void): Promise<ChainResult>;
}

/** Minimum time between progress messages from one chain (ms); the final one always goes. */
export const PROGRESS_INTERVAL_MS = 100;

export function makeChainWorkerApi(getModule: () => Promise<WebAssembly.Module>, transferable = true): ChainWorkerApi {
  let module: Promise<WebAssembly.Module> | undefined;
  return {
    async runChain(job, onProgress) {
      module ??= getModule();
      const m = await module;
      let last = -Infinity;
      const result = runChain(m, job, {
        onProgress(p) {
          const now = Date.now();
          if (onProgress && (now - last >= PROGRESS_INTERVAL_MS || p.phase === 'done')) {
            last = now;
            void onProgress(p);
          }
        },
      });
      return transferable ? transfer(result, [result.draws.buffer, result.stats.buffer, result.inv_metric.buffer] as Transferable[]) : result;
    },
  };
}
