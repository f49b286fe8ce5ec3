// Per-parameter summaries: MODEL.md §8 summary.json "parameters" entries (estimate + R-hat,
// bulk and tail ESS) and the mmm_diagnostics.json "parameters" entries. Batches the
// one-variable kernels over every scalar of the posterior.

import type { Estimate, InferenceData } from '../core/types';
import { essBulk, essTail, mcseMean, rhat } from './convergence';
import { flatten } from './draws';
import { estimate } from '../core/estimate';
import { parameterChains, type ScalarChains } from './idata';

/** JSON cannot hold NaN or ±Infinity: a number that cannot be computed is null (MODEL.md §8). */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Estimate over all draws (src/core/estimate.ts). */
export const estimateOf = estimate;

export interface ParameterDiagnostics {
  r_hat: number | null;
  ess_bulk: number | null;
  ess_tail: number | null;
  mcse_mean: number | null;
}

export interface ParameterSummary extends Estimate {
  r_hat: number | null;
  ess_bulk: number | null;
  ess_tail: number | null;
}

export function diagnoseScalar(s: ScalarChains): ParameterDiagnostics {
  return {
    r_hat: num(rhat(s.chains)),
    ess_bulk: num(essBulk(s.chains)),
    ess_tail: num(essTail(s.chains)),
    mcse_mean: num(mcseMean(s.chains)),
  };
}

/** mmm_diagnostics.json "parameters": every posterior scalar keyed `name[coord]`. */
export function diagnoseParameters(idata: InferenceData): Record<string, ParameterDiagnostics> {
  const out: Record<string, ParameterDiagnostics> = {};
  for (const s of parameterChains(idata)) out[s.key] = diagnoseScalar(s);
  return out;
}

/** summary.json "parameters": estimate + r_hat, ess_bulk, ess_tail per posterior scalar. */
export function summarizeParameters(idata: InferenceData): Record<string, ParameterSummary> {
  const out: Record<string, ParameterSummary> = {};
  for (const s of parameterChains(idata)) {
    const d = diagnoseScalar(s);
    out[s.key] = { ...estimateOf(flatten(s.chains)), r_hat: d.r_hat, ess_bulk: d.ess_bulk, ess_tail: d.ess_tail };
  }
  return out;
}
