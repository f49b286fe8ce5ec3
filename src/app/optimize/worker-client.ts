// Owns the optimize worker's life: started on first use with the open run, kept while that
// run stays open (the posterior is sent once), terminated on cancel or when another run is
// opened. A call cut short by a cancel never settles; callers tell stale answers apart by
// their own generation counter (session.svelte.ts).
import { wrap, type Remote } from 'comlink';
import type { InferenceData, UserError } from '../../core/types';
import type { MmmDiagnosticsJson } from '../../diagnostics/report';
import type { Loaded } from './engine';
import type { OptimizeWorkerApi } from './optimize.worker';

export type LoadOutcome = Loaded | { ok: false; errors: UserError[] };

export class OptimizeClient {
  #worker: Worker | null = null;
  #api: Remote<OptimizeWorkerApi> | null = null;
  #loaded: Promise<LoadOutcome> | null = null;
  #idata: InferenceData | null = null;
  #diagnostics: MmmDiagnosticsJson | null = null;

  /**
   * Starts a worker holding this run, or keeps the one that already does. `diagnostics`: the
   * run's full report when the studio has it, so the worker does not compute it again (also
   * used when a cancel restarts the worker).
   */
  load(idata: InferenceData, diagnostics: MmmDiagnosticsJson | null = null): Promise<LoadOutcome> {
    if (this.#idata === idata && this.#loaded) return this.#loaded;
    this.stop();
    this.#idata = idata;
    this.#diagnostics = diagnostics;
    return this.#start();
  }

  #start(): Promise<LoadOutcome> {
    const worker = new Worker(new URL('./optimize.worker.ts', import.meta.url), { type: 'module', name: 'carryover-optimize' });
    const api = wrap<OptimizeWorkerApi>(worker);
    this.#worker = worker;
    this.#api = api;
    // $state proxies cannot be cloned: the run record is $state.raw, so idata is plain.
    this.#loaded = api.load(this.#idata!, this.#diagnostics).catch((e: Error) => ({
      ok: false as const,
      errors: [{ message: `The optimize worker could not read the run: ${e.message}`, hint: 'reload the page and reopen the run', severity: 'error' as const }],
    }));
    return this.#loaded;
  }

  /** The worker's API once it holds the run (restarted after a cancel). */
  async api(): Promise<Remote<OptimizeWorkerApi>> {
    if (!this.#idata) throw new Error('no run is open');
    const loaded = this.#loaded ?? this.#start();
    const api = this.#api!;
    const r = await loaded;
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    return api;
  }

  /** Ends the work in progress; the next call starts a fresh worker on the same run. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#loaded = null;
  }

  stop(): void {
    this.cancel();
    this.#idata = null;
    this.#diagnostics = null;
  }
}
