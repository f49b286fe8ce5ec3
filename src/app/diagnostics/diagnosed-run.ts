// The run the diagnostics worker holds: its mmm_diagnostics.json report and its plot data,
// sharing one PSIS-LOO. Both need it (the report's elpd, p_loo and Pareto k gate; the plot's
// pointwise k and elpd), and on 4 × 1000 draws it is the costliest piece after the
// convergence table, so it is computed once per run, on first use (Vehtari et al. 2024).
import type { InferenceData } from '../../core/types';
import { pointwiseGroup, psisLoo, type LooResult } from '../../diagnostics';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../../diagnostics/report';
import { runDetails, type RunDetails } from './compute';

export class DiagnosedRun {
  readonly idata: InferenceData;
  #loo: LooResult | null | undefined;

  constructor(idata: InferenceData) {
    this.idata = idata;
  }

  /** PSIS-LOO of log_likelihood.y; null when the run has none. */
  loo(): LooResult | null {
    if (this.#loo === undefined) {
      const ll = pointwiseGroup(this.idata.log_likelihood?.y);
      this.#loo = ll ? psisLoo(ll) : null;
    }
    return this.#loo;
  }

  report(): MmmDiagnosticsJson {
    return buildDiagnostics(this.idata, { loo: this.loo() ?? undefined });
  }

  details(): RunDetails {
    return runDetails(this.idata, this.loo());
  }
}
