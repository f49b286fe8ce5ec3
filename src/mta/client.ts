// The main thread's handle on the MTA worker. One client owns one worker; an aborted
// analysis terminates it (a million journeys cannot be interrupted any other way), and the
// next analysis starts a fresh one.
import { proxy, wrap, type Remote } from 'comlink';
import type { AnalysisOutcome } from './pipeline';
import type { MtaProgress, MtaRunOptions, MtaSource, MtaWorkerApi } from './worker-api';

export class MtaClient {
  #worker: Worker | null = null;
  #api: Remote<MtaWorkerApi> | null = null;

  #start(): Remote<MtaWorkerApi> {
    if (!this.#api) {
      this.#worker = new Worker(new URL('./mta.worker.ts', import.meta.url), { type: 'module', name: 'carryover-mta' });
      this.#api = wrap<MtaWorkerApi>(this.#worker);
    }
    return this.#api;
  }

  /**
   * Rejects with an AbortError when the signal fires (the worker is then terminated).
   * `onPoint` gets the point credits before the bootstrap intervals are computed.
   */
  analyze(
    source: MtaSource,
    options: MtaRunOptions,
    opts: { signal?: AbortSignal; onProgress?: (p: MtaProgress) => void; onPoint?: (point: AnalysisOutcome) => void } = {},
  ): Promise<AnalysisOutcome> {
    const api = this.#start();
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(new DOMException('Attribution cancelled', 'AbortError'));
    return new Promise<AnalysisOutcome>((resolve, reject) => {
      const onAbort = () => {
        this.dispose();
        reject(new DOMException('Attribution cancelled', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      api.analyze(source, options, opts.onProgress ? proxy(opts.onProgress) : undefined, opts.onPoint ? proxy(opts.onPoint) : undefined).then(
        (out) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(out);
        },
        (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }
}
