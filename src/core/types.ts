// Shared contracts between the data layer, the engine, the analysis and the studio.
// Names follow ../shared/MODEL.md (PyMC-Marketing variable names, ArviZ group names).
// Change a field here only together with every user of it.

/** A cell the importer filled in; it stays flagged in every later output (MODEL.md §7). */
export interface ImputedCell {
  column: string;
  /** Period index in `Dataset.dates`. */
  row: number;
  method: string;
}

/** One modelling table: one row per period, after import, aggregation and gap handling. */
export interface Dataset {
  /** Human label, e.g. the file name(s) it came from. */
  name: string;
  /** ISO dates (yyyy-mm-dd), one per period, strictly increasing. Weeks start on Monday. */
  dates: string[];
  grain: 'week' | 'day';
  target: { name: string; values: Float64Array };
  channels: Array<{
    name: string;
    /** Spend per period (the media variable by default). */
    spend: Float64Array;
    /** Optional alternative media variables (Meridian impressions, clicks). */
    impressions?: Float64Array;
    clicks?: Float64Array;
  }>;
  /** Controls as given (before the MODEL.md §1 scaling, which the model spec records). */
  controls: Array<{ name: string; values: Float64Array }>;
  imputed: ImputedCell[];
  /** Stable hash of the numeric content, used to tell whether two runs share data. */
  fingerprint: string;
}

export type AdstockKind = 'geometric' | 'delayed' | 'weibull_pdf' | 'weibull_cdf';
export type SaturationKind = 'logistic' | 'hill';

/** A prior distribution. Parameter names follow PyMC (sigma, mu, alpha, beta, b). */
export type Prior =
  | { dist: 'normal'; mu: number; sigma: number }
  | { dist: 'half_normal'; sigma: number }
  | { dist: 'laplace'; mu: number; b: number }
  | { dist: 'beta'; alpha: number; beta: number }
  /** Gamma with shape alpha and rate beta (MODEL.md's "Gamma(mean m, sd s)" is alpha = m²/s², beta = m/s²). */
  | { dist: 'gamma'; alpha: number; beta: number }
  | { dist: 'log_normal'; mu: number; sigma: number };

export interface ChannelSpec {
  name: string;
  adstock: AdstockKind;
  saturation: SaturationKind;
  /**
   * Priors of this channel's parameters, keyed by variable name: `adstock_alpha`,
   * `adstock_theta`, `adstock_lam`, `adstock_k`, `saturation_lam`, `saturation_kappa`,
   * `saturation_slope`, `saturation_beta`. Missing keys take the MODEL.md §3 defaults.
   */
  priors: Partial<Record<string, Prior>>;
}

/** A lift test in per-period model inputs (MODEL.md §6), already mapped from any input shape. */
export interface LiftTest {
  channel: string;
  /** Spend per period before the test, original units. */
  x: number;
  delta_x: number;
  delta_y: number;
  sigma: number;
  label?: string;
}

/** Which ROAS a ROAS prior speaks about: over the data window (Meridian's ROI) or at a lift test's operating point. */
export type RoasScope = 'window' | 'test';

/**
 * A LogNormal(mu, sigma) prior on a channel's ROAS (Meridian's ROI prior; src/calibration).
 * It replaces the channel's saturation_beta prior by beta | curve ~ LogNormal(mu − log K, sigma),
 * K = the channel's ROAS per unit beta (src/calibration/roas-prior.ts has the derivation).
 */
export interface RoasPrior {
  channel: string;
  mu: number;
  sigma: number;
  scope: RoasScope;
  /** Operating point of a 'test' prior, original units per period. */
  x?: number;
  delta_x?: number;
  label: string;
  source: 'lift_test' | 'mta' | 'user';
}

export interface ModelSpec {
  /** Adstock window (default 8). */
  l_max: number;
  channels: ChannelSpec[];
  /** Control column names, in model order (dataset controls plus generated ones). */
  controls: string[];
  /** Divisor applied to each control (1 unless max|z| > 1000, MODEL.md §1). Same order as controls. */
  control_scale: number[];
  /** Yearly Fourier order n (0 = none); features sin_1..sin_n, cos_1..cos_n. */
  fourier_order: number;
  priors: {
    intercept: Prior;
    gamma_control: Prior;
    gamma_fourier: Prior;
    y_sigma: Prior;
  };
  lift_tests: LiftTest[];
  /** ROAS priors (optional; at most one per channel). */
  roas_priors?: RoasPrior[];
}

