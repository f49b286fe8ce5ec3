// The headless chain pool over Node worker_threads (the bundled dist-node/chain-worker.mjs),
// plus an in-process pool for tests and single-chain runs.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ChainPool, type WorkerSlot } from '../engine/pool';
import { makeChainWorkerApi, type ChainWorkerApi } from '../engine/chain-worker-api';
import { wasmModule } from './wasm-bytes';

function workerScript(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = join(dir, 'dist-node', 'chain-worker.mjs');
    if (existsSync(p)) return p;
    const q = join(dir, 'chain-worker.mjs');
    if (existsSync(q)) return q;
    dir = dirname(dir);
  }
  throw new Error('carryover: dist-node/chain-worker.mjs is missing; run `npm run build:cli` first');
}

function spawnThread(): WorkerSlot {
  const worker = new Worker(workerScript());
  worker.unref();
  return { api: wrap<ChainWorkerApi>(nodeEndpoint(worker)), terminate: () => void worker.terminate() };
}

/** size defaults to min(chains, cores). */
export function createNodePool(chains: number, size?: number): ChainPool {
  return new ChainPool(spawnThread, Math.max(1, size ?? Math.min(chains, availableParallelism())));
}

/** Runs chains one after another on this thread (tests, debugging). */
export function createInProcessPool(): ChainPool {
  const api = makeChainWorkerApi(async () => wasmModule('engine'), false);
  return new ChainPool(() => Object.assign({ api, terminate: () => {} }, { inProcess: true }), 1);
}
