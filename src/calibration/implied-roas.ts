// The prior of a channel's ROAS that the model's priors imply — with or without a ROAS prior
// (roas-prior.ts) — by simulation: draw the curve parameters φ from their priors, beta from
// its prior (or, with a ROAS prior, from beta | φ ~ LogNormal(mu − log K(φ), sigma)), and
// evaluate ROAS = beta · K(φ). The calibration panel plots this next to the posterior.
import type { ChannelSpec } from '../core/types';
import { defaultChannelPrior } from '../model/priors';
import { samplePrior } from './prior-sampling';
import { Rng } from '../core/rng';
import { curvePriors, roasPerBeta, setCurveParam, type ChannelCurve, type RoasData, type RoasPrior, type RoasScope } from './roas-prior';

export interface PriorRoasDraws {
  /** ROAS per draw, in the scope asked for. */
  roas: Float64Array;
  beta: Float64Array;
  /** K(φ) per draw. */
  k: Float64Array;
  /** Each curve variable's draws (adstock_alpha, saturation_lam, ...). */
  params: Record<string, Float64Array>;
}

export interface PriorRoasOptions {
  /** Which ROAS to report; taken from the ROAS prior when one is given. */
  scope?: { scope: RoasScope; x?: number; delta_x?: number };
  roasPrior?: RoasPrior;
  draws: number;
  seed: number;
}

export function samplePriorRoas(ch: ChannelSpec, lMax: number, data: RoasData, opts: PriorRoasOptions): PriorRoasDraws {
  const scope = opts.roasPrior ?? opts.scope ?? { scope: 'window' as const };
  const rng = new Rng(opts.seed, 0x0c0a);
  const vars = curvePriors(ch);
  const betaPrior = ch.priors.saturation_beta ?? defaultChannelPrior('saturation_beta', ch.saturation);
  const n = opts.draws;
  const out: PriorRoasDraws = {
    roas: new Float64Array(n),
    beta: new Float64Array(n),
    k: new Float64Array(n),
    params: Object.fromEntries(vars.map((v) => [v.variable, new Float64Array(n)])),
  };
  const curve: ChannelCurve = { adstock: ch.adstock, saturation: ch.saturation, adstockParams: {}, saturationParams: {}, lMax };
  const T = data.spend.length;
  const work = { xs: new Float64Array(T), a: new Float64Array(T), w: new Float64Array(lMax) };
  for (let i = 0; i < n; i++) {
    // Where K(φ) = 0 (a curve flat at the operating point, to machine precision) ROAS is 0 for
    // every beta and the ROAS prior's term is −∞: such φ carry no mass under the calibrated
    // prior, so they are redrawn. Without a ROAS prior they are kept (ROAS = 0 is a draw).
    let k: number;
    let tries = 0;
    do {
      for (const v of vars) {
        const value = samplePrior(v.prior, rng);
        out.params[v.variable][i] = value;
        setCurveParam(curve, v.variable, value);
      }
      k = roasPerBeta(scope, curve, data, work);
    } while (opts.roasPrior && !(k > 0) && ++tries < 1000);
    const beta = opts.roasPrior
      ? Math.exp(opts.roasPrior.mu - Math.log(k) + opts.roasPrior.sigma * rng.normal())
      : samplePrior(betaPrior, rng);
    out.k[i] = k;
    out.beta[i] = beta;
    out.roas[i] = beta * k;
  }
  return out;
}
