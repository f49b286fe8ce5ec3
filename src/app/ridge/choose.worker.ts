// Picking a model on the ridge front, off the main thread: the refit is quick, but the
// bootstrap repeats it hundreds of times (choose.ts). Progress is throttled like the ridge
// worker's; cancellation terminates the worker (choose-client.ts).
import { expose } from 'comlink';
import type { Dataset } from '../../core/types';
import type { RidgeOptions, RidgeProgress, RidgeResult } from '../../ridge/types';
import { refitChosen } from './choose';

const THROTTLE_MS = 100;

const api = {
  choose(data: Dataset, opts: RidgeOptions, result: RidgeResult, id: number, automatic: number, onProgress?: (p: RidgeProgress) => void) {
    let last = 0;
    return refitChosen(data, opts, result, id, automatic, {
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

export type ChooseWorkerApi = typeof api;

expose(api);
