// Main-thread owner of the ridge worker: one call at a time, an AbortSignal that terminates
// the worker (the synchronous search cannot be interrupted any other way), progress through a
// Comlink proxy, failures as UserErrors. The result comes back as a plain structured-clone object.
import { proxy, wrap, type Remote } from 'comlink';
import type { Dataset, UserError } from '../core/types';
import type { RidgeWorkerApi } from './ridge-worker-api';
import type { RidgeOptions, RidgeProgress, RidgeResult } from './types';

type Outcome = RidgeResult | { errors: UserError[] };
type Hooks = { signal?: AbortSignal; onProgress?: (p: RidgeProgress) => void };
type Progress = ((p: RidgeProgress) => void) | undefined;

export class RidgeClient {
  private worker: Worker | null = null;
  private remote: Remote<RidgeWorkerApi> | null = null;

  private start(): Remote<RidgeWorkerApi> {
    if (!this.remote) {
      this.worker = new Worker(new URL('./ridge.worker.ts', import.meta.url), { type: 'module' });
      this.remote = wrap<RidgeWorkerApi>(this.worker);
    }
    return this.remote;
  }

  /** Runs the ridge fallback; an aborted signal ends the worker and resolves to a "cancelled" error. */
  run(data: Dataset, opts: RidgeOptions, hooks: Hooks = {}): Promise<Outcome> {
    const cancelled: UserError = { severity: 'error', message: 'the ridge run was cancelled', hint: 'Start it again when ready.' };
    return this.call((remote, progress) => remote.run(data, opts, progress), cancelled, hooks);
  }

  /** Refits model `id` of the result's Pareto front with its bootstrap (choose.ts); `automatic` is the run's own choice. */
  choose(data: Dataset, opts: RidgeOptions, result: RidgeResult, id: number, automatic: number, hooks: Hooks = {}): Promise<Outcome> {
    const cancelled: UserError = { severity: 'error', message: 'picking the model was cancelled; the previous model is kept', hint: 'Pick it again when ready.' };
    return this.call((remote, progress) => remote.choose(data, opts, result, id, automatic, progress), cancelled, hooks);
  }

  private call(fn: (remote: Remote<RidgeWorkerApi>, progress: Progress) => Promise<Outcome>, cancelled: UserError, { signal, onProgress }: Hooks): Promise<Outcome> {
    if (signal?.aborted) return Promise.resolve({ errors: [cancelled] });
    const remote = this.start();
    return new Promise((resolve) => {
      const onAbort = () => {
        this.dispose();
        resolve({ errors: [cancelled] });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      fn(remote, onProgress ? proxy(onProgress) : undefined)
        .then(resolve, (e: unknown) =>
          resolve({ errors: [{ severity: 'error', message: `the ridge worker failed: ${e instanceof Error ? e.message : String(e)}`, hint: 'Try again; if it repeats, report it with the data.' }] }),
        )
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
