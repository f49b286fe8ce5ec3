// Main-thread owner of the ridge worker: one run at a time, an AbortSignal that terminates
// the worker (the synchronous search cannot be interrupted any other way), progress through a
// Comlink proxy. The result comes back as a plain structured-clone object.
import { proxy, wrap, type Remote } from 'comlink';
import type { Dataset, UserError } from '../core/types';
import type { RidgeWorkerApi } from './ridge.worker';
import type { RidgeOptions, RidgeProgress, RidgeResult } from './types';

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
  async run(
    data: Dataset,
    opts: RidgeOptions,
    { signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: RidgeProgress) => void } = {},
  ): Promise<RidgeResult | { errors: UserError[] }> {
    const cancelled = { errors: [{ severity: 'error' as const, message: 'the ridge run was cancelled', hint: 'Start it again when ready.' }] };
    if (signal?.aborted) return cancelled;
    const remote = this.start();
    return new Promise((resolve) => {
      const onAbort = () => {
        this.dispose();
        resolve(cancelled);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      remote
        .run(data, opts, onProgress ? proxy(onProgress) : undefined)
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
