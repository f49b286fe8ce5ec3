// Packs a dataset and a model spec into the flat MMM data block (layout in ./block.ts) that
// the WASM log density reads in place and the TypeScript baseline (./reference.ts) reads too.
// Scaling as MODEL.md §1: ys = y / max|y|, xs = x / max x per channel, controls divided by
// spec.control_scale, Fourier features from src/model/features.ts; lift tests as §6; ROAS
// priors (ModelSpec.roas_priors) as rows the density turns into their channels' β priors.
import type { Dataset, ModelSpec, Prior, RoasPrior, UserError } from '../../core/types';
import { fourierFeatures } from '../../model/features';
import { flatLayout } from '../../model/layout';
import { DEFAULT_GLOBAL_PRIORS, defaultChannelPrior, logGamma } from '../../model/priors';
import * as B from './block';
import { checkData, checkLiftTest, checkPrior, checkRoasPriors } from './validate';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The log normalising constant of a prior, written as the density of the *unconstrained*
 * variable needs it (see assembly/engine/mmm/priors.ts): everything that does not depend on
 * the parameter. With it the block's log density is the full normalised log joint density.
 */
export function priorLogConstant(p: Prior): number {
  switch (p.dist) {
    case 'normal':
    case 'log_normal':
      return -Math.log(p.sigma) - LOG_SQRT_2PI;
    case 'half_normal':
      return Math.LN2 - Math.log(p.sigma) - LOG_SQRT_2PI;
    case 'laplace':
      return -Math.log(2 * p.b);
    case 'beta':
      return logGamma(p.alpha + p.beta) - logGamma(p.alpha) - logGamma(p.beta);
    case 'gamma':
      return p.alpha * Math.log(p.beta) - logGamma(p.alpha);
  }
}

/** [p1, p2] of a prior in the block's order (see DIST_CODE). */
function priorParams(p: Prior): [number, number] {
  switch (p.dist) {
    case 'normal':
    case 'log_normal':
      return [p.mu, p.sigma];
    case 'half_normal':
      return [p.sigma, 0];
    case 'laplace':
      return [p.mu, p.b];
    case 'beta':
    case 'gamma':
      return [p.alpha, p.beta];
  }
}

/**
 * The prior of each flat-layout entry, with validation errors. A channel's ROAS prior takes
 * the place of its saturation_beta prior (as log_normal(mu, sigma), shifted by −log K in the
 * density; ./block.ts), so that channel's own saturation_beta prior is not used or checked.
 */
function layoutPriors(spec: ModelSpec): { priors: Prior[]; errors: UserError[] } {
  const priors: Prior[] = [];
  const errors: UserError[] = [];
  const g = spec.priors ?? DEFAULT_GLOBAL_PRIORS;
  for (const e of flatLayout(spec)) {
    let p: Prior | undefined;
    if (e.name === 'intercept' || e.name === 'gamma_control' || e.name === 'gamma_fourier' || e.name === 'y_sigma') {
      p = g[e.name] ?? DEFAULT_GLOBAL_PRIORS[e.name];
      errors.push(...checkPrior(e.name, p));
    } else {
      const ch = spec.channels.find((c) => c.name === e.coord)!;
      const roas = e.name === 'saturation_beta' ? spec.roas_priors?.find((r) => r.channel === ch.name) : undefined;
      if (roas) {
        priors.push({ dist: 'log_normal', mu: roas.mu, sigma: roas.sigma });
        continue;
      }
      p = ch.priors[e.name] ?? defaultChannelPrior(e.name, ch.saturation);
      errors.push(...checkPrior(e.name, p, ch.name));
    }
    priors.push(p!);
  }
  return { priors, errors };
}

