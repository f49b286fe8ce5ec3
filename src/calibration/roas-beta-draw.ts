// A channel's saturation_beta drawn from its ROAS prior inside a full parameter draw (the prior
// predictive check, src/app/model/prior-predictive.ts). The density the sampler uses
// (src/engine/mmm/pack.ts, roas-prior.ts) gives the channel
//     φ ~ its curve priors, restricted to K(φ) > 0 (elsewhere the ROAS term is −∞),
//     beta | φ ~ LogNormal(mu − log K(φ), sigma),
// so, given the curve parameters φ already in the row, the beta is drawn from the conditional;
// a φ with K(φ) = 0 is redrawn from its priors (rejection sampling of the restriction), from the
// generator passed in. samplePriorRoas (implied-roas.ts) samples the same prior channel by
// channel for the calibration panel; the tests check one against the other.
// Weibull-PDF weights are normalised in log space here (src/model/kernels.ts) as in the engine
// (assembly/engine/mmm/adstock.ts), so kernels whose densities all underflow keep a finite K.
import type { ChannelSpec, ModelSpec, Prior, RoasPrior } from '../core/types';
import type { Rng } from '../core/rng';
import { flatLayout } from '../model/layout';
import { samplePrior } from './prior-sampling';
import { curvePriors, roasPerBeta, setCurveParam, type ChannelCurve, type RoasData } from './roas-prior';

/** Redraws of φ before giving up (as samplePriorRoas); the beta is then NaN for the caller to report. */
export const MAX_CURVE_REDRAWS = 1000;

export interface RoasBetaDrawer {
  channel: string;
  /** Index of saturation_beta[channel] in a draw row. */
  betaIndex: number;
  /** Whether the caller draws (and discards) the channel's own beta prior to keep its stream aligned. */
  drawOwnBeta: boolean;
  /** Replaces row[offset + betaIndex] by a draw from the conditional, redrawing φ where K(φ) = 0. */
  draw(row: Float64Array, offset: number, rng: Rng): void;
}

export function roasBetaDrawer(spec: ModelSpec, ch: ChannelSpec, prior: RoasPrior, data: RoasData, drawOwnBeta: boolean): RoasBetaDrawer {
  const index = (name: string) => flatLayout(spec).find((e) => e.name === name && e.coord === ch.name)!.index;
  const vars: Array<{ variable: string; prior: Prior; index: number }> = curvePriors(ch).map((v) => ({ ...v, index: index(v.variable) }));
  const betaIndex = index('saturation_beta');
  const curve: ChannelCurve = { adstock: ch.adstock, saturation: ch.saturation, adstockParams: {}, saturationParams: {}, lMax: spec.l_max };
  const T = data.spend.length;
  const work = { xs: new Float64Array(T), a: new Float64Array(T), w: new Float64Array(spec.l_max) };
  return {
    channel: ch.name,
    betaIndex,
    drawOwnBeta,
    draw(row, offset, rng) {
      for (const v of vars) setCurveParam(curve, v.variable, row[offset + v.index]);
      let k = roasPerBeta(prior, curve, data, work);
      for (let tries = 0; !(k > 0) && tries < MAX_CURVE_REDRAWS; tries++) {
        for (const v of vars) {
          const value = samplePrior(v.prior, rng);
          row[offset + v.index] = value;
          setCurveParam(curve, v.variable, value);
        }
        k = roasPerBeta(prior, curve, data, work);
      }
      row[offset + betaIndex] = k > 0 ? Math.exp(prior.mu - Math.log(k) + prior.sigma * rng.normal()) : NaN;
    },
  };
}
