// What the Diagnostics view draws beyond the mmm_diagnostics.json report: per-chain health
// with the divergent draws, predictive intervals per period, the density overlay, test
// statistics with their replicated values, Pareto k and pointwise elpd per observation,
// residuals and Q-Q data. All from src/diagnostics; pure, so it runs in the worker and in
// Node tests alike.

import type { InferenceData } from '../../core/types';
import {
  chainHealth,
  fitMetrics,
  intervalCoverage,
  pointwiseGroup,
  psisLoo,
  qqNormal,
  residuals,
  statChains,
  testStatistics,
  type ChainHealth,
  type Coverage,
  type DiagResult,
  type FitMetrics,
  type LooResult,
  type QqData,
  type TestStatistic,
} from '../../diagnostics';
import { observationDim } from '../../diagnostics/idata';
import { densityOverlay, type DensityOverlay } from './kde';

export interface LooDetails {
  pareto_k: Float64Array;
  elpd: Float64Array;
  /** min(1 − 1/log10 S, 0.7) (Vehtari et al. 2024 §3). */
  threshold: number;
  over_0_7: number;
  over_threshold: number;
  n_draws: number;
}

export interface RunDetails {
  /** Labels of the observation dimension (dates). */
  dates: string[];
  observed: Float64Array;
  chains: ChainHealth[];
  ppc: Coverage | null;
  density: DensityOverlay | null;
  testStatistics: TestStatistic[];
  loo: LooDetails | null;
  fit: { residuals: Float64Array; qq: QqData; metrics: FitMetrics } | null;
}

/** Per-chain sampler health, read the way buildDiagnostics reads it. */
export function runChainHealth(idata: InferenceData): ChainHealth[] {
  return chainHealth(
    {
      diverging: statChains(idata, 'diverging'),
      tree_depth: statChains(idata, 'tree_depth'),
      energy: statChains(idata, 'energy'),
      step_size: statChains(idata, 'step_size'),
      acceptance_rate: statChains(idata, 'acceptance_rate'),
    },
    idata.attrs?.sampler?.max_treedepth ?? 10,
  );
}

/** Plot data of a PSIS-LOO result; computes it when not given (undefined), none for null. */
function looDetails(idata: InferenceData, given?: LooResult | null): LooDetails | null {
  let l = given;
  if (l === undefined) {
    const ll = pointwiseGroup(idata.log_likelihood?.y);
    l = ll ? psisLoo(ll) : null;
  }
  if (!l) return null;
  return {
    pareto_k: l.pointwise.pareto_k,
    elpd: l.pointwise.elpd_loo,
    threshold: l.k_threshold,
    over_0_7: l.pareto_k_over_0_7,
    over_threshold: l.pareto_k_over_threshold,
    n_draws: l.n_draws,
  };
}

/** `loo`: the run's PSIS-LOO when already computed (the worker shares it with the report). */
export function runDetails(idata: InferenceData, loo?: LooResult | null): RunDetails {
  const dim = observationDim(idata);
  const y = idata.observed_data?.y;
  const observed = Float64Array.from(Array.isArray(y) ? y : [], (v) => (typeof v === 'number' ? v : NaN));
  const labels = idata.coords?.[dim];
  const dates = Array.from(observed, (_, i) => String(labels?.[i] ?? i + 1));
  const pp = pointwiseGroup(idata.posterior_predictive?.y);
  const usable = pp !== null && pp.nObs === observed.length && observed.length > 1;
  const ppc = usable ? intervalCoverage(observed, pp) : null;
  const fit = ppc
    ? (() => {
        const e = residuals(observed, ppc.mean);
        return { residuals: e, qq: qqNormal(e.filter(Number.isFinite)), metrics: fitMetrics(observed, ppc.mean) };
      })()
    : null;
  return {
    dates,
    observed,
    chains: runChainHealth(idata),
    ppc,
    density: usable ? densityOverlay(observed, pp) : null,
    testStatistics: usable ? testStatistics(observed, pp) : [],
    loo: looDetails(idata, loo),
    fit,
  };
}

/** Pointwise elpd_loo of a run, for the model comparison table. */
export function pointwiseElpd(idata: InferenceData): DiagResult<Float64Array> {
  const loo = looDetails(idata);
  if (!loo) {
    return {
      ok: false,
      errors: [{ message: 'This run has no pointwise log-likelihood, so its LOO cannot be computed.', hint: 'Refit it in this version of the studio (runs store the log_likelihood group).', severity: 'error' }],
    };
  }
  return { ok: true, value: loo.elpd };
}
