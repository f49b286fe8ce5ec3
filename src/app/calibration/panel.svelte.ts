// The calibration panel of the open run, computed in a worker (calibration.worker.ts). One
// computation at a time: asking for another run terminates the one in flight
// (lib/latest-job.svelte.ts). A run with neither lift tests nor ROAS priors has no panel.
import type { InferenceData, UserError } from '../../core/types';
import { LatestJob } from '../lib/latest-job.svelte';
import type { Studio } from '../state/studio.svelte';
import type { CalibrationWorkerApi } from './calibration.worker';
import type { CalibrationPanel } from './panel';

export class CalibrationPanelState {
  #job = new LatestJob<CalibrationWorkerApi, CalibrationPanel>(
    () => new Worker(new URL('./calibration.worker.ts', import.meta.url), { type: 'module', name: 'carryover-calibration' }),
    'The calibration panel could not be computed',
  );

  get panel(): CalibrationPanel | null {
    return this.#job.value;
  }
  get errors(): UserError[] {
    return this.#job.errors;
  }
  get busy(): boolean {
    return this.#job.busy;
  }

  show(idata: InferenceData | null): Promise<void> {
    const calibrated = idata !== null && (idata.attrs.model.lift_tests?.length > 0 || (idata.attrs.model.roas_priors?.length ?? 0) > 0);
    return this.#job.run(idata, calibrated ? (api) => api.calibrationPanel(idata) : null);
  }
}

const states = new WeakMap<Studio, CalibrationPanelState>();

export function calibrationPanelFor(studio: Studio): CalibrationPanelState {
  let s = states.get(studio);
  if (!s) states.set(studio, (s = new CalibrationPanelState()));
  return s;
}
