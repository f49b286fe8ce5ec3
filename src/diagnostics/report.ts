// mmm_diagnostics.json (MODEL.md §8) from an InferenceData: parameters, chains, ppc, loo,
// waic, gates, timings, metadata. Extends the contract compatibly with a few extra keys the
// studio shows (test statistics, fit metrics, SEs, gate details, estimates_provisional).

import type { InferenceData, RunMetadata } from '../core/types';
import { readinessGates, estimatesProvisional, type Gate } from './gates';
import { pointwiseGroup, statChains } from './idata';
import { psisLoo, waic, type LooResult } from './loo';
import { intervalCoverage, testStatistics, type TestStatisticName } from './ppc';
import { fitMetrics } from './residuals';
import { chainHealth, samplerTotals } from './sampler';
import { diagnoseParameters, num, type ParameterDiagnostics } from './summary';

type Nullable = number | null;

export interface MmmDiagnosticsJson {
  metadata: Pick<RunMetadata, 'app_version' | 'model' | 'data_range' | 'seed' | 'sampler'> & {
    /** When these diagnostics were computed; the run's own time is run_created_at. */
    created_at: string;
    run_created_at: string | null;
    [extra: string]: unknown;
  };
  parameters: Record<string, ParameterDiagnostics>;
  chains: Array<{ chain: number; divergences: Nullable; max_treedepth_hits: Nullable; e_bfmi: Nullable; step_size: Nullable }>;
  ppc: {
    coverage_50: Nullable;
    coverage_90: Nullable;
    test_statistics: Partial<Record<TestStatisticName, { observed: Nullable; replicated_mean: Nullable; ppp: Nullable }>>;
  };
  fit: { r2: Nullable; mape: Nullable; wmape: Nullable; lag1_autocorrelation: Nullable; durbin_watson: Nullable } | null;
  loo: { elpd: Nullable; se: Nullable; p_loo: Nullable; p_loo_se: Nullable; looic: Nullable; pareto_k_over_0_7: Nullable; pareto_k_threshold: Nullable; pareto_k_over_threshold: Nullable };
  waic: { elpd: Nullable; se: Nullable; p_waic: Nullable };
  gates: Record<string, Gate>;
  estimates_provisional: boolean;
  timings: Record<string, unknown> & { diagnostics_seconds: number };
}

export interface BuildOptions {
  /** Clock for created_at (tests pass a fixed date). */
  now?: Date;
  /**
   * PSIS-LOO of this idata's log_likelihood, when the caller has it already (the studio's
   * diagnostics worker computes it once for the report and the Pareto k plot).
   */
  loo?: LooResult;
}

function ppcSection(idata: InferenceData): { ppc: MmmDiagnosticsJson['ppc']; fit: MmmDiagnosticsJson['fit']; nObs: number | null } {
  const pp = pointwiseGroup(idata.posterior_predictive?.y);
  const y = idata.observed_data?.y;
  if (!pp || !Array.isArray(y) || y.length !== pp.nObs) {
    return { ppc: { coverage_50: null, coverage_90: null, test_statistics: {} }, fit: null, nObs: Array.isArray(y) ? y.length : null };
  }
  const observed = Float64Array.from(y, (v) => (typeof v === 'number' ? v : NaN));
  const cov = intervalCoverage(observed, pp);
  const stats: MmmDiagnosticsJson['ppc']['test_statistics'] = {};
  for (const t of testStatistics(observed, pp)) {
    stats[t.name] = { observed: num(t.observed), replicated_mean: num(t.replicated_mean), ppp: num(t.ppp) };
  }
  const m = fitMetrics(observed, cov.mean);
  return {
    ppc: { coverage_50: num(cov.coverage_50), coverage_90: num(cov.coverage_90), test_statistics: stats },
    fit: { r2: num(m.r2), mape: num(m.mape), wmape: num(m.wmape), lag1_autocorrelation: num(m.lag1_autocorrelation), durbin_watson: num(m.durbin_watson) },
    nObs: observed.length,
  };
}

