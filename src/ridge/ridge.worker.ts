// The ridge fallback in a Web Worker (Comlink). The search and bootstrap are synchronous
// inside the worker; progress goes back through a Comlink-proxied callback, throttled here.
// Cancellation: the main side terminates the worker (ridge-client.ts).
import { expose } from 'comlink';
import type { Dataset } from '../core/types';
import { runRidge } from './run';
import type { RidgeOptions, RidgeProgress } from './types';

const THROTTLE_MS = 100;

const api = {
  run(data: Dataset, opts: RidgeOptions, onProgress?: (p: RidgeProgress) => void) {
    let last = -Infinity; // the first report of a run always goes through
    return runRidge(data, opts, {
      onProgress: (p) => {
        const now = performance.now();
        if (p.phase === 'done' || now - last >= THROTTLE_MS) {
          last = now;
          void onProgress?.(p);
        }
      },
    });
  },
};

export type RidgeWorkerApi = typeof api;

expose(api);
