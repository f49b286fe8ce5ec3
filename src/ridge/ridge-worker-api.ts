// What the ridge worker exposes (ridge.worker.ts): the search with its bootstrap (run.ts) and
// the refit of a model the analyst picks on the Pareto front (choose.ts), both synchronous
// inside the worker, with progress throttled on the way out.
//
// Ordering: the progress callback is a Comlink proxy with its own MessagePort, the result goes
// back over the worker's port, and messages on two ports are not ordered with each other, so
// the result could overtake the final 'done' report. A proxy call's promise settles after the
// main side ran the callback, and one port delivers in order: awaiting the last report's
// promise before returning means the caller has seen every report when the result arrives
// (as src/engine/chain-worker-api.ts does for chains).
import type { Dataset } from '../core/types';
import { refitChosen } from './choose';
import { runRidge } from './run';
import type { RidgeOptions, RidgeProgress, RidgeResult } from './types';

export const RIDGE_PROGRESS_INTERVAL_MS = 100;

/** At most one report per interval; the first and the last ('done') always go through. `delivered` is the last report's delivery. */
function throttled(onProgress: ((p: RidgeProgress) => unknown) | undefined, now: () => number) {
  let last = -Infinity;
  let delivered: unknown;
  const report = (p: RidgeProgress) => {
    const t = now();
    if (p.phase === 'done' || t - last >= RIDGE_PROGRESS_INTERVAL_MS) {
      last = t;
      delivered = onProgress?.(p);
    }
  };
  return { report, delivered: () => delivered };
}

/** `now` is the throttle's clock (tests pass a fake one); it never reaches the fit. */
export function makeRidgeWorkerApi(now: () => number = () => performance.now()) {
  return {
    async run(data: Dataset, opts: RidgeOptions, onProgress?: (p: RidgeProgress) => unknown) {
      const t = throttled(onProgress, now);
      const result = runRidge(data, opts, { onProgress: t.report });
      await t.delivered();
      return result;
    },
    async choose(data: Dataset, opts: RidgeOptions, result: RidgeResult, id: number, automatic: number, onProgress?: (p: RidgeProgress) => unknown) {
      const t = throttled(onProgress, now);
      const out = refitChosen(data, opts, result, id, automatic, { onProgress: t.report });
      await t.delivered();
      return out;
    },
  };
}

export type RidgeWorkerApi = ReturnType<typeof makeRidgeWorkerApi>;