function looSection(idata: InferenceData, given?: LooResult): { loo: MmmDiagnosticsJson['loo']; waic: MmmDiagnosticsJson['waic']; k: Float64Array | null } {
  const ll = pointwiseGroup(idata.log_likelihood?.y);
  if (!ll) {
    return {
      loo: { elpd: null, se: null, p_loo: null, p_loo_se: null, looic: null, pareto_k_over_0_7: null, pareto_k_threshold: null, pareto_k_over_threshold: null },
      waic: { elpd: null, se: null, p_waic: null },
      k: null,
    };
  }
  const l = given ?? psisLoo(ll);
  const w = waic(ll);
  return {
    loo: {
      elpd: num(l.elpd_loo.estimate), se: num(l.elpd_loo.se), p_loo: num(l.p_loo.estimate), p_loo_se: num(l.p_loo.se),
      looic: num(l.looic.estimate), pareto_k_over_0_7: l.pareto_k_over_0_7, pareto_k_threshold: num(l.k_threshold),
      pareto_k_over_threshold: l.pareto_k_over_threshold,
    },
    waic: { elpd: num(w.elpd_waic.estimate), se: num(w.elpd_waic.se), p_waic: num(w.p_waic.estimate) },
    k: l.pointwise.pareto_k,
  };
}

export function buildDiagnostics(idata: InferenceData, opts: BuildOptions = {}): MmmDiagnosticsJson {
  const t0 = performance.now();
  const parameters = diagnoseParameters(idata);
  const maxDepth = idata.attrs?.sampler?.max_treedepth ?? 10;
  const health = chainHealth(
    {
      diverging: statChains(idata, 'diverging'),
      tree_depth: statChains(idata, 'tree_depth'),
      energy: statChains(idata, 'energy'),
      step_size: statChains(idata, 'step_size'),
      acceptance_rate: statChains(idata, 'acceptance_rate'),
    },
    maxDepth,
  );
  const totals = samplerTotals(health);
  const { ppc, fit, nObs } = ppcSection(idata);
  const { loo, waic: w, k } = looSection(idata, opts.loo);
  const s = idata.posterior ? drawsCount(idata) : 0;
  const list = (f: keyof ParameterDiagnostics) =>
    Object.entries(parameters).map(([key, d]) => ({ key, value: d[f] ?? NaN }));
  const gates = readinessGates({
    rhat: list('r_hat'),
    ess_bulk: list('ess_bulk'),
    ess_tail: list('ess_tail'),
    draws: s,
    divergences: health.length && !Number.isNaN(totals.divergences) ? totals.divergences : null,
    max_treedepth: maxDepth,
    max_treedepth_hits: health.length && !Number.isNaN(totals.max_treedepth_hits) ? totals.max_treedepth_hits : null,
    e_bfmi: health.map((h) => h.e_bfmi),
    coverage_90: ppc.coverage_90,
    n_obs: nObs,
    pareto_k: k,
  });
  const { created_at: runCreated, ...attrs } = idata.attrs ?? ({} as RunMetadata);
  const runTimings = (attrs as Record<string, unknown>).timings;
  return {
    metadata: { ...(attrs as Pick<RunMetadata, 'app_version' | 'model' | 'data_range' | 'seed' | 'sampler'>), created_at: (opts.now ?? new Date()).toISOString(), run_created_at: runCreated ?? null },
    parameters,
    // Chains are labelled by coords.chain (a failed chain leaves a gap), not by position.
    chains: health.map((h) => ({
      chain: Number(idata.coords?.chain?.[h.chain] ?? h.chain), divergences: num(h.divergences), max_treedepth_hits: num(h.max_treedepth_hits), e_bfmi: num(h.e_bfmi), step_size: num(h.step_size),
    })),
    ppc,
    fit,
    loo,
    waic: w,
    gates,
    estimates_provisional: estimatesProvisional(gates),
    timings: {
      ...(runTimings && typeof runTimings === 'object' ? (runTimings as Record<string, unknown>) : {}),
      diagnostics_seconds: (performance.now() - t0) / 1000,
    },
  };
}

/** Post-warmup draws over all chains, from the first posterior variable's shape. */
function drawsCount(idata: InferenceData): number {
  const first = Object.values(idata.posterior)[0];
  if (!Array.isArray(first) || !Array.isArray(first[0])) return 0;
  return first.length * (first[0] as unknown[]).length;
}
