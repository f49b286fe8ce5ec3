// The ridge fallback's inputs and outputs (Robyn-style MMM: ridge regression on adstocked and
// saturated media with searched hyperparameters; Runge et al., "Packaging up media mix
// modeling: an introduction to Robyn's open-source approach", arXiv:2403.14674, 2024).
import type { AdstockKind, Estimate, LiftTest, SaturationKind, UserError } from '../core/types';

/** A hyperparameter's search range [lo, hi]; lo === hi fixes it. */
export type Range = [number, number];

export interface RidgeChannelOptions {
  adstock?: AdstockKind;
  saturation?: SaturationKind;
  /** Ranges keyed by MODEL.md variable name: adstock_alpha, adstock_theta, adstock_lam, adstock_k, saturation_lam, saturation_kappa, saturation_slope. */
  ranges?: Partial<Record<string, Range>>;
}

export interface RidgeOptions {
  seed: number;
  /** Defaults for every channel (Robyn's defaults: geometric adstock, Hill saturation). */
  adstock?: AdstockKind;
  saturation?: SaturationKind;
  channels?: Record<string, RidgeChannelOptions>;
  l_max?: number;
  fourier_order?: number;
  /** Controls to use (dataset control names); default all. */
  controls?: string[];
  /** Add a linear trend column (default: yes unless a control named `t` or `trend` exists). */
  trend?: boolean;
  /** Robyn's lambda hyperparameter range in [0, 1] (default [0, 1]). */
  lambda?: Range;
  /** Lift tests (per-period, MODEL.md §6): add MAPE.LIFT as a third objective. */
  lift_tests?: LiftTest[];
  search?: { population?: number; generations?: number };
  /**
   * Intervals: 'sieve' (default; AR(p) sieve bootstrap of the residuals, sieve.ts), 'block'
   * (moving-block residual bootstrap, bootstrap.ts) or 'residual' (i.i.d. residuals).
   */
  bootstrap?: {
    replicates?: number;
    block_length?: number;
    method?: 'sieve' | 'block' | 'residual';
    /**
     * Build the intervals on the chosen fit corrected for its penalty's bias (debias.ts; default
     * true). false: around the chosen fit itself, whose intervals under a strong penalty hold
     * the truth far less often than they say (kept for comparison; tests/ridge/coverage.test.ts).
     */
    penalty_bias_correction?: boolean;
  };
  /** Robyn's intercept_sign = "non_negative": refit without intercept when it comes out negative (default true). */
  intercept_non_negative?: boolean;
  /** Robyn's rssd_zero_penalty (default true). */
  rssd_zero_penalty?: boolean;
}

export interface Objectives {
  nrmse: number;
  decomp_rssd: number;
  /** Null when there are no lift tests. */
  mape_lift: number | null;
}

export interface RidgeCandidate {
  id: number;
  /** Hyperparameter values keyed `adstock_alpha[tv]`, ..., and `lambda` (Robyn's lambda_hp in [0, 1]). */
  hyper: Record<string, number>;
  objectives: Objectives;
  /** Non-dominated front number among all candidates (1 = Pareto front). */
  front: number;
}

/**
 * Each Estimate summarises the bootstrap draws of its quantity (intervals.ts): with the default
 * sieve bootstrap the bootstrap-t draws, whose q05–q95 is the studentized 90% interval and
 * whose mean is close to the bias-corrected estimate (debias.ts) the interval is built on;
 * `point` holds the chosen model's own (shrunk) values.
 */
export interface RidgeChannelResult {
  spend: number;
  contribution: Estimate;
  roas: Estimate;
  marginal_roas: Estimate;
  /** The channel's share of the media effect (contribution / media total). */
  effect_share: Estimate;
  /** The chosen model's point values (the bootstrap summarises around them). */
  point: { contribution: number; roas: number; marginal_roas: number; effect_share: number; spend_share: number };
}

export interface RidgeLiftCheck {
  label: string;
  channel: string;
  delta_y: number;
  /** The test's standard error of delta_y (same units). */
  sigma: number;
  /** The chosen model's lift per period at the test (the APE's basis), and its bootstrap Estimate. */
  implied_point: number;
  implied: Estimate;
  /** |implied − delta_y| / |delta_y| at the point estimate (Robyn's mape_lift term). */
  ape: number;
}

export interface RidgeResult {
  method: 'ridge';
  method_note: string;
  seed: number;
  evaluations: number;
  candidates: RidgeCandidate[];
  /** Candidate ids on the Pareto front, by ascending NRMSE. */
  pareto: number[];
  chosen: number;
  chosen_rule: string;
  model: {
    hyper: Record<string, number>;
    /** The ridge penalty on the standardised problem (see fit-ridge.ts). */
    lambda_standardised: number;
    intercept: number;
    intercept_dropped: boolean;
    coefficients: Record<string, number>;
    objectives: Objectives;
    rsq: number;
    fitted: number[];
  };
  channels: Record<string, RidgeChannelResult>;
  base: { intercept: Estimate; controls: Record<string, Estimate>; seasonality: Estimate };
  media_total: Estimate;
  lift: RidgeLiftCheck[];
  /**
   * How the intervals were made (summarise.ts): block_length is 1 unless method is
   * moving_block_residual; ar_order (AIC-chosen) is null unless sieve_ar; interval:
   * 'studentized' (bootstrap-t, the sieve's; a quantity without a standard error, such as a
   * channel held at 0, falls back to the other) or 'percentile_bias_corrected' (percentile
   * intervals of draws re-centred for the penalty's bias).
   */
  bootstrap: {
    replicates: number;
    method: 'sieve_ar' | 'moving_block_residual' | 'residual';
    block_length: number;
    ar_order: number | null;
    interval: 'studentized' | 'percentile_bias_corrected';
    /**
     * True when the intervals are built on the chosen fit corrected for its penalty's bias
     * (debias.ts; the default, bootstrap.penalty_bias_correction): the point values are the
     * chosen model's, the intervals are for the effects with the shrinkage taken out, and a
     * point can then lie outside its interval (a warning names each such channel).
     */
    penalty_bias_corrected: boolean;
  };
  warnings: UserError[];
}

export interface RidgeProgress {
  phase: 'search' | 'bootstrap' | 'done';
  done: number;
  total: number;
}
