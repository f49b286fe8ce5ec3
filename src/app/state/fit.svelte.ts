// A fit in progress: settings, per-chain progress, cancel, outcome. The runner does the
// work (fit/runner.ts); this class keeps the UI's view of it. Progress updates are
// coalesced to one per animation frame so eight chains reporting every chunk cannot flood
// the main thread. While a fit runs it holds the PWA busy flag, so a new version of the
// studio is never switched in under it (issue 8; src/pwa/busy.svelte.ts).
import { DEFAULT_SAMPLER, type ChainProgress, type Dataset, type ModelSpec, type SamplerSettings, type UserError } from '../../core/types';
import { busy, type BusyRegistry } from '../../pwa/busy.svelte';
import { divergenceSplit, keptDivergences, type DivergenceSplit } from '../fit/divergences';
import { isAbort, type FitOutcome, type FitRunner } from '../fit/runner';

/** What the update banner says is in the way while a fit runs. */
export const FIT_BUSY_REASON = 'a fit is running';

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
  /** Per chain: the divergence count at its last report still within warmup. */
  #warmupDivergences = $state.raw<number[]>([]);
  /** Per chain: divergent kept draws, known once the fit ended. */
  #keptDivergences = $state.raw<Map<number, number>>(new Map());
  #warmupIterations = 0;
  #controller: AbortController | null = null;
  #pending = new Map<number, ChainProgress>();
  #frame = 0;
  /**
   * Which fit the progress belongs to. Workers report asynchronously, and reports of a fit
   * already cancelled kept arriving for a second or more (moving its bars after "Fit
   * cancelled", or landing on the rows of the next fit): only the current fit's count.
   */
  #run = 0;
  /** Settings whose shown value the user typed on the Fit step (the demo keeps them). */
  #chosen = new Set<keyof SamplerSettings>();

  constructor(
    private readonly runner: FitRunner,
    private readonly busyFlag: BusyRegistry = busy,
  ) {}

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
  /** A chain's divergences split into warmup (discarded) and sampling (divergences.ts). */
  divergences(p: ChainProgress): DivergenceSplit {
    return divergenceSplit(p, this.#warmupDivergences[p.chain], this.#keptDivergences.get(p.chain));
  }

  get busy(): boolean {
    return this.#status === 'running' || this.#status === 'cancelling';
  }

  /** Settings the user chose on the Fit step and that still hold. */
  get chosen(): ReadonlySet<keyof SamplerSettings> {
    return this.#chosen;
  }

  /** Sets settings for the user (restored session, opened run, demo): a value it changes is no longer the user's choice. */
  updateSettings(patch: Partial<SamplerSettings>): void {
    if (this.busy) return;
    for (const k of Object.keys(patch) as Array<keyof SamplerSettings>) if (patch[k] !== this.#settings[k]) this.#chosen.delete(k);
    this.#settings = { ...this.#settings, ...patch };
  }

  /** The user set these on the Fit step. */
  chooseSettings(patch: Partial<SamplerSettings>): void {
    if (this.busy) return;
    this.#settings = { ...this.#settings, ...patch };
    for (const k of Object.keys(patch) as Array<keyof SamplerSettings>) this.#chosen.add(k);
  }

  #flush = () => {
    this.#frame = 0;
    if (this.#pending.size === 0) return;
    const next = [...this.#progress];
    let warm: number[] | null = null;
    for (const [chain, p] of this.#pending) {
      next[chain] = p;
      if (p.iteration <= this.#warmupIterations) (warm ??= [...this.#warmupDivergences])[chain] = p.divergences;
    }
    this.#pending.clear();
    this.#progress = next;
    if (warm) this.#warmupDivergences = warm;
  };

  #onProgress = (p: ChainProgress) => {
    this.#pending.set(p.chain, p);
    if (!this.#frame) this.#frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(this.#flush) : (setTimeout(this.#flush, 16) as unknown as number);
  };

  #dropPending(): void {
    if (this.#frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.#frame);
    else if (this.#frame) clearTimeout(this.#frame);
    this.#frame = 0;
    this.#pending.clear();
  }

  /** Runs a fit; resolves with the outcome (null when cancelled). */
  async start(dataset: Dataset, spec: ModelSpec): Promise<FitOutcome | null> {
    if (this.busy) return null;
    const settings = { ...this.#settings };
    const run = ++this.#run;
    const onProgress = (p: ChainProgress) => {
      if (run === this.#run && this.busy) this.#onProgress(p);
    };
    this.#controller = new AbortController();
    const release = this.busyFlag.hold(FIT_BUSY_REASON);
    this.#status = 'running';
    this.#errors = [];
    this.#warmupIterations = settings.warmup;
    this.#warmupDivergences = [];
    this.#keptDivergences = new Map();
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
      const out = await this.runner.run({ dataset, spec, settings }, { onProgress, signal: this.#controller.signal });
      this.#flush();
      if (this.#controller.signal.aborted) return this.#cancelled();
      // The engine delivers each chain's last progress report before its result (53dcf3d); kept as a guard for runners that do not.
      if (out.ok) {
        this.#progress = markFinished(this.#progress, (out.idata.coords?.chain ?? []).map(Number));
        this.#keptDivergences = keptDivergences(out.idata);
      }
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
      release();
    }
  }

  #cancelled(): null {
    this.#dropPending();
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

/** The chains whose draws are in the results shown as done (the others keep their last report). */
export function markFinished(progress: ChainProgress[], kept: ArrayLike<number>): ChainProgress[] {
  const done = new Set(Array.from(kept));
  return progress.map((p) => (done.has(p.chain) && p.phase !== 'done' ? { ...p, phase: 'done', iteration: p.total } : p));
}
