// The diagnostics of the open run: the readiness report (mmm_diagnostics.json) first, then
// the plot data, both computed in a worker. Opening another run stops a computation still
// running for the previous one. One shared instance, `diagnosticsState`, so that any view
// (Results, Optimize) can ask whether the open run's estimates are provisional.
import type { InferenceData, UserError } from '../../core/types';
import type { MmmDiagnosticsJson } from '../../diagnostics/report';
import { DiagnosticsWorker, isAbort } from './client';
import type { RunDetails } from './compute';

export class DiagnosticsState {
  #for = $state.raw<InferenceData | null>(null);
  #report = $state.raw<MmmDiagnosticsJson | null>(null);
  #details = $state.raw<RunDetails | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #worker = new DiagnosticsWorker('carryover-diagnostics');

  /** The report of the run last passed to diagnose(); null while it is computed. */
  get report(): MmmDiagnosticsJson | null {
    return this.#report;
  }
  /** Plot data of that run; arrives after the report. */
  get details(): RunDetails | null {
    return this.#details;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#busy;
  }

  /**
   * Whether the estimates of the diagnosed run are provisional (a gate that affects them
   * fails); null while unknown. Results and Optimize show their "provisional" mark on true.
   */
  get provisional(): boolean | null {
    return this.#report?.estimates_provisional ?? null;
  }

  /** As `provisional`, but only when `idata` is the run diagnosed (null for another run). */
  provisionalFor(idata: InferenceData | null): boolean | null {
    return idata !== null && idata === this.#for ? this.provisional : null;
  }

  /** The report, only when it belongs to `idata` (a view never shows another run's numbers). */
  reportFor(idata: InferenceData | null): MmmDiagnosticsJson | null {
    return idata !== null && idata === this.#for ? this.#report : null;
  }
  detailsFor(idata: InferenceData | null): RunDetails | null {
    return idata !== null && idata === this.#for ? this.#details : null;
  }

  /** Failing gates that affect the estimates, by name (empty when none, or unknown). */
  get failingGates(): string[] {
    const g = this.#report?.gates ?? {};
    return Object.keys(g).filter((k) => g[k].affects_estimates && g[k].status === 'fail');
  }

  /** Computes the diagnostics of `idata` unless they are already there (or on their way). */
  async diagnose(idata: InferenceData | null): Promise<void> {
    if (idata === this.#for) return;
    if (this.#busy) this.#worker.stop();
    this.#for = idata;
    this.#report = null;
    this.#details = null;
    this.#errors = [];
    if (!idata) return;
    this.#busy = true;
    try {
      await this.#worker.run((api) => api.load(idata));
      const report = await this.#worker.run((api) => api.report());
      if (this.#for !== idata) return;
      this.#report = report;
      const details = await this.#worker.run((api) => api.details());
      if (this.#for === idata) this.#details = details;
    } catch (e) {
      if (this.#for !== idata || isAbort(e)) return;
      this.#errors = [
        {
          message: `The diagnostics could not be computed: ${(e as Error)?.message ?? String(e)}`,
          hint: 'Reopen the run; if it persists, export it as ArviZ JSON and check it with `npx carryover diagnose`.',
          severity: 'error',
        },
      ];
    } finally {
      if (this.#for === idata) this.#busy = false;
    }
  }
}

export const diagnosticsState = new DiagnosticsState();
