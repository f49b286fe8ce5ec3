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
  result: RidgeResult;
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
    if (this.#busy) return;
    const settings = { ...this.settings };
    const options = ridgeOptions(settings, data, spec);
    this.#abort = new AbortController();
    this.#busy = true;
    // A search can take minutes: a new version must not reload the tab under it (issue 8).
    const release = busy.hold('a ridge search is running');
    this.#errors = [];
    this.#progress = { phase: 'search', done: 0, total: 1 };
    const t0 = performance.now();
    const gen = ++this.#gen;
    try {
      const onProgress = (p: RidgeProgress) => {
        if (gen === this.#gen) this.#progress = p;
      };
      const out = await this.#client.run(data, options, { signal: this.#abort.signal, onProgress });
      if ('errors' in out) {
        this.#errors = out.errors;
        return;
      }
      this.#run = {
        result: out,
        options,
        settings,
        dataset: { name: data.name, fingerprint: data.fingerprint, rows: data.dates.length, first: data.dates[0], last: data.dates[data.dates.length - 1] },
        seconds: (performance.now() - t0) / 1000,
      };
      this.#completed++;
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
