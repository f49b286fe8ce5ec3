// What the prior predictive chart says, in words, when the picture alone misleads. With
// default priors on the demo the 90% band reaches about ±4.6M around a series that never
// leaves 3,000–8,400: at that scale the observed line is flat at 0 and the chart reads as
// "nothing there". Two readings are worth a sentence: a band many times wider than anything
// observed (priors that allow implausible values), and observed values mostly outside the
// 90% band (priors that rule out what the data shows). Gelman et al., "Bayesian workflow"
// (2020), §2.4: prior predictive checks look for implausible simulated data.
import { num } from '../../core/number-format';
import type { Bands } from '../results/bands';

/** A band this many times the largest |observed| is called far wider than the data. */
export const WIDE_FACTOR = 10;
/** More than this share of observed values outside the 90% band is called off the data. */
export const OUTSIDE_SHARE = 0.5;

export function priorScaleNote(bands: Bands, observed: ArrayLike<number>, target: string): string | null {
  let maxObs = 0;
  let outside = 0;
  let counted = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < observed.length; t++) {
    const y = observed[t];
    const q05 = bands.q05[t];
    const q95 = bands.q95[t];
    if (!Number.isFinite(y) || !Number.isFinite(q05) || !Number.isFinite(q95)) continue;
    counted++;
    maxObs = Math.max(maxObs, Math.abs(y));
    lo = Math.min(lo, q05);
    hi = Math.max(hi, q95);
    if (y < q05 || y > q95) outside++;
  }
  if (counted === 0) return null;
  const reach = Math.max(Math.abs(lo), Math.abs(hi));
  if (maxObs > 0 && reach >= WIDE_FACTOR * maxObs) {
    const times = Math.round(reach / maxObs);
    return (
      `The 90% prior band reaches ${num(lo)} to ${num(hi)}, about ${times}× the largest observed ${target} (${num(maxObs)}), ` +
      `so at this scale the observed series looks flat. The priors allow values far beyond anything in the data; ` +
      `narrowing the widest of them (a control's or the intercept's scale, for instance) makes the check informative.`
    );
  }
  if (outside / counted > OUTSIDE_SHARE) {
    return (
      `${Math.round((100 * outside) / counted)}% of the observed ${target} values fall outside the 90% prior band: ` +
      `the priors rule out much of what the data shows. Widen or re-centre the priors that set the level (intercept, controls) before fitting.`
    );
  }
  return null;
}
