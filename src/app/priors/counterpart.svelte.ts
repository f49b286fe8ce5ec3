// The open run's "with and without the MTA-informed priors" pair. When the run was fitted with
// MTA-informed priors and has no counterpart yet, fitWithout() fits the same spec without them
// through the studio's fit (the browser worker pool, the Fit step shows its progress and can
// cancel it) with the run's seed and sampler settings, saves it in the runs library, and links
// both runs through attrs (counterpart.ts); the comparison is computed in the calibration worker.
import { wrap, type Remote } from 'comlink';
import type { UserError } from '../../core/types';
import { busy } from '../../pwa/busy.svelte';
import { loadDataset, newRunRecord, type RunRecord } from '../../store';
import type { CalibrationWorkerApi } from '../calibration/calibration.worker';
import type { Studio } from '../state/studio.svelte';
import { counterpartOf, mtaPriorsOf, specWithoutMta, withCounterpart, type CounterpartLink, type MtaComparison } from './counterpart';

export type CounterpartPhase = 'idle' | 'fitting' | 'comparing';

export class CounterpartState {
  #comparison = $state.raw<MtaComparison | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #phase = $state<CounterpartPhase>('idle');
  #other = $state.raw<{ id: string; name: string; this_run: CounterpartLink['this_run'] } | null>(null);
  /** Links made in this session (the open RunRecord keeps the attrs it was opened with). */
  #links = new Map<string, CounterpartLink>();
  #for: RunRecord | null = null;
  #worker: Worker | null = null;
  #api: Remote<CalibrationWorkerApi> | null = null;

  constructor(private readonly studio: Studio) {}

  get comparison(): MtaComparison | null {
    return this.#comparison;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get phase(): CounterpartPhase {
    return this.#phase;
  }
  /** The linked run and which side the open run is. */
  get other(): { id: string; name: string; this_run: CounterpartLink['this_run'] } | null {
    return this.#other;
  }

  /** True when the run used MTA-informed priors or is the counterpart of one that did. */
  static relevant(rec: RunRecord | null): boolean {
    return !!rec && (mtaPriorsOf(rec.inference_data.attrs.model).length > 0 || counterpartOf(rec.inference_data) !== null);
  }

  #link(rec: RunRecord): CounterpartLink | null {
    return this.#links.get(rec.id) ?? counterpartOf(rec.inference_data);
  }

  /** Shows the pair of the open run, when it has one. */
  async show(rec: RunRecord | null): Promise<void> {
    if (rec === this.#for) return;
    this.#for = rec;
    this.#comparison = null;
    this.#errors = [];
    this.#other = null;
    const link = rec && this.#link(rec);
    if (!rec || !link) return;
    const other = await this.studio.runs.open(link.run_id);
    if (this.#for !== rec) return;
    if (!other) {
      this.#errors = [{ severity: 'warning', message: 'the linked run (with/without the MTA-informed priors) is no longer in the runs library', hint: 'Fit it again below.' }];
      return;
    }
    this.#other = { id: other.id, name: other.name, this_run: link.this_run };
    await this.#compare(rec, other, link.this_run);
  }

  async #compare(rec: RunRecord, other: RunRecord, side: CounterpartLink['this_run']): Promise<void> {
    const [withRun, withoutRun] = side === 'with_mta_priors' ? [rec, other] : [other, rec];
    this.#phase = 'comparing';
    try {
      if (!this.#api) {
        this.#worker = new Worker(new URL('../calibration/calibration.worker.ts', import.meta.url), { type: 'module', name: 'carryover-mta-comparison' });
        this.#api = wrap<CalibrationWorkerApi>(this.#worker);
      }
      const out = await this.#api.mtaComparison(withRun.inference_data, withoutRun.inference_data);
      if (this.#for !== rec) return;
      if (out.ok) this.#comparison = out.value;
      else this.#errors = out.errors;
    } catch (e) {
      if (this.#for === rec) this.#errors = [{ severity: 'error', message: `The comparison could not be computed: ${(e as Error).message}`, hint: 'Reopen the run; if it persists, export both runs and report the problem.' }];
    } finally {
      if (this.#for === rec) this.#phase = 'idle';
    }
  }

  /** Fits the open run's spec without its MTA-informed priors (same data, seed and settings), saves and links both runs. */
  async fitWithout(): Promise<void> {
    const rec = this.#for;
    const studio = this.studio;
    if (!rec || this.#phase !== 'idle' || mtaPriorsOf(rec.inference_data.attrs.model).length === 0) return;
    if (studio.fit.busy) {
      this.#errors = [{ severity: 'error', message: 'another fit is running', hint: 'Wait for it to finish, or cancel it in the Fit step, then try again.' }];
      return;
    }
    const attrs = rec.inference_data.attrs;
    const dataset = loadDataset(rec.dataset);
    this.#errors = [];
    this.#phase = 'fitting';
    studio.fit.updateSettings({ ...attrs.sampler, seed: attrs.seed });
    const out = await studio.fit.start(dataset, specWithoutMta(attrs.model));
    // Saved and linked even if another run was opened meanwhile: the fit is not thrown away.
    this.#phase = 'idle';
    const report = (errors: UserError[]) => {
      if (this.#for === rec) this.#errors = errors;
    };
    if (!out) return report([{ severity: 'warning', message: 'the fit without the MTA-informed priors was cancelled', hint: 'Start it again when ready.' }]);
    if (!out.ok) return report(out.errors);
    const twin = newRunRecord(withCounterpart(out.idata, { run_id: rec.id, this_run: 'without_mta_priors' }), dataset, { timings: out.timings, name: `${rec.name} · without MTA-informed priors` });
    // Saving is part of the fit: a new version of the studio must not reload the tab meanwhile.
    const release = busy.hold('runs with and without the MTA-informed priors are being saved');
    let saved = false;
    try {
      const original = (await studio.runs.open(rec.id)) ?? rec;
      const linked: RunRecord = { ...original, inference_data: withCounterpart(original.inference_data, { run_id: twin.id, this_run: 'with_mta_priors' }) };
      saved = !!(await studio.runs.save(twin)) && !!(await studio.runs.save(linked));
    } finally {
      release();
    }
    if (!saved) return report(studio.runs.errors.length ? studio.runs.errors : [{ severity: 'error', message: 'the runs could not be saved', hint: 'Check the storage space of this browser.' }]);
    this.#links.set(rec.id, { run_id: twin.id, this_run: 'with_mta_priors' });
    this.#links.set(twin.id, { run_id: rec.id, this_run: 'without_mta_priors' });
    if (this.#for !== rec) return;
    this.#other = { id: twin.id, name: twin.name, this_run: 'with_mta_priors' };
    await this.#compare(rec, twin, 'with_mta_priors');
  }
}

const states = new WeakMap<Studio, CounterpartState>();

export function counterpartFor(studio: Studio): CounterpartState {
  let s = states.get(studio);
  if (!s) states.set(studio, (s = new CounterpartState(studio)));
  return s;
}
