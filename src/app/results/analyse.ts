// Everything the Results step shows that needs a pass over the posterior draws: the
// contribution decomposition, ROAS and marginal ROAS, response curves and adstock kernels,
// all from src/analysis on the run's InferenceData (MODEL.md §5). Pure, so it runs in the
// results worker and in Node tests alike.
import type { Estimate, InferenceData, UserError } from '../../core/types';
import { estimate } from '../../analysis/estimate';
import { contributionSummary, type ContributionSummary } from '../../analysis/contributions';
import { decompose, type SeriesBand } from '../../analysis/decomposition';
import { posteriorFromInferenceData } from '../../analysis/posterior';
import { adstockKernels, responseCurves, type AdstockKernel, type ResponseCurve } from '../../analysis/response';
import { channelRoas, type ChannelRoas } from '../../analysis/roas';

export interface RunAnalysis {
  dates: string[];
  channels: string[];
  controls: string[];
  /** Per-period bands of each component (original units). */
  overTime: {
    intercept: SeriesBand;
    seasonality: SeriesBand;
    controls: SeriesBand[];
    channels: SeriesBand[];
  };
  contributions: ContributionSummary;
  /**
   * The model's total of the target over the window, Σ_t mu_t, per draw: the waterfall's
   * last bar. Its interval comes from the draws of the sum, not from adding the
   * components' intervals (they are correlated).
   */
  total: Estimate;
  roas: ChannelRoas[];
  curves: ResponseCurve[];
  kernels: AdstockKernel[];
}

/** At most this many draws enter the per-period bands (totals use every draw). */
const MAX_DRAWS_OVER_TIME = 500;

export function analyseRun(idata: InferenceData): { ok: true; value: RunAnalysis } | { ok: false; errors: UserError[] } {
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) return { ok: false, errors: post.errors };
  const dec = decompose(post.data, post.spec, post.draws, { maxDrawsOverTime: MAX_DRAWS_OVER_TIME });
  const dateDim = idata.dims?.y?.[0] ?? 'date';
  return {
    ok: true,
    value: {
      dates: (idata.coords[dateDim] ?? []).map(String),
      channels: dec.channels,
      controls: dec.controls,
      overTime: {
        intercept: dec.overTime.intercept,
        seasonality: dec.overTime.seasonality,
        controls: dec.overTime.controls,
        channels: dec.overTime.channels,
      },
      contributions: contributionSummary(dec, post.observed),
      total: estimate(dec.muTotal),
      roas: channelRoas(dec),
      curves: responseCurves(post.data, post.spec, post.draws),
      kernels: adstockKernels(post.spec, post.draws),
    },
  };
}
