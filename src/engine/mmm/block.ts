// The MMM data block: one flat Float64Array that src/engine/mmm/pack.ts writes and the WASM
// log density (assembly/engine/mmm/block.ts, the same numbers) reads in place. Everything the
// log density needs is in it, so the WASM boundary is crossed once per chain to load data.
//
// Layout (all f64; counts and indices are stored as exact small integers):
//
//   [0, HEADER_LEN)  header, slots H_* below
//   params           DIM rows × PARAM_STRIDE: [dist code, p1, p2, log normalising constant]
//                    in src/model/layout.ts order; the dist fixes the transform (DIST_*)
//   channels         C rows × CHANNEL_STRIDE: [adstock code, saturation code, channel max,
//                    index of adstock param 1, adstock param 2, saturation param 1,
//                    saturation param 2, saturation_beta] (-1 = unused)
//   ys               T scaled target values (y / max|y|)
//   xs               C × T scaled media, channel-major (x / max x of the channel)
//   z                K × T controls divided by spec.control_scale, control-major
//   fourier          J × T Fourier features, feature-major (sin_1..sin_n, cos_1..cos_n)
//   lift             NLIFT rows × LIFT_STRIDE: [channel index, xs, dxs, dys, sigma_s]
//   col stats        K + J means over the T periods of the scaled control and Fourier columns,
//                    then their K + J Euclidean norms
//   roas             NROAS rows × ROAS_STRIDE: [channel index, scope (ROAS_WINDOW / ROAS_TEST),
//                    lo, hi, log K0], one row at most per channel (ModelSpec.roas_priors)
//
// A ROAS prior (src/calibration/roas-prior.ts; Meridian's ROI prior) replaces its channel's
// saturation_beta prior: that parameter's row holds log_normal(mu, sigma) and the density
// evaluates it at log β + log K(curve) instead of log β, where K is the channel's ROAS per
// unit β: 'window' K = K0 · S̄ (S̄ = mean_t sat(adstock(xs))_t, K0 = max|y| · T / Σ_t x_t),
// 'test' K = K0 · (sat(hi) − sat(lo)) (lo, hi = the scaled spends before and during the test
// in increasing order, K0 = max|y| / |delta_x|). lo and hi are 0 in a 'window' row.
//
// Parameter indices of a channel: adstock param 1/2 are (alpha, -), (alpha, theta),
// (lam, k) for geometric, delayed, weibull_pdf/cdf; saturation param 1/2 are (lam, -) for
// logistic and (kappa, slope) for hill.

export const BLOCK_MAGIC = 0x4d4d4d31; // "MMM1"

export const H_MAGIC = 0;
export const H_T = 1;
export const H_C = 2;
export const H_K = 3;
export const H_J = 4;
export const H_LMAX = 5;
export const H_NLIFT = 6;
export const H_DIM = 7;
/** Bit flags, FLAG_* below. */
export const H_FLAGS = 8;
/** max |y| in original units (kept so derived quantities can be put back in those units). */
export const H_TARGET_MAX = 9;
export const H_OFF_PARAMS = 10;
export const H_OFF_CHANNELS = 11;
export const H_OFF_YS = 12;
export const H_OFF_XS = 13;
export const H_OFF_Z = 14;
export const H_OFF_FOURIER = 15;
export const H_OFF_LIFT = 16;
export const H_IDX_INTERCEPT = 17;
/** First index of gamma_control (-1 when K = 0). */
export const H_IDX_CONTROL = 18;
/** First index of gamma_fourier (-1 when J = 0). */
export const H_IDX_FOURIER = 19;
export const H_IDX_SIGMA = 20;
/** Total block length, checked against the length the loader is given. */
export const H_LENGTH = 21;
export const H_OFF_COLMEANS = 22;
export const H_NROAS = 23;
export const H_OFF_ROAS = 24;
export const HEADER_LEN = 26;

export const PARAM_STRIDE = 4;
export const CHANNEL_STRIDE = 8;
export const LIFT_STRIDE = 5;
export const ROAS_STRIDE = 5;

/** Slots of a ROAS prior row. */
export const RO_CHANNEL = 0;
export const RO_SCOPE = 1;
export const RO_LO = 2;
export const RO_HI = 3;
export const RO_LOGK = 4;
export const ROAS_WINDOW = 0;
export const ROAS_TEST = 1;

export const CH_ADSTOCK = 0;
export const CH_SATURATION = 1;
export const CH_MAX = 2;
export const CH_IDX_A1 = 3;
export const CH_IDX_A2 = 4;
export const CH_IDX_S1 = 5;
export const CH_IDX_S2 = 6;
export const CH_IDX_BETA = 7;

export const ADSTOCK_CODE = { geometric: 0, delayed: 1, weibull_pdf: 2, weibull_cdf: 3 } as const;
export const SATURATION_CODE = { logistic: 0, hill: 1 } as const;

/**
 * Prior codes. The prior's support fixes the unconstrained transform (MODEL.md §3):
 * normal, laplace on R (identity); half_normal, gamma, log_normal on (0, inf) (log);
 * beta on (0, 1) (logit).
 */
export const DIST_CODE = { normal: 0, half_normal: 1, laplace: 2, beta: 3, gamma: 4, log_normal: 5 } as const;

/**
 * Changes of the sampler's coordinates (assembly/engine/mmm/reparam.ts); the model and its
 * constrained draws are the same with any of them.
 * MEAN_CONTRIBUTION: channels whose saturation_beta has a log transform are sampled as
 * log(β · mean_t sat_t); LEVEL_INTERCEPT: an intercept with a prior on R is sampled as the
 * mean level mean_t mu_t.
 */
export const FLAG_MEAN_CONTRIBUTION = 1;
export const FLAG_LEVEL_INTERCEPT = 2;
/**
 * COLUMN_SCALE: a coefficient with a prior on R is sampled as coefficient × the norm of its
 * column (controls, Fourier features; √T for the intercept), so every such coordinate has a
 * posterior sd near the noise level whatever the column's units (a trend 0..178 otherwise
 * leaves its coefficient a posterior sd of ~5e-5, below what the metric adaptation's
 * regulariser lets the step size see).
 */
export const FLAG_COLUMN_SCALE = 4;
/**
 * SAMPLE_PRIOR: the data's likelihood is left out (the Normal on ys and the lift tests' Gammas);
 * every prior stays, ROAS priors included. Sampling this density draws from the prior, for a
 * prior predictive check and for checking what the priors imply (issue 6 acceptance 5).
 */
export const FLAG_SAMPLE_PRIOR = 8;

/** Error codes mmmLoad returns (negative); the pack validates first, so these mean a corrupt block. */
export const LOAD_ERRORS: Record<number, string> = {
  [-1]: 'not an MMM block (bad magic number)',
  [-2]: 'block length does not match its header',
  [-3]: 'sizes out of range (T, C, l_max or dimension)',
  [-4]: 'a parameter index or code is out of range',
  [-5]: 'a ROAS prior row is invalid (channel, scope, operating point or its saturation_beta row)',
};