export interface SamplerSettings {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  adapt_delta: number;
  max_treedepth: number;
  /** Only 'diag_e' for now (Stan's name). */
  metric: 'diag_e';
}

export const DEFAULT_SAMPLER: Omit<SamplerSettings, 'seed'> = {
  chains: 4,
  warmup: 1000,
  draws: 1000,
  adapt_delta: 0.8,
  max_treedepth: 10,
  metric: 'diag_e',
};

/** NUTS statistics per draw, ArviZ names. */
export const SAMPLE_STAT_NAMES = [
  'lp',
  'acceptance_rate',
  'step_size',
  'tree_depth',
  'n_steps',
  'diverging',
  'energy',
] as const;
export type SampleStatName = (typeof SAMPLE_STAT_NAMES)[number];

export type FitPhase = 'init' | 'warmup' | 'sampling' | 'done';

export interface ChainProgress {
  chain: number;
  phase: FitPhase;
  /** Iterations finished, warmup included. */
  iteration: number;
  total: number;
  divergences: number;
  step_size: number;
  elapsed_ms: number;
}

/** The raw output of one chain, as it crosses the worker boundary (transferable arrays). */
export interface ChainResult {
  chain: number;
  /** (warmup + draws) × n_out constrained values, row-major, warmup rows first. */
  draws: Float64Array;
  /** (warmup + draws) × 7 NUTS stats in SAMPLE_STAT_NAMES order. */
  stats: Float64Array;
  n_out: number;
  warmup: number;
  draws_count: number;
  gradient_evaluations: number;
  /** Adapted diagonal inverse metric (unconstrained scale). */
  inv_metric: Float64Array;
  step_size: number;
  wall_ms: number;
  /** Time spent in warmup (to the end of the chunk that finished it) and in sampling, ms. */
  warmup_ms?: number;
  sampling_ms?: number;
  /** Set when the chain failed (e.g. no finite initial point); the other chains still finish. */
  error?: string;
}

/** Nested numeric arrays as ArviZ `from_dict` takes them: chain × draw × (dims...). */
export type NestedArray = number[] | NestedArray[];

/**
 * InferenceData as MODEL.md §8 lays it out. Arrays lead with chain, draw. Values that
 * cannot be computed are null in JSON.
 */
export interface InferenceData {
  posterior: Record<string, NestedArray>;
  sample_stats: Record<string, NestedArray>;
  log_likelihood: { y: NestedArray };
  posterior_predictive: { y: NestedArray };
  observed_data: { y: number[] };
  constant_data: {
    spend: number[][];
    channel_max: number[];
    target_max_abs: number;
    controls: number[][];
  };
  dims: Record<string, string[]>;
  coords: Record<string, Array<string | number>>;
  attrs: RunMetadata;
}

export interface RunMetadata {
  created_at: string;
  app_version: string;
  model: ModelSpec;
  data_range: { first: string; last: string; rows: number; grain: 'week' | 'day' };
  seed: number;
  sampler: Omit<SamplerSettings, 'seed'>;
  [extra: string]: unknown;
}

/** Every reported number (MODEL.md §8 "estimate"). Null when it cannot be computed. */
export interface Estimate {
  mean: number | null;
  sd: number | null;
  q05: number | null;
  q50: number | null;
  q95: number | null;
}

/** An error the UI and the CLI can show: what, where, and what to do. */
export interface UserError {
  message: string;
  file?: string;
  /**
   * Where the problem is when that place is not a file (the studio's typed-in lift-test table,
   * an Attribution result taken from the screen): shown as written, where `file` is shown as
   * "file …". Optional and studio-side; a problem names a file or a source, not both.
   */
  source?: string;
  /** 1-based data row as the user sees it in a spreadsheet (header = row 1). */
  row?: number;
  column?: string;
  channel?: string;
  hint?: string;
  severity: 'error' | 'warning';
}