function checkKinds(spec: ModelSpec): UserError[] {
  const errs: UserError[] = [];
  for (const c of spec.channels) {
    if (!(c.adstock in B.ADSTOCK_CODE))
      errs.push({ severity: 'error', channel: c.name, message: `Channel "${c.name}" has an unknown adstock "${c.adstock}".` });
    if (!(c.saturation in B.SATURATION_CODE))
      errs.push({ severity: 'error', channel: c.name, message: `Channel "${c.name}" has an unknown saturation "${c.saturation}".` });
  }
  return errs;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

export interface PackOptions {
  /** Sampler coordinates, FLAG_* bits of ./block.ts (default defaultParameterisation(spec)). */
  parameterisation?: number;
  /**
   * Leave the likelihood out (B.FLAG_SAMPLE_PRIOR): the block's density is the prior, ROAS
   * priors included, for prior predictive checks. Combines with any parameterisation; the
   * default is then the plain coordinates (PRIOR_PARAMETERISATION).
   */
  samplePrior?: boolean;
}

/**
 * Default coordinates for sampling the prior: plain. The reparameterisations straighten a
 * posterior the data pin down; under the prior alone the plain coordinates are the natural
 * ones (independent priors, a ROAS prior's β a shifted LogNormal), while log(β S̄) couples β to
 * curves spanning orders of magnitude. Measured on dev_weekly_logistic with ROAS priors on tv
 * ('test') and search ('window'), 4 chains × (1000 + 1000), seed 61: 3.19 M gradients with all
 * three flags, 0.19 M plain; both draw the requested LogNormals (tests/engine/mmm-roas-prior-sampling.test.ts).
 */
export const PRIOR_PARAMETERISATION = 0;

/**
 * Default sampler coordinates: all three changes of variables (./block.ts FLAG_*). Measured
 * with this engine's NUTS (1000 + 1000 per chain, seed 1, adapt_delta 0.8, default model):
 *   mmm_example, 4 chains: 4.66 M gradients, depth 9, step 0.007, min bulk ESS 529 (plain)
 *                       -> 0.128 M gradients, depth 4, step 0.23–0.30, min bulk ESS 2712 (all);
 *   one chain: column scales alone 114 k, + level intercept 100 k, + mean contribution 31 k;
 *   dev_weekly_logistic, 1 chain: 892 k -> 37 k gradients; dev_weekly_hill: 1.87 M (depth 10 on
 *   98% of draws) -> 111 k (depth 5–6). Posterior means agree with Stan's within 3 combined MCSE.
 */
export const DEFAULT_PARAMETERISATION = B.FLAG_MEAN_CONTRIBUTION | B.FLAG_LEVEL_INTERCEPT | B.FLAG_COLUMN_SCALE;

/**
 * Default coordinates of a model with a Hill channel: without MEAN_CONTRIBUTION (β sampled as
 * log β; same model, same priors, other coordinates). Hill fits diverged where a channel's β
 * is small: in 20 unseen Hill sets (tests/unseen/simulate.ts seeds 1–20, matched priors,
 * 4 × (500 + 500), seed 1) 29% of divergent draws lay in their channel's lowest β decile (10%
 * if unrelated; 27% on seeds 21–40), while κ and slope were near their posteriors' spread
 * (κ median 1.04 vs 0.97 over all draws, deciles flat; slope 0.83 vs 0.99, 15% in its lowest
 * decile), not at a boundary. A likely reason: with u = log(β S̄), β = e^u / S̄
 * puts −log S̄(κ, slope, α) into the density at fixed u, coupling the Hill shape to the
 * contribution where the data no longer pin the shape (55 of 69 channels had q05/q50 of β
 * near 0.1). Without the flag, on the same sets: divergent draws 210 → 29 of 40,000, fits with
 * any 15 → 8, gradients 4.67 M → 3.89 M (median per fit 0.69×); replicated on seeds 21–40:
 * 312 → 13, 17 → 4 fits, 3.72 M → 2.30 M (median 0.61×, none slower). dev_weekly_hill,
 * 4 × (1000 + 1000): 0 divergences either way, 453 k → 516 k gradients, posterior means within
 * 2.6 combined MCSE of Stan's (2.4 with the flag; tests/engine/truth-recovery.test.ts).
 * Logistic channels keep it: there it took mmm_example from 4.66 M to 0.128 M gradients.
 */
export const HILL_PARAMETERISATION = B.FLAG_LEVEL_INTERCEPT | B.FLAG_COLUMN_SCALE;

/** The default sampler coordinates for a model: HILL_PARAMETERISATION when any channel is Hill. */
export function defaultParameterisation(spec: ModelSpec): number {
  return spec.channels.some((c) => c.saturation === 'hill') ? HILL_PARAMETERISATION : DEFAULT_PARAMETERISATION;
}

export function packMmm(data: Dataset, spec: ModelSpec, opts: PackOptions = {}): { block: Float64Array } | { errors: UserError[] } {
  const kindErrors = checkKinds(spec);
  if (kindErrors.length) return { errors: kindErrors };
  const errors = checkData(data, spec);
  const { priors, errors: priorErrors } = layoutPriors(spec);
  errors.push(...priorErrors);
  spec.lift_tests.forEach((lt, i) => errors.push(...checkLiftTest(lt, i, spec)));
  const roasErrors = checkRoasPriors(spec);
  errors.push(...roasErrors);
  const T = data.target.values.length;
  const J = 2 * spec.fourier_order;
  if (errors.length) return { errors };
  const fourier = fourierFeatures(data.dates, spec.fourier_order);

  const C = spec.channels.length;
  const K = spec.controls.length;
  const L = spec.l_max;
  const NL = spec.lift_tests.length;
  const roasPriors = spec.roas_priors ?? [];
  const NR = roasPriors.length;
  const layout = flatLayout(spec);
  const DIM = layout.length;
  const offParams = B.HEADER_LEN;
  const offChannels = offParams + DIM * B.PARAM_STRIDE;
  const offYs = offChannels + C * B.CHANNEL_STRIDE;
  const offXs = offYs + T;
  const offZ = offXs + C * T;
  const offF = offZ + K * T;
  const offLift = offF + J * T;
  const offColMeans = offLift + NL * B.LIFT_STRIDE;
  const offRoas = offColMeans + 2 * (K + J);
  const length = offRoas + NR * B.ROAS_STRIDE;
  const block = new Float64Array(length);

  const index = (name: string, coord?: string) => layout.find((e) => e.name === name && e.coord === coord)?.index ?? -1;
  const yMax = maxAbs(data.target.values);
  const h = block;
  h[B.H_MAGIC] = B.BLOCK_MAGIC;
  h[B.H_T] = T;
  h[B.H_C] = C;
  h[B.H_K] = K;
  h[B.H_J] = J;
  h[B.H_LMAX] = L;
  h[B.H_NLIFT] = NL;
  h[B.H_DIM] = DIM;
  h[B.H_FLAGS] = opts.samplePrior
    ? (opts.parameterisation ?? PRIOR_PARAMETERISATION) | B.FLAG_SAMPLE_PRIOR
    : (opts.parameterisation ?? defaultParameterisation(spec));
  h[B.H_TARGET_MAX] = yMax;
  h[B.H_OFF_PARAMS] = offParams;
  h[B.H_OFF_CHANNELS] = offChannels;
  h[B.H_OFF_YS] = offYs;
  h[B.H_OFF_XS] = offXs;
  h[B.H_OFF_Z] = offZ;
  h[B.H_OFF_FOURIER] = offF;
  h[B.H_OFF_LIFT] = offLift;
  h[B.H_IDX_INTERCEPT] = index('intercept');
  h[B.H_IDX_CONTROL] = K > 0 ? index('gamma_control', spec.controls[0]) : -1;
  h[B.H_IDX_FOURIER] = J > 0 ? index('gamma_fourier', 'sin_1') : -1;
  h[B.H_IDX_SIGMA] = index('y_sigma');
  h[B.H_LENGTH] = length;
  h[B.H_OFF_COLMEANS] = offColMeans;
  h[B.H_NROAS] = NR;
  h[B.H_OFF_ROAS] = offRoas;

  priors.forEach((p, i) => {
    const o = offParams + i * B.PARAM_STRIDE;
    const [p1, p2] = priorParams(p);
    block[o] = B.DIST_CODE[p.dist];
    block[o + 1] = p1;
    block[o + 2] = p2;
    block[o + 3] = priorLogConstant(p);
  });

  const channelMax: number[] = [];
  spec.channels.forEach((ch, c) => {
    const spend = data.channels.find((d) => d.name === ch.name)!.spend;
    const xMax = maxAbs(spend);
    channelMax.push(xMax);
    const o = offChannels + c * B.CHANNEL_STRIDE;
    const weibull = ch.adstock === 'weibull_pdf' || ch.adstock === 'weibull_cdf';
    block[o + B.CH_ADSTOCK] = B.ADSTOCK_CODE[ch.adstock];
    block[o + B.CH_SATURATION] = B.SATURATION_CODE[ch.saturation];
    block[o + B.CH_MAX] = xMax;
    block[o + B.CH_IDX_A1] = index(weibull ? 'adstock_lam' : 'adstock_alpha', ch.name);
    block[o + B.CH_IDX_A2] = index(weibull ? 'adstock_k' : 'adstock_theta', ch.name);
    const hill = ch.saturation === 'hill';
    block[o + B.CH_IDX_S1] = index(hill ? 'saturation_kappa' : 'saturation_lam', ch.name);
    block[o + B.CH_IDX_S2] = hill ? index('saturation_slope', ch.name) : -1;
    block[o + B.CH_IDX_BETA] = index('saturation_beta', ch.name);
    for (let t = 0; t < T; t++) block[offXs + c * T + t] = spend[t] / xMax;
  });
  for (let t = 0; t < T; t++) block[offYs + t] = data.target.values[t] / yMax;
  spec.controls.forEach((name, k) => {
    const v = data.controls.find((d) => d.name === name)!.values;
    for (let t = 0; t < T; t++) block[offZ + k * T + t] = v[t] / spec.control_scale[k];
  });
  // fourierFeatures is T × J row-major; the block stores it feature-major.
  for (let t = 0; t < T; t++) for (let j = 0; j < J; j++) block[offF + j * T + t] = fourier[t * J + j];
  for (let k = 0; k < K + J; k++) {
    let sum = 0;
    let ss = 0;
    for (let t = 0; t < T; t++) {
      const v = block[offZ + k * T + t]; // controls then Fourier: adjacent
      sum += v;
      ss += v * v;
    }
    block[offColMeans + k] = sum / T;
    block[offColMeans + K + J + k] = Math.sqrt(ss);
  }
  spec.lift_tests.forEach((lt, i) => {
    const c = spec.channels.findIndex((ch) => ch.name === lt.channel);
    const o = offLift + i * B.LIFT_STRIDE;
    block[o] = c;
    block[o + 1] = lt.x / channelMax[c];
    block[o + 2] = lt.delta_x / channelMax[c];
    block[o + 3] = lt.delta_y / yMax;
    block[o + 4] = lt.sigma / yMax;
  });
  roasPriors.forEach((p, i) => {
    const c = spec.channels.findIndex((ch) => ch.name === p.channel);
    const spend = data.channels.find((d) => d.name === p.channel)!.spend;
    roasRow(block.subarray(offRoas + i * B.ROAS_STRIDE, offRoas + (i + 1) * B.ROAS_STRIDE), c, p, spend, channelMax[c], yMax);
  });
  return { block };
}

/**
 * A ROAS prior's row (./block.ts): K = K0 · S̄ over the window, K0 = max|y| · T / Σ_t x_t
 * (MODEL.md §5 ROAS = Σ_t β sat_t max|y| / Σ_t x_t); K = K0 · (sat(hi) − sat(lo)) at a test,
 * K0 = max|y| / |delta_x| (MODEL.md §6 lift / delta_x, with lo, hi ordered so either sign of
 * delta_x gives the same positive K).
 */
function roasRow(row: Float64Array, c: number, p: RoasPrior, spend: ArrayLike<number>, xMax: number, yMax: number): void {
  row[B.RO_CHANNEL] = c;
  if (p.scope === 'window') {
    let total = 0;
    for (let t = 0; t < spend.length; t++) total += spend[t];
    row[B.RO_SCOPE] = B.ROAS_WINDOW;
    row[B.RO_LOGK] = Math.log(yMax) + Math.log(spend.length) - Math.log(total);
    return;
  }
  const x0 = p.x! / xMax;
  const x1 = (p.x! + p.delta_x!) / xMax;
  row[B.RO_SCOPE] = B.ROAS_TEST;
  row[B.RO_LO] = Math.min(x0, x1);
  row[B.RO_HI] = Math.max(x0, x1);
  row[B.RO_LOGK] = Math.log(yMax) - Math.log(Math.abs(p.delta_x!));
}
