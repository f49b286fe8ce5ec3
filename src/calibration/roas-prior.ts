// Calibration as a prior on ROAS (Meridian's ROI prior), and how that prior enters a model
// whose parameters are saturation_beta and the curve parameters (MODEL.md §2–3).
//
// Meridian (Google, "ROI priors and calibration"; meridian/model/prior_distribution.py
// `lognormal_dist_from_mean_std`) puts a LogNormal prior on each channel's ROI and derives the
// channel coefficient from it. In this model ROAS is linear in saturation_beta:
//
//     ROAS_c(θ) = beta_c · K_c(φ_c),
//
// where φ_c are the channel's adstock/saturation parameters and K_c their "ROAS per unit of
// beta" (both scopes below). So a LogNormal(mu, sigma) prior on ROAS_c with φ_c drawn from its
// own prior is, by the change of variables ROAS = beta · K (|dROAS/dbeta| = K, so
// p(beta | φ) = p_ROAS(beta · K) · K), the conditional prior
//
//     beta_c | φ_c ~ LogNormal(mu − log K_c(φ_c), sigma),
//
// whose log density is  −log beta − log sigma − ½ log 2π − (log beta + log K_c(φ_c) − mu)² / (2 sigma²).
// That term REPLACES saturation_beta_c's own prior in the log density; everything else is
// unchanged. The implied prior of ROAS_c (sample φ from its prior, beta from the conditional,
// compute ROAS) is then LogNormal(mu, sigma) exactly — the test in
// tests/calibration/roas-prior.test.ts checks that by sampling.
//
// Scopes (what "ROAS" the prior is about):
//  - 'window': MODEL.md §5 ROAS over the data window, sum_t contribution / sum_t spend:
//        K = max|y| · sum_t sat(adstock(xs))_t / sum_t x_t              (Meridian's ROI)
//  - 'test':   the incremental ROAS the lift test measured, at its operating point (steady
//              state, no adstock, MODEL.md §6):
//        K = max|y| · (sat((x + delta_x)/max x) − sat(x/max x)) / delta_x
// A +20% test measures a marginal-ish ROAS, below the average ROAS when the curve saturates,
// so a lift test's prior defaults to 'test'; an MTA credit per unit spend is an average over
// the window and uses 'window'.
import type { AdstockKind, ChannelSpec, LiftTest, Prior, RoasPrior, RoasScope, SaturationKind, UserError } from '../core/types';
import { adstockWeights, applyAdstock, saturation, type AdstockParams, type SaturationParams } from '../model/kernels';
import { adstockVariables, defaultChannelPrior, saturationVariables } from '../model/priors';

export type { RoasScope } from '../core/types';

export type { RoasPrior } from '../core/types';

