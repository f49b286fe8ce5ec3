// A fit in progress: settings, per-chain progress, cancel, outcome. The runner does the
// work (fit/runner.ts); this class keeps the UI's view of it. Progress updates are
// coalesced to one per animation frame so eight chains reporting every chunk cannot flood
// the main thread.
import { DEFAULT_SAMPLER, type ChainProgress, type Dataset, type ModelSpec, type SamplerSettings, type UserError } from '../../core/types';
import { isAbort, type FitOutcome, type FitRunner } from '../fit/runner';

export type FitStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** A fresh seed from the platform's CSPRNG; recorded in the run so it can be repeated. */
export function drawSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] % 2_147_483_647;
}

export class FitState {
  #settings = $state<SamplerSettings>({ ...DEFAULT_SAMPLER, seed: drawSeed() });
  #status = $state<FitStatus>('idle');
  #progress = $state.raw<ChainProgress[]>([]);
  #errors = $state.raw<UserError[]>([]);
  #controller: AbortController | null = null;
  #pending = new Map<number, ChainProgress>();
  #frame = 0;

  constructor(private readonly runner: FitRunner) {}

  get settings(): SamplerSettings {
    return this.#settings;
  }
  get status(): FitStatus {
    return this.#status;
  }
  get progress(): ChainProgress[] {
    return this.#progress;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#status === 'running' || this.#status === 'cancelling';
  }

  updateSettings(patch: Partial<SamplerSettings>): void {
    if (this.busy) return;
    this.#settings = { ...this.#settings, ...patch };
  }

  #flush = () => {
    this.#frame = 0;
    if (this.#pending.size === 0) return;
    const next = [...this.#progress];
    for (const [chain, p] of this.#pending) next[chain] = p;
    this.#pending.clear();
    this.#progress = next;
  };

  #onProgress = (p: ChainProgress) => {
    this.#pending.set(p.chain, p);
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#flush);
  };

  /** Runs a fit; resolves with the outcome (null when cancelled). */
  async start(dataset: Dataset, spec: ModelSpec): Promise<FitOutcome | null> {
    if (this.busy) return null;
    const settings = { ...this.#settings };
    this.#controller = new AbortController();
    this.#status = 'running';
    this.#errors = [];
    this.#progress = Array.from({ length: settings.chains }, (_, chain) => ({
      chain,
      phase: 'init' as const,
      iteration: 0,
      total: settings.warmup + settings.draws,
      divergences: 0,
      step_size: 0,
      elapsed_ms: 0,
    }));
    try {
      const out = await this.runner.run({ dataset, spec, settings }, { onProgress: this.#onProgress, signal: this.#controller.signal });
      this.#flush();
      if (this.#controller.signal.aborted) return this.#cancelled();
      this.#status = out.ok ? 'done' : 'failed';
      this.#errors = out.ok ? out.chainErrors : out.errors;
      return out;
    } catch (e) {
      if (isAbort(e) || this.#controller.signal.aborted) return this.#cancelled();
      this.#status = 'failed';
      this.#errors = [{ message: `The fit stopped: ${(e as Error).message ?? String(e)}`, hint: 'Check the model settings and try again.', severity: 'error' }];
      return { ok: false, errors: this.#errors };
    } finally {
      this.#controller = null;
    }
  }

  #cancelled(): null {
    this.#status = 'cancelled';
    return null;
  }

  cancel(): void {
    if (this.#status !== 'running') return;
    this.#status = 'cancelling';
    this.#controller?.abort();
  }

  /** Reports a problem found after the fit (e.g. saving it). */
  addError(e: UserError): void {
    this.#errors = [...this.#errors, e];
  }
}
