// The MMM data block layout, the same numbers as src/engine/mmm/block.ts (which documents
// it); tests/engine/mmm-block.test.ts checks the two files agree.

export const BLOCK_MAGIC: f64 = 0x4d4d4d31;

export const H_MAGIC: i32 = 0;
export const H_T: i32 = 1;
export const H_C: i32 = 2;
export const H_K: i32 = 3;
export const H_J: i32 = 4;
export const H_LMAX: i32 = 5;
export const H_NLIFT: i32 = 6;
export const H_DIM: i32 = 7;
export const H_FLAGS: i32 = 8;
export const H_TARGET_MAX: i32 = 9;
export const H_OFF_PARAMS: i32 = 10;
export const H_OFF_CHANNELS: i32 = 11;
export const H_OFF_YS: i32 = 12;
export const H_OFF_XS: i32 = 13;
export const H_OFF_Z: i32 = 14;
export const H_OFF_FOURIER: i32 = 15;
export const H_OFF_LIFT: i32 = 16;
export const H_IDX_INTERCEPT: i32 = 17;
export const H_IDX_CONTROL: i32 = 18;
export const H_IDX_FOURIER: i32 = 19;
export const H_IDX_SIGMA: i32 = 20;
export const H_LENGTH: i32 = 21;
export const H_OFF_COLMEANS: i32 = 22;
export const H_NROAS: i32 = 23;
export const H_OFF_ROAS: i32 = 24;
export const HEADER_LEN: i32 = 26;

export const FLAG_MEAN_CONTRIBUTION: i32 = 1;
export const FLAG_LEVEL_INTERCEPT: i32 = 2;
export const FLAG_COLUMN_SCALE: i32 = 4;
export const FLAG_SAMPLE_PRIOR: i32 = 8;

export const PARAM_STRIDE: i32 = 4;
export const CHANNEL_STRIDE: i32 = 8;
export const LIFT_STRIDE: i32 = 5;
export const ROAS_STRIDE: i32 = 5;

export const RO_CHANNEL: i32 = 0;
export const RO_SCOPE: i32 = 1;
export const RO_LO: i32 = 2;
export const RO_HI: i32 = 3;
export const RO_LOGK: i32 = 4;
export const ROAS_WINDOW: i32 = 0;
export const ROAS_TEST: i32 = 1;

export const CH_ADSTOCK: i32 = 0;
export const CH_SATURATION: i32 = 1;
export const CH_MAX: i32 = 2;
export const CH_IDX_A1: i32 = 3;
export const CH_IDX_A2: i32 = 4;
export const CH_IDX_S1: i32 = 5;
export const CH_IDX_S2: i32 = 6;
export const CH_IDX_BETA: i32 = 7;

export const ADSTOCK_GEOMETRIC: i32 = 0;
export const ADSTOCK_DELAYED: i32 = 1;
export const ADSTOCK_WEIBULL_PDF: i32 = 2;
export const ADSTOCK_WEIBULL_CDF: i32 = 3;
export const SATURATION_LOGISTIC: i32 = 0;
export const SATURATION_HILL: i32 = 1;

export const DIST_NORMAL: i32 = 0;
export const DIST_HALF_NORMAL: i32 = 1;
export const DIST_LAPLACE: i32 = 2;
export const DIST_BETA: i32 = 3;
export const DIST_GAMMA: i32 = 4;
export const DIST_LOG_NORMAL: i32 = 5;

/** f64 at index i of an f64 array at p, and its store: one definition for the engine (nuts/vec.ts). */
export { ld, st } from '../nuts/vec';
