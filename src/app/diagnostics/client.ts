// One object owns one diagnostics worker (STYLE.md: squoosh's pattern): it starts the
// worker on first use, and `stop()` terminates it and rejects whatever was still waiting
// with an AbortError, so no caller hangs on a worker that is gone.
import { wrap, type Remote } from 'comlink';
import type { DiagnosticsWorkerApi } from './diagnostics.worker';

export type DiagnosticsApi = Remote<DiagnosticsWorkerApi>;

export const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

export class DiagnosticsWorker {
  #worker: Worker | null = null;
  #api: DiagnosticsApi | null = null;
  #waiting = new Set<(e: unknown) => void>();

  constructor(private readonly name: string) {}

  #ensure(): DiagnosticsApi {
    if (!this.#api) {
      this.#worker = new Worker(new URL('./diagnostics.worker.ts', import.meta.url), { type: 'module', name: this.name });
      this.#api = wrap<DiagnosticsWorkerApi>(this.#worker);
    }
    return this.#api;
  }

  /** Runs `f` against the worker's API; rejects with AbortError if the worker is stopped first. */
  run<T>(f: (api: DiagnosticsApi) => Promise<T>): Promise<T> {
    const api = this.#ensure();
    return new Promise<T>((resolve, reject) => {
      this.#waiting.add(reject);
      f(api)
        .then(resolve, reject)
        .finally(() => this.#waiting.delete(reject));
    });
  }

  get busy(): boolean {
    return this.#waiting.size > 0;
  }

  stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const reject of waiting) reject(new DOMException('The diagnostics worker was stopped.', 'AbortError'));
  }
}

/** Worker for the Diagnostics area's one-off jobs (exports, imports, LOO of other runs). */
export const traceJobs = new DiagnosticsWorker('carryover-trace-jobs');
