// The studio's chain pool: Web Workers behind Comlink.
import { wrap } from 'comlink';
import { ChainPool, type WorkerSlot } from './pool';
import type { ChainWorkerApi } from './chain-worker-api';

function spawnWorker(): WorkerSlot {
  const worker = new Worker(new URL('./chain.worker.ts', import.meta.url), { type: 'module', name: 'carryover-chain' });
  return { api: wrap<ChainWorkerApi>(worker), terminate: () => worker.terminate() };
}

/** size defaults to min(chains, hardware concurrency). */
export function createBrowserPool(chains: number, size?: number): ChainPool {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return new ChainPool(spawnWorker, Math.max(1, size ?? Math.min(chains, cores)));
}
