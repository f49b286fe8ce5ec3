// Prior predictive check (the Model step, before fitting): parameters drawn from the prior the
// sampler uses, pushed through the model's forward pass (src/model/forward.ts) with the Normal
// noise of MODEL.md §2, summarised per period. If the bands sit far from the observed series,
// the priors say something the analyst does not believe.
//
// "The prior the sampler uses" is the engine's log density without the likelihood
// (FLAG_SAMPLE_PRIOR, src/engine/mmm/pack.ts): every variable's own prior, except that a
// channel with a ROAS prior (ModelSpec.roas_priors, Meridian's ROI prior) has
// saturation_beta | φ ~ LogNormal(mu − log K(φ), sigma) in place of beta's own prior, K(φ) the
// channel's ROAS per unit beta in the prior's scope (src/calibration/roas-prior.ts, where the
// change of variables is derived; those φ with K(φ) = 0 have log density −∞, so no mass).
// Lift tests are likelihood terms (MODEL.md §6) and are left out here, as in the prior-only run.
import { Rng } from '../../core/rng';
import type { Dataset, ModelSpec, UserError } from '../../core/types';
import { checkPrior, checkRoasPriors } from '../../engine/mmm/validate';
import { drawMatrix, forwardDataFromDataset, forwardEach, type ForwardData } from '../../model/forward';
import { parameterCount, variableLayout } from '../../model/layout';
import { channelPrior, channelRoasPrior } from '../../model/spec';
import { periodBands, type Bands } from '../results/bands';
import { samplePrior } from '../../calibration/prior-sampling';
import { roasBetaDrawer, type RoasBetaDrawer } from '../../calibration/roas-beta-draw';

/** Stream of the generator that draws ROAS-prior betas (and redraws φ where K(φ) = 0). */
export const ROAS_PRIOR_STREAM = 0x5052;

/**
 * What ROAS priors need besides the spec: the model inputs (each channel's spend and max,
 * max |y|: K(φ) is defined over them) and a generator apart from the main one, so that every
 * other parameter gets the same draws as without the ROAS priors.
 */
export interface RoasPriorInputs {
  fd: ForwardData;
  rng: Rng;
}

/**
 * n × P constrained draws from the priors, in the layout of src/model/layout.ts. The main `rng`
 * draws every variable from its own prior in layout order (a ROAS-prior channel's own beta prior
 * too, then discarded, so the stream is the one a spec without ROAS priors sees); each ROAS-prior
 * channel's beta is then replaced by a draw from its conditional. A spec with ROAS priors needs
 * `roas`. A beta left NaN means no φ with K(φ) > 0 was found (see priorPredictive).
 */
export function priorParameterDraws(spec: ModelSpec, n: number, rng: Rng, roas?: RoasPriorInputs): Float64Array {
  const P = parameterCount(spec);
  const out = new Float64Array(n * P);
  const vars = variableLayout(spec);
  const drawers = roasDrawers(spec, roas);
  const skip = new Set(drawers.filter((d) => !d.drawOwnBeta).map((d) => d.betaIndex));
  for (let d = 0; d < n; d++) {
    for (const v of vars) {
      if (v.length === 0) {
        const prior = v.name === 'intercept' ? spec.priors.intercept : spec.priors.y_sigma;
        out[d * P + v.offset] = samplePrior(prior, rng);
        continue;
      }
      v.coords.forEach((coord, i) => {
        if (skip.has(v.offset + i)) return;
        const prior =
          v.name === 'gamma_control' ? spec.priors.gamma_control : v.name === 'gamma_fourier' ? spec.priors.gamma_fourier : channelPrior(spec, coord, v.name);
        out[d * P + v.offset + i] = samplePrior(prior, rng);
      });
    }
    for (const drawer of drawers) drawer.draw(out, d * P, roas!.rng);
  }
  return out;
}

