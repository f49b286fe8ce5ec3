// In-sample and out-of-sample metrics in one shape (the residual metrics of
// src/diagnostics/residuals.ts plus 50%/90% interval coverage), and a refit's health from
// its readiness gates, so a check run on a poorly converged refit says so.
import type { InferenceData } from '../core/types';
import { pointwiseGroup } from '../diagnostics/idata';
import type { LooResult } from '../diagnostics/loo';
import { intervalCoverage } from '../diagnostics/ppc';
import { buildDiagnostics } from '../diagnostics/report';
import { fitMetrics, type FitMetrics } from '../diagnostics/residuals';
import { num } from '../diagnostics/summary';
import type { CheckMetrics, PredictiveBands, RefitHealth } from './types';

export function checkMetrics(m: FitMetrics, coverage50: number, coverage90: number): CheckMetrics {
  return {
    periods: m.n,
    r2: num(m.r2),
    mape: num(m.mape),
    mape_skipped_zeros: m.mape_skipped_zeros,
    wmape: num(m.wmape),
    rmse: num(m.rmse),
    lag1_autocorrelation: num(m.lag1_autocorrelation),
    durbin_watson: num(m.durbin_watson),
    coverage_50: num(coverage50),
    coverage_90: num(coverage90),
  };
}

export function observedOf(idata: InferenceData): Float64Array {
  return Float64Array.from(idata.observed_data?.y ?? [], (v) => (typeof v === 'number' ? v : NaN));
}

/** Metrics of a run against its own observations (posterior predictive mean as the point fit); null without draws. */
export function inSample(idata: InferenceData, lastPeriods?: number): { metrics: CheckMetrics; tail: PredictiveBands } | null {
  const pp = pointwiseGroup(idata.posterior_predictive?.y);
  const observed = observedOf(idata);
  if (!pp || pp.nObs !== observed.length) return null;
  const cov = intervalCoverage(observed, pp);
  const metrics = checkMetrics(fitMetrics(observed, cov.mean), cov.coverage_50, cov.coverage_90);
  const T = observed.length;
  const from = Math.max(0, T - (lastPeriods ?? T));
  const dates = (idata.coords?.[idata.dims?.y?.[0] ?? 'date'] ?? []).map(String);
  const cut = (a: ArrayLike<number>) => Array.from(a).slice(from).map(num);
  return {
    metrics,
    tail: {
      dates: dates.slice(from),
      observed: cut(observed),
      mean: cut(cov.mean),
      q05: cut(cov.lower_90),
      q25: cut(cov.lower_50),
      // intervalCoverage gives no median; the plot does not draw one for in-sample periods.
      q50: new Array<number | null>(T - from).fill(null),
      q75: cut(cov.upper_50),
      q95: cut(cov.upper_90),
    },
  };
}

/**
 * The refit's readiness gates (src/diagnostics/gates.ts via buildDiagnostics). `loo`: the
 * refit's PSIS-LOO when the caller computed it already (the sensitivity check's comparison
 * needs it too), so it is not computed twice.
 */
export function refitHealth(idata: InferenceData, wallMs: number | null, loo?: LooResult | null): RefitHealth {
  const d = buildDiagnostics(idata, loo ? { loo } : {});
  const divergences = d.chains.reduce<number | null>((s, c) => (s === null || c.divergences === null ? null : s + c.divergences), 0);
  return { gates: d.gates, provisional: d.estimates_provisional, divergences, wall_seconds: wallMs === null ? null : wallMs / 1000 };
}
