// The calibration panel of the open run, computed in a worker (calibration.worker.ts). One
// computation at a time: asking for another run terminates the one in flight.
import { wrap, type Remote } from 'comlink';
import type { InferenceData, UserError } from '../../core/types';
import type { Studio } from '../state/studio.svelte';
import type { CalibrationWorkerApi } from './calibration.worker';
import type { CalibrationPanel } from './panel';

export class CalibrationPanelState {
  #panel = $state.raw<CalibrationPanel | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #worker: Worker | null = null;
  #api: Remote<CalibrationWorkerApi> | null = null;
  #for: InferenceData | null = null;

  get panel(): CalibrationPanel | null {
    return this.#panel;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#busy;
  }

  #stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }

  async show(idata: InferenceData | null): Promise<void> {
    if (idata === this.#for) return;
    this.#for = idata;
    this.#panel = null;
    this.#errors = [];
    if (this.#busy) this.#stop();
    if (!idata || !(idata.attrs.model.lift_tests?.length > 0 || (idata.attrs.model.roas_priors?.length ?? 0) > 0)) {
      this.#busy = false;
      return;
    }
    this.#busy = true;
    try {
      if (!this.#api) {
        this.#worker = new Worker(new URL('./calibration.worker.ts', import.meta.url), { type: 'module', name: 'carryover-calibration' });
        this.#api = wrap<CalibrationWorkerApi>(this.#worker);
      }
      const out = await this.#api.calibrationPanel(idata);
      if (this.#for !== idata) return;
      if (out.ok) this.#panel = out.value;
      else this.#errors = out.errors;
    } catch (e) {
      if (this.#for !== idata) return;
      this.#errors = [{ severity: 'error', message: `The calibration panel could not be computed: ${(e as Error).message}`, hint: 'Reopen the run; if it persists, export it and report the problem.' }];
    } finally {
      if (this.#for === idata) this.#busy = false;
    }
  }
}

const states = new WeakMap<Studio, CalibrationPanelState>();

export function calibrationPanelFor(studio: Studio): CalibrationPanelState {
  let s = states.get(studio);
  if (!s) states.set(studio, (s = new CalibrationPanelState()));
  return s;
}
