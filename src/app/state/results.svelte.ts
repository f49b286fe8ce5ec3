// The analysis of the open run, computed in a worker (results/analysis.worker.ts) so the
// tab stays responsive on 4 × 1000 draws. Opening another run terminates a computation
// still running for the previous one.
import { wrap, type Remote } from 'comlink';
import type { InferenceData, UserError } from '../../core/types';
import type { RunAnalysis } from '../results/analyse';
import type { AnalysisWorkerApi } from '../results/analysis.worker';

export class ResultsState {
  #analysis = $state.raw<RunAnalysis | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #worker: Worker | null = null;
  #api: Remote<AnalysisWorkerApi> | null = null;
  #for: InferenceData | null = null;

  get analysis(): RunAnalysis | null {
    return this.#analysis;
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

  async analyse(idata: InferenceData | null): Promise<void> {
    if (idata === this.#for) return;
    this.#for = idata;
    this.#analysis = null;
    this.#errors = [];
    if (this.#busy) this.#stop();
    if (!idata) return;
    this.#busy = true;
    try {
      if (!this.#api) {
        this.#worker = new Worker(new URL('../results/analysis.worker.ts', import.meta.url), { type: 'module', name: 'carryover-results' });
        this.#api = wrap<AnalysisWorkerApi>(this.#worker);
      }
      const out = await this.#api.analyseRun(idata);
      if (this.#for !== idata) return;
      if (out.ok) this.#analysis = out.value;
      else this.#errors = out.errors;
    } catch (e) {
      if (this.#for !== idata) return;
      this.#errors = [{ message: `The results could not be computed: ${(e as Error).message}`, hint: 'Reopen the run; if it persists, export it and report the problem.', severity: 'error' }];
    } finally {
      if (this.#for === idata) this.#busy = false;
    }
  }
}
