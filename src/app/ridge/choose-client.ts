// Main-thread owner of the pick-a-model worker (choose.worker.ts), as RidgeClient owns the
// ridge worker: one pick at a time, an AbortSignal that terminates the worker, progress
// through a Comlink proxy, failures as UserErrors.
import { proxy, wrap, type Remote } from 'comlink';
import type { Dataset, UserError } from '../../core/types';
import type { RidgeOptions, RidgeProgress, RidgeResult } from '../../ridge/types';
import type { ChooseWorkerApi } from './choose.worker';

export class ChooseClient {
  private worker: Worker | null = null;
  private remote: Remote<ChooseWorkerApi> | null = null;

  private start(): Remote<ChooseWorkerApi> {
    if (!this.remote) {
      this.worker = new Worker(new URL('./choose.worker.ts', import.meta.url), { type: 'module' });
      this.remote = wrap<ChooseWorkerApi>(this.worker);
    }
    return this.remote;
  }

  async choose(
    data: Dataset,
    opts: RidgeOptions,
    result: RidgeResult,
    id: number,
    automatic: number,
    { signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: RidgeProgress) => void } = {},
  ): Promise<RidgeResult | { errors: UserError[] }> {
    const cancelled = { errors: [{ severity: 'error' as const, message: 'picking the model was cancelled; the previous model is kept', hint: 'Pick it again when ready.' }] };
    if (signal?.aborted) return cancelled;
    const remote = this.start();
    return new Promise((resolve) => {
      const onAbort = () => {
        this.dispose();
        resolve(cancelled);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      remote
        .choose(data, opts, result, id, automatic, onProgress ? proxy(onProgress) : undefined)
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
