// For the calibration panel: how far the model's implied lift sits from each test. The
// implied lift per period of a draw is MODEL.md §6's steady-state
//   lift = saturation_beta · (sat((x + delta_x)/max x) − sat(x/max x)) · max|y|   (original units),
// compared with the test's delta_y in units of the test's sigma; |z| > 2 flags disagreement.
import type { Estimate, LiftTest, ModelSpec } from '../core/types';
import { paramIndex, readChannelParams, type DrawMatrix } from '../model/forward';
import { saturation, type AdstockParams, type SaturationParams } from '../model/kernels';
import { estimate as summarise } from '../core/estimate';

export interface LiftAgreement {
  label: string;
  channel: string;
  delta_y: number;
  sigma: number;
  /** The model's implied lift per period over the draws. */
  implied: Estimate;
  /** (mean implied − delta_y) / sigma; null when the implied lift has no finite mean. */
  z: number | null;
  disagrees: boolean;
}

/** Implied lift per draw for one test. */
export function impliedLiftDraws(test: LiftTest, spec: ModelSpec, draws: DrawMatrix, channelMax: number, targetMaxAbs: number): Float64Array {
  const c = spec.channels.findIndex((ch) => ch.name === test.channel);
  if (c < 0) throw new RangeError(`lift test channel "${test.channel}" is not in the model`);
  const ci = paramIndex(spec).channels[c];
  const ad: AdstockParams = {};
  const sat: SaturationParams = {};
  const out = new Float64Array(draws.n);
  const x0 = test.x / channelMax;
  const x1 = (test.x + test.delta_x) / channelMax;
  for (let d = 0; d < draws.n; d++) {
    const beta = readChannelParams(ci, draws.values, d * draws.stride, ad, sat);
    out[d] = beta * targetMaxAbs * (saturation(ci.saturation, sat, x1) - saturation(ci.saturation, sat, x0));
  }
  return out;
}

export function liftAgreement(test: LiftTest, spec: ModelSpec, draws: DrawMatrix, channelMax: number, targetMaxAbs: number): LiftAgreement {
  const implied = summarise(impliedLiftDraws(test, spec, draws, channelMax, targetMaxAbs));
  const z = implied.mean === null ? null : (implied.mean - test.delta_y) / test.sigma;
  return {
    label: test.label ?? test.channel,
    channel: test.channel,
    delta_y: test.delta_y,
    sigma: test.sigma,
    implied,
    z,
    disagrees: z !== null && Math.abs(z) > 2,
  };
}
