// Results of the model checks (hold-out and prior sensitivity) as plain JSON values: the
// studio shows them, the CLI writes them to mmm_checks.json. A number that cannot be
// computed is null (MODEL.md §8); arrays are plain so they cross a worker unchanged.
import type { Estimate, Prior, SamplerSettings } from '../core/types';
import type { CompareRow } from '../diagnostics/compare';
import type { Gate } from '../diagnostics/gates';

type N = number | null;

/** Residual metrics of src/diagnostics/residuals.ts plus interval coverage, nulls for NaN. */
export interface CheckMetrics {
  periods: number;
  r2: N;
  mape: N;
  mape_skipped_zeros: number;
  wmape: N;
  rmse: N;
  lag1_autocorrelation: N;
  durbin_watson: N;
  coverage_50: N;
  coverage_90: N;
}

/** How a refit went: its readiness gates (src/diagnostics/gates.ts) and cost. */
export interface RefitHealth {
  gates: Record<string, Gate>;
  /** True when a gate that affects estimates failed: the check's numbers are provisional too. */
  provisional: boolean;
  divergences: N;
  wall_seconds: N;
}

export interface PeriodRange {
  first: string;
  last: string;
  rows: number;
}

export interface PredictiveBands {
  dates: string[];
  observed: N[];
  mean: N[];
  q05: N[];
  q25: N[];
  q50: N[];
  q75: N[];
  q95: N[];
}

export interface HoldoutResult {
  holdout_periods: number;
  train: PeriodRange;
  test: PeriodRange;
  /** The original run over all periods (its own posterior predictive), for reference. */
  in_sample_full_run: CheckMetrics | null;
  /** The training refit over the training periods. */
  in_sample: CheckMetrics;
  /** The training refit's forecast of the held-out periods with their actual spend and controls. */
  out_of_sample: CheckMetrics;
  /** Held-out periods: observed and the forecast's predictive bands (src/analysis/forecast.ts). */
  forecast: PredictiveBands;
  /** The last training periods with the training refit's in-sample predictive bands (plot context). */
  train_tail: PredictiveBands;
  refit: RefitHealth;
  settings: SamplerSettings;
}

export interface SensitivityParameter {
  key: string;
  prior: Prior | null;
  vague_prior: Prior | null;
  /** Analytic moments of the user's prior (src/diagnostics/sensitivity.ts priorMoments). */
  prior_mean: N;
  prior_sd: N;
  posterior: Estimate;
  posterior_vague: Estimate;
  contraction: N;
  shift: N;
  prior_dominates: boolean;
  prior_sensitive: boolean;
  note: string | null;
}

export interface SensitivityResult {
  vague_factor: number;
  rules: { min_contraction: number; max_abs_shift: number };
  /** 'run' when the open run itself is the fit with the user's priors (same settings and seed), else 'refit'. */
  user_fit: 'run' | 'refit';
  parameters: SensitivityParameter[];
  /** Keys where the prior dominates or a vague prior moves the estimate. */
  flagged: string[];
  /** loo_compare-style table of the two fits (src/diagnostics/compare.ts), or null with the reason. */
  comparison: CompareRow[] | null;
  comparison_error: string | null;
  refits: { user: RefitHealth | null; vague: RefitHealth };
  settings: SamplerSettings;
}
