// The ridge fallback in a Web Worker (Comlink): the search with its bootstrap (run.ts), and the
// refit of a model the analyst picks on the Pareto front (choose.ts). Both are synchronous
// inside the worker; progress goes back through a Comlink-proxied callback, throttled here.
// Cancellation: the main side terminates the worker (ridge-client.ts).
import { expose } from 'comlink';
import type { Dataset } from '../core/types';
import { refitChosen } from './choose';
import { runRidge } from './run';
import type { RidgeOptions, RidgeProgress, RidgeResult } from './types';

const THROTTLE_MS = 100;

/** At most one report per THROTTLE_MS; the first and the last ('done') always go through. */
function throttled(onProgress?: (p: RidgeProgress) => void): (p: RidgeProgress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (p.phase === 'done' || now - last >= THROTTLE_MS) {
      last = now;
      void onProgress?.(p);
    }
  };
}

const api = {
  run(data: Dataset, opts: RidgeOptions, onProgress?: (p: RidgeProgress) => void) {
    return runRidge(data, opts, { onProgress: throttled(onProgress) });
  },
  choose(data: Dataset, opts: RidgeOptions, result: RidgeResult, id: number, automatic: number, onProgress?: (p: RidgeProgress) => void) {
    return refitChosen(data, opts, result, id, automatic, { onProgress: throttled(onProgress) });
  },
};

export type RidgeWorkerApi = typeof api;

expose(api);