/** Meridian's lognormal_dist_from_mean_std: the LogNormal with this mean and sd. */
export function logNormalFromMeanSd(mean: number, sd: number): { mu: number; sigma: number } {
  const s2 = Math.log1p((sd / mean) * (sd / mean));
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Mean, sd and the 90% interval of LogNormal(mu, sigma), for display. */
export function logNormalSummary(mu: number, sigma: number): { mean: number; sd: number; q05: number; q50: number; q95: number } {
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  return {
    mean,
    sd: mean * Math.sqrt(Math.expm1(sigma * sigma)),
    q05: Math.exp(mu - 1.6448536269514722 * sigma),
    q50: Math.exp(mu),
    q95: Math.exp(mu + 1.6448536269514722 * sigma),
  };
}

/**
 * The ROAS prior a lift test implies: ROAS_test = delta_y / delta_x (per period, both in
 * original units), with standard error sigma / |delta_x| (delta_x is the known design, so the
 * test's sigma propagates linearly), as a LogNormal with that mean and sd.
 */
export function roasPriorFromLiftTest(test: LiftTest, scope: RoasScope = 'test'): RoasPrior | UserError {
  const roas = test.delta_y / test.delta_x;
  const sd = test.sigma / Math.abs(test.delta_x);
  if (!(roas > 0) || !(sd > 0) || !Number.isFinite(roas) || !Number.isFinite(sd)) {
    return {
      severity: 'error',
      channel: test.channel,
      message: `the test implies ROAS ${roas} ± ${sd}, which a LogNormal prior cannot take`,
      hint: 'A ROAS prior needs a positive lift for a positive spend change and a positive standard error.',
    };
  }
  const { mu, sigma } = logNormalFromMeanSd(roas, sd);
  return {
    channel: test.channel,
    mu,
    sigma,
    scope,
    ...(scope === 'test' ? { x: test.x, delta_x: test.delta_x } : {}),
    label: `lift test ${test.label ?? test.channel}`,
    source: 'lift_test',
  };
}

/** A channel's curve: kinds, parameters and window, in the kernels' terms. */
export interface ChannelCurve {
  adstock: AdstockKind;
  saturation: SaturationKind;
  adstockParams: AdstockParams;
  saturationParams: SaturationParams;
  lMax: number;
}

/** The data K needs: the channel's spend (original units) and the target's max |y|. */
export interface RoasData {
  spend: ArrayLike<number>;
  spendMax: number;
  targetMaxAbs: number;
}

/** Scratch buffers for roasPerBeta in loops over draws (length T, T, l_max). */
export interface RoasWork {
  xs: Float64Array<ArrayBuffer>;
  a: Float64Array<ArrayBuffer>;
  w: Float64Array<ArrayBuffer>;
}

/** K_c(φ): ROAS per unit of saturation_beta for the prior's scope (see the file comment). */
export function roasPerBeta(prior: Pick<RoasPrior, 'scope' | 'x' | 'delta_x'>, curve: ChannelCurve, data: RoasData, work?: RoasWork): number {
  if (prior.scope === 'test') {
    const s0 = saturation(curve.saturation, curve.saturationParams, prior.x! / data.spendMax);
    const s1 = saturation(curve.saturation, curve.saturationParams, (prior.x! + prior.delta_x!) / data.spendMax);
    return (data.targetMaxAbs * (s1 - s0)) / prior.delta_x!;
  }
  const T = data.spend.length;
  const xs = work?.xs ?? new Float64Array(T);
  let total = 0;
  for (let t = 0; t < T; t++) {
    xs[t] = data.spend[t] / data.spendMax;
    total += data.spend[t];
  }
  const w = adstockWeights(curve.adstock, curve.adstockParams, curve.lMax, work?.w);
  const a = applyAdstock(xs, w, work?.a);
  let s = 0;
  for (let t = 0; t < T; t++) s += saturation(curve.saturation, curve.saturationParams, a[t]);
  return (data.targetMaxAbs * s) / total;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The log-density term that replaces saturation_beta_c's prior when the channel has a ROAS
 * prior: log LogNormal(beta; mu − log K, sigma). With r = log beta + log K − mu, its partial
 * derivatives (for the WASM port) are
 *   ∂/∂beta = (−1 − r/sigma²) / beta,   ∂/∂φ = −(r/sigma²) · ∂log K/∂φ;
 * on the sampler's scale u = log beta, term + log-Jacobian (u) has ∂/∂u = −r/sigma².
 */
export function roasPriorBetaLogDensity(prior: Pick<RoasPrior, 'mu' | 'sigma'>, beta: number, k: number): number {
  if (!(beta > 0) || !(k > 0)) return -Infinity;
  const r = Math.log(beta) + Math.log(k) - prior.mu;
  return -Math.log(beta) - Math.log(prior.sigma) - LOG_SQRT_2PI - (r * r) / (2 * prior.sigma * prior.sigma);
}

/** The adstock/saturation variables of a channel other than saturation_beta, with their priors. */
export function curvePriors(ch: ChannelSpec): Array<{ variable: string; prior: Prior }> {
  return [...adstockVariables(ch.adstock), ...saturationVariables(ch.saturation)]
    .filter((v) => v !== 'saturation_beta')
    .map((variable) => ({ variable, prior: ch.priors[variable] ?? defaultChannelPrior(variable, ch.saturation) }));
}

/** Puts a named channel variable's value into the kernels' parameter objects. */
export function setCurveParam(curve: ChannelCurve, variable: string, value: number): void {
  const [group, name] = variable.startsWith('adstock_')
    ? [curve.adstockParams as Record<string, number>, variable.slice('adstock_'.length)]
    : [curve.saturationParams as Record<string, number>, variable.slice('saturation_'.length)];
  group[name] = value;
}
