// The studio's state, one object shared through context: navigation, the dataset, the
// model spec, the fit, and the runs library, plus the few actions that span several of
// them (a fit that finishes is saved as a run; opening a run restores its data and model).
import type { InferenceData } from '../../core/types';
import { busy } from '../../pwa/busy.svelte';
import { loadDataset, newRunRecord, type LostReason, type RunRecord } from '../../store';
import { demoSettings } from '../fit/demo-settings';
import { uniqueRunName } from '../runs/unique-name';
import type { FitRunner } from '../fit/runner';
import { DataState } from './data.svelte';
import { FitState } from './fit.svelte';
import { ImportState } from './import.svelte';
import { ModelState } from './model.svelte';
import { Navigation } from './nav.svelte';
import { ResultsState } from './results.svelte';
import { RunsState } from './runs.svelte';
import { unsavedFitError } from './storage-lost';

export class Studio {
  readonly nav = new Navigation();
  readonly data = new DataState();
  readonly model = new ModelState();
  /** Losing the library to another tab must not drop a fit that is only in memory (storage-lost.ts). */
  readonly runs = new RunsState((reason) => this.#libraryLost(reason));
  readonly results = new ResultsState();
  /** A newly imported dataset gets a fresh spec from the current preset (window and seasonality order kept). */
  readonly importer = new ImportState(this.data, (d) => this.model.applyPreset(d, this.model.preset === 'hill' ? 'hill' : 'pymc', false));
  readonly fit: FitState;
  /** The run the Results step shows ($state.raw: draws are big and never mutated). */
  #current = $state.raw<RunRecord | null>(null);
  /** True while the current run is a fit that could not be saved (it exists only in this tab). */
  #unsaved = false;

  constructor(runner: FitRunner) {
    this.fit = new FitState(runner);
  }

  get current(): RunRecord | null {
    return this.#current;
  }
  get currentResults(): InferenceData | null {
    return this.#current?.inference_data ?? null;
  }

  /** Fits the current dataset and spec; a finished fit is saved as a run and shown. */
  async runFit(): Promise<void> {
    const dataset = this.data.dataset;
    const spec = this.model.spec;
    if (!dataset || !spec) return;
    const out = await this.fit.start(dataset, spec);
    if (!out || !out.ok) return;
    const fresh = newRunRecord(out.idata, dataset, { timings: out.timings });
    const record = { ...fresh, name: uniqueRunName(fresh.name, this.runs.list.map((r) => r.name)) };
    // Saving is part of the fit: a new version must not reload the tab before the run is stored.
    const release = busy.hold('a fitted run is being saved');
    let saved = false;
    try {
      const r = await this.runs.trySave(record);
      saved = r.ok;
      const lost = this.runs.lost;
      if (!r.ok) for (const e of lost ? [unsavedFitError(lost)] : r.errors) this.fit.addError(e);
    } finally {
      release();
    }
    this.#current = record;
    this.#unsaved = !saved;
    // A run that could not be saved (e.g. storage full) stays on the Fit step, where the
    // message says why and what to do; its results are still one tab away.
    if (saved) this.nav.go('results');
  }

  /**
   * The demo: load the bundled dataset with the default model, then fit it with the seed
   * demo.json fixes and the default sampler settings — except the settings the user typed
   * on the Fit step before (fit/demo-settings.ts). The Fit step then shows what was used.
   */
  async tryDemo(): Promise<void> {
    const demo = await this.importer.loadDemo();
    if (!demo || !this.data.dataset || this.data.hasErrors) return;
    this.fit.updateSettings(demoSettings(this.fit.settings, this.fit.chosen, demo.seed));
    this.nav.go('fit');
    await this.runFit();
  }

  /** Opens a saved run: its data, model and results become the studio's. */
  async openRun(id: string, show = true): Promise<boolean> {
    const rec = await this.runs.open(id);
    if (!rec) return false;
    this.importer.reset();
    this.data.set(loadDataset(rec.dataset), { kind: 'run', runName: rec.name });
    this.model.adopt(rec.inference_data.attrs.model);
    this.fit.updateSettings({ ...rec.inference_data.attrs.sampler, seed: rec.inference_data.attrs.seed });
    this.#current = rec;
    this.#unsaved = false;
    if (show) this.nav.go('results');
    return true;
  }

  /**
   * Makes a saved run the current one again without touching the working state (used when a
   * session is restored: the data, model and settings saved with the session are what the user
   * had on screen — possibly changed after that fit — and must not be replaced by the run's).
   */
  async resumeRun(id: string): Promise<boolean> {
    const rec = await this.runs.open(id);
    if (!rec) return false;
    this.#current = rec;
    this.#unsaved = false;
    return true;
  }

  /** The library is gone from this tab: a fit that could not be saved says how to keep it. */
  #libraryLost(reason: LostReason): void {
    if (this.#current && this.#unsaved) this.fit.addError(unsavedFitError(reason));
  }
}
