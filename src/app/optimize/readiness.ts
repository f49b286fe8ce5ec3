// Whether the open run's estimates are ready for planning (issue 5: the optimizer never hides a
// failing convergence gate), and the diagnostics report the executive summary embeds. Optimize
// needs only the gates that affect the estimates (R-hat, ESS, divergences, predictive
// coverage: src/diagnostics/gates.ts); PSIS-LOO feeds only the Pareto k gate, which does not
// affect them, so it is not computed for the banner. The full report (with LOO) is the
// Diagnostics worker's when the studio has it for this run (it computes LOO once per run,
// src/app/diagnostics/diagnosed-run.ts), else built once, when a report is first downloaded.
import type { InferenceData } from '../../core/types';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../../diagnostics/report';

export interface Readiness {
  /** False when the diagnostics could not be computed (then `error` says why). */
  checked: boolean;
  provisional: boolean;
  /** Gates that affect the estimates and fail. */
  failing: Array<{ gate: string; detail: string; action: string | null }>;
  error?: string;
}

/** The readiness a diagnostics report gives: its failing gates that affect the estimates. */
export function readinessOf(diag: MmmDiagnosticsJson): Readiness {
  const failing = Object.entries(diag.gates)
    .filter(([, g]) => g.affects_estimates && g.status === 'fail')
    .map(([gate, g]) => ({ gate, detail: g.detail, action: g.action }));
  return { checked: true, provisional: diag.estimates_provisional, failing };
}

/**
 * The run's diagnostics without PSIS-LOO: buildDiagnostics on the run less its pointwise
 * log-likelihood, which only LOO and WAIC read. Every gate that affects the estimates is the
 * full report's; Pareto k reads "no pointwise log-likelihood".
 */
export function diagnosticsWithoutLoo(idata: InferenceData): MmmDiagnosticsJson {
  const { log_likelihood: _ll, ...rest } = idata;
  return buildDiagnostics(rest as InferenceData);
}

/** Readiness from the given full report, else from the gates computed here without LOO. */
export function checkReadiness(idata: InferenceData, given: MmmDiagnosticsJson | null): Readiness {
  try {
    return readinessOf(given ?? diagnosticsWithoutLoo(idata));
  } catch (e) {
    // Unchecked readiness is treated as not ready: the banner says so rather than hiding it.
    return { checked: false, provisional: true, failing: [], error: (e as Error).message };
  }
}
