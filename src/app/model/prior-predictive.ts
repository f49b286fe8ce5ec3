// Prior predictive check (the Model step, before fitting): parameters drawn from the
// spec's priors, pushed through the model's forward pass (src/model/forward.ts) with the
// Normal noise of MODEL.md §2, summarised per period. If the bands sit far from the
// observed series, the priors say something the analyst does not believe.
import { Rng } from '../../core/rng';
import type { Dataset, ModelSpec, UserError } from '../../core/types';
import { drawMatrix, forwardDataFromDataset, forwardEach } from '../../model/forward';
import { parameterCount, variableLayout } from '../../model/layout';
import { channelPrior } from '../../model/spec';
import { periodBands, type Bands } from '../results/bands';
import { samplePrior } from '../../calibration/prior-sampling';

/** n × P constrained draws from the priors, in the layout of src/model/layout.ts. */
export function priorParameterDraws(spec: ModelSpec, n: number, rng: Rng): Float64Array {
  const P = parameterCount(spec);
  const out = new Float64Array(n * P);
  const vars = variableLayout(spec);
  for (let d = 0; d < n; d++) {
    for (const v of vars) {
      if (v.length === 0) {
        const prior = v.name === 'intercept' ? spec.priors.intercept : spec.priors.y_sigma;
        out[d * P + v.offset] = samplePrior(prior, rng);
        continue;
      }
      v.coords.forEach((coord, i) => {
        const prior =
          v.name === 'gamma_control' ? spec.priors.gamma_control : v.name === 'gamma_fourier' ? spec.priors.gamma_fourier : channelPrior(spec, coord, v.name);
        out[d * P + v.offset + i] = samplePrior(prior, rng);
      });
    }
  }
  return out;
}

export interface PriorPredictive {
  /** y draws per period, original units: mean and 50%/90% bands. */
  bands: Bands;
  draws: number;
}

export function priorPredictive(data: Dataset, spec: ModelSpec, n = 300, seed = 1): PriorPredictive | { errors: UserError[] } {
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) return fd;
  const rng = new Rng(seed);
  const draws = drawMatrix(spec, priorParameterDraws(spec, n, rng));
  const sigmaAt = variableLayout(spec).find((v) => v.name === 'y_sigma')!.offset;
  const rows: number[][] = [];
  forwardEach(fd, spec, draws, (d, r) => {
    const sigma = draws.values[d * draws.stride + sigmaAt] * fd.targetMaxAbs;
    rows.push(Array.from(r.mu, (m) => m + sigma * rng.normal()));
  });
  return { bands: periodBands([rows]), draws: n };
}
