// Per-parameter summaries: MODEL.md §8 summary.json "parameters" entries (estimate + R-hat,
// bulk and tail ESS) and the mmm_diagnostics.json "parameters" entries. Batches the
// one-variable kernels over every scalar of the posterior.

import type { Estimate, InferenceData } from '../core/types';
import { meanVar } from './autocov';
import { essBulk, essTail, mcseMean, rhat } from './convergence';
import { flatten, quantileSorted } from './draws';
import { parameterChains, type ScalarChains } from './idata';

/** JSON cannot hold NaN or ±Infinity: a number that cannot be computed is null (MODEL.md §8). */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Estimate over all draws: mean, sd (n − 1), type-7 quantiles; null fields if any draw is non-finite. */
export function estimateOf(values: ArrayLike<number>): Estimate {
  const x = Float64Array.from(values as ArrayLike<number>);
  if (x.length === 0 || !x.every(Number.isFinite)) return { mean: null, sd: null, q05: null, q50: null, q95: null };
  const { mean, variance } = meanVar(x);
  x.sort();
  return {
    mean,
    sd: num(Math.sqrt(variance)),
    q05: quantileSorted(x, 0.05),
    q50: quantileSorted(x, 0.5),
    q95: quantileSorted(x, 0.95),
  };
}

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
