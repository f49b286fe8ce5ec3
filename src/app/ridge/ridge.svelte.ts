// The Ridge step's state: the form, one run at a time in the ridge worker (RidgeClient; Cancel
// terminates it), its progress, and the last result with the data and settings it answers.
// One state per studio (ridgeFor), so leaving the step and coming back keeps the result.
import type { Dataset, ModelSpec, UserError } from '../../core/types';
import { busy } from '../../pwa/busy.svelte';
import type { RidgeOptions, RidgeProgress, RidgeResult } from '../../ridge';
import { RidgeClient } from '../../ridge/ridge-client';
import { drawSeed } from '../state/fit.svelte';
import type { Studio } from '../state/studio.svelte';
import { clampSetting, DEFAULT_RIDGE_SETTINGS, ridgeOptions, type RidgeSettings } from './options';

export interface RidgeRun {
  /** The run's result with the chosen model (the automatic choice or the analyst's pick). */
  result: RidgeResult;
  /** The model runRidge chose (Robyn's closest-to-origin rule). */
  automatic: number;
  options: RidgeOptions;
  settings: RidgeSettings;
  dataset: { name: string; fingerprint: string; rows: number; first: string; last: string };
  seconds: number;
}

export class RidgeState {
  settings = $state<RidgeSettings>({ ...DEFAULT_RIDGE_SETTINGS, seed: drawSeed() });
  #run = $state.raw<RidgeRun | null>(null);
  #progress = $state.raw<RidgeProgress | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #completed = $state(0);
  #client = new RidgeClient();
  #abort: AbortController | null = null;
  /** Bumped when a run ends, so progress messages still in flight from its worker are ignored. */
  #gen = 0;

  get run(): RidgeRun | null {
    return this.#run;
  }
  get progress(): RidgeProgress | null {
    return this.#progress;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** Runs finished so far (tests wait for it to move). */
  get completed(): number {
    return this.#completed;
  }

  setNumber(key: 'population' | 'generations' | 'replicates', v: number): void {
    this.settings[key] = clampSetting(key, v);
  }
  setSeed(v: number): void {
    if (Number.isInteger(v) && v >= 0) this.settings.seed = v;
  }

  async start(data: Dataset, spec: ModelSpec | null): Promise<void> {
    const settings = { ...this.settings };
    const options = ridgeOptions(settings, data, spec);
    const t0 = performance.now();
    await this.#work('a ridge search is running', { phase: 'search', done: 0, total: 1 }, async (signal, onProgress) => {
      const out = await this.#client.run(data, options, { signal, onProgress });
      if ('errors' in out) return out.errors;
      this.#run = {
        result: out,
        automatic: out.chosen,
        options,
        settings,
        dataset: { name: data.name, fingerprint: data.fingerprint, rows: data.dates.length, first: data.dates[0], last: data.dates[data.dates.length - 1] },
        seconds: (performance.now() - t0) / 1000,
      };
      return [];
    });
  }

  /**
   * Makes model `id` on the last run's Pareto front the chosen one: refitted and bootstrapped
   * in the ridge worker (src/ridge/choose.ts). `data` must be the data the run was made on.
   */
  async pick(id: number, data: Dataset): Promise<void> {
    const run = this.#run;
    if (!run || run.result.chosen === id) return;
    if (data.fingerprint !== run.dataset.fingerprint) {
      this.#errors = [{ severity: 'error', message: 'the data has changed since this ridge run, so its models cannot be refitted', hint: 'Run ridge again on the current data, then pick a model.' }];
      return;
    }
    await this.#work('a ridge model is being refitted', { phase: 'bootstrap', done: 0, total: run.options.bootstrap?.replicates ?? 1 }, async (signal, onProgress) => {
      const out = await this.#client.choose(data, run.options, run.result, id, run.automatic, { signal, onProgress });
      if ('errors' in out) return out.errors;
      this.#run = { ...run, result: out };
      return [];
    });
  }

  /** One job at a time: the busy flag and PWA hold, progress from this job only, errors kept, completion counted. */
  async #work(why: string, first: RidgeProgress, job: (signal: AbortSignal, onProgress: (p: RidgeProgress) => void) => Promise<UserError[]>): Promise<void> {
    if (this.#busy) return;
    this.#abort = new AbortController();
    this.#busy = true;
    // A search can take minutes: a new version must not reload the tab under it (issue 8).
    const release = busy.hold(why);
    this.#errors = [];
    this.#progress = first;
    const gen = ++this.#gen;
    try {
      const errors = await job(this.#abort.signal, (p) => {
        if (gen === this.#gen) this.#progress = p;
      });
      this.#errors = errors;
      if (errors.length === 0) this.#completed++;
    } finally {
      release();
      this.#gen++;
      this.#busy = false;
      this.#progress = null;
      this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  dispose(): void {
    this.cancel();
    this.#client.dispose();
  }
}

const states = new WeakMap<Studio, RidgeState>();

export function ridgeFor(studio: Studio): RidgeState {
  let s = states.get(studio);
  if (!s) states.set(studio, (s = new RidgeState()));
  return s;
}