function roasDrawers(spec: ModelSpec, roas: RoasPriorInputs | undefined): RoasBetaDrawer[] {
  const calibrated = spec.channels.filter((ch) => channelRoasPrior(spec, ch.name));
  if (calibrated.length === 0) return [];
  if (!roas) throw new Error('priorParameterDraws: the spec has ROAS priors; pass the model inputs and their generator');
  return calibrated.map((ch) => {
    const c = spec.channels.indexOf(ch);
    const spend = roas.fd.spend.subarray(c * roas.fd.T, (c + 1) * roas.fd.T);
    const data = { spend, spendMax: roas.fd.channelMax[c], targetMaxAbs: roas.fd.targetMaxAbs };
    // An invalid own beta prior is not used by the density (pack.ts layoutPriors) and could not be drawn.
    const drawOwnBeta = checkPrior('saturation_beta', channelPrior(spec, ch.name, 'saturation_beta'), ch.name).length === 0;
    return roasBetaDrawer(spec, ch, channelRoasPrior(spec, ch.name)!, data, drawOwnBeta);
  });
}

export interface PriorPredictive {
  /** y draws per period, original units: mean and 50%/90% bands. */
  bands: Bands;
  draws: number;
  /** The parameter draws behind the bands (n × P, src/model/layout.ts order). */
  parameters: Float64Array;
  /** Channels whose saturation_beta was drawn from a ROAS prior, with the prior's label. */
  roasPriors: Array<{ channel: string; label: string }>;
}

export function priorPredictive(data: Dataset, spec: ModelSpec, n = 300, seed = 1): PriorPredictive | { errors: UserError[] } {
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) return fd;
  const roasErrors = checkRoasPriors(spec).concat(roasScaleErrors(spec, fd));
  if (roasErrors.length > 0) return { errors: roasErrors };
  const rng = new Rng(seed);
  const parameters = priorParameterDraws(spec, n, rng, { fd, rng: new Rng(seed, ROAS_PRIOR_STREAM) });
  const drawErrors = unfoundBetas(spec, parameters, n);
  if (drawErrors.length > 0) return { errors: drawErrors };
  const draws = drawMatrix(spec, parameters);
  const sigmaAt = variableLayout(spec).find((v) => v.name === 'y_sigma')!.offset;
  const rows: number[][] = [];
  forwardEach(fd, spec, draws, (d, r) => {
    const sigma = draws.values[d * draws.stride + sigmaAt] * fd.targetMaxAbs;
    rows.push(Array.from(r.mu, (m) => m + sigma * rng.normal()));
  });
  const roasPriors = (spec.roas_priors ?? []).map((p) => ({ channel: p.channel, label: p.label }));
  return { bands: periodBands([rows]), draws: n, parameters, roasPriors };
}

/** K(φ) is 0 for every φ when a channel has no spend or the target is all zero (MODEL.md §1 scaling). */
function roasScaleErrors(spec: ModelSpec, fd: ForwardData): UserError[] {
  return (spec.roas_priors ?? []).flatMap((p): UserError[] => {
    const c = spec.channels.findIndex((ch) => ch.name === p.channel);
    if (fd.channelMax[c] > 0 && fd.targetMaxAbs > 0) return [];
    return [
      {
        severity: 'error',
        channel: p.channel,
        message: `The ROAS prior "${p.label}" is on ${p.channel}, but ${fd.channelMax[c] > 0 ? 'the target is zero in every period' : `${p.channel} has no spend in the data`}, so no ROAS can be formed.`,
        hint: 'Drop the ROAS prior, or use data where the channel spends and the target varies.',
      },
    ];
  });
}

/** A ROAS-prior beta left NaN: no curve draw gave the channel a positive ROAS per unit beta. */
function unfoundBetas(spec: ModelSpec, parameters: Float64Array, n: number): UserError[] {
  const P = parameterCount(spec);
  const beta = variableLayout(spec).find((v) => v.name === 'saturation_beta')!;
  return (spec.roas_priors ?? []).flatMap((p): UserError[] => {
    const at = beta.offset + beta.coords.indexOf(p.channel);
    for (let d = 0; d < n; d++) {
      if (!Number.isFinite(parameters[d * P + at])) {
        return [
          {
            severity: 'error',
            channel: p.channel,
            message: `The ROAS prior "${p.label}" on ${p.channel}: almost no curve drawn from ${p.channel}'s priors gives a ROAS above 0 ${p.scope === 'test' ? "at the test's spend" : 'over the data'}, so its prior cannot be sampled.`,
            hint: p.scope === 'test' ? "Check the test's spend x and delta_x against the channel's spend, or the channel's saturation priors." : "Check the channel's saturation priors.",
          },
        ];
      }
    }
    return [];
  });
}
