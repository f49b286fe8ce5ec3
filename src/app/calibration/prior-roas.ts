// A channel's ROAS under the run's priors, in any scope, for the calibration panel. With no ROAS
// prior on the channel this is samplePriorRoas in that scope. With one, the priors are the curve
// priors and beta | φ ~ LogNormal(mu − log K_prior(φ), sigma) (src/calibration/roas-prior.ts);
// samplePriorRoas draws (φ, beta) from exactly that, and a ROAS in another scope is the same
// draws' beta · K_scope(φ) — e.g. the lift at a likelihood test's spend under an MTA window prior.
import type { ChannelSpec, RoasPrior, RoasScope } from '../../core/types';
import { samplePriorRoas } from '../../calibration/implied-roas';
import { roasPerBeta, setCurveParam, type ChannelCurve, type RoasData } from '../../calibration/roas-prior';

export interface RoasScopeAt {
  scope: RoasScope;
  x?: number;
  delta_x?: number;
}

const sameScope = (a: RoasScopeAt, b: RoasScopeAt) => a.scope === b.scope && (a.scope === 'window' || (a.x === b.x && a.delta_x === b.delta_x));

export function priorRoasIn(scope: RoasScopeAt, ch: ChannelSpec, lMax: number, data: RoasData, roasPrior: RoasPrior | undefined, draws: number, seed: number): Float64Array {
  if (!roasPrior) return samplePriorRoas(ch, lMax, data, { scope, draws, seed }).roas;
  const d = samplePriorRoas(ch, lMax, data, { roasPrior, draws, seed });
  if (sameScope(scope, roasPrior)) return d.roas;
  const curve: ChannelCurve = { adstock: ch.adstock, saturation: ch.saturation, adstockParams: {}, saturationParams: {}, lMax };
  const T = data.spend.length;
  const work = { xs: new Float64Array(T), a: new Float64Array(T), w: new Float64Array(lMax) };
  const out = new Float64Array(draws);
  const vars = Object.keys(d.params);
  for (let i = 0; i < draws; i++) {
    for (const v of vars) setCurveParam(curve, v, d.params[v][i]);
    out[i] = d.beta[i] * roasPerBeta(scope, curve, data, work);
  }
  return out;
}
