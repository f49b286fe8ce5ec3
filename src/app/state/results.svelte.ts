// The analysis of the open run, computed in a worker (results/analysis.worker.ts) so the
// tab stays responsive on 4 × 1000 draws. Opening another run terminates a computation
// still running for the previous one (lib/latest-job.svelte.ts).
import type { InferenceData, UserError } from '../../core/types';
import { LatestJob } from '../lib/latest-job.svelte';
import type { RunAnalysis } from '../results/analyse';
import type { AnalysisWorkerApi } from '../results/analysis.worker';

export class ResultsState {
  #job = new LatestJob<AnalysisWorkerApi, RunAnalysis>(
    () => new Worker(new URL('../results/analysis.worker.ts', import.meta.url), { type: 'module', name: 'carryover-results' }),
    'The results could not be computed',
  );

  get analysis(): RunAnalysis | null {
    return this.#job.value;
  }
  get errors(): UserError[] {
    return this.#job.errors;
  }
  get busy(): boolean {
    return this.#job.busy;
  }

  analyse(idata: InferenceData | null): Promise<void> {
    return this.#job.run(idata, (api) => api.analyseRun(idata!));
  }
}
