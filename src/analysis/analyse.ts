// Everything the Results and Decisions views show for one fitted run, computed once from
// the posterior: decomposition, ROAS, response curves, adstock kernels, saturation flags.
import { channelRoas, type ChannelRoas } from './roas';
import { contributionSummary, type ContributionSummary } from './contributions';
import { decompose, type DecomposeOptions, type Decomposition } from './decomposition';
import type { Posterior } from './posterior';
import { adstockKernels, DEFAULT_MULTIPLIERS, responseCurves, type AdstockKernel, type ResponseCurve } from './response';
import { saturationFlags, type SaturationFlag } from './saturation-flags';

export interface RunAnalysis {
  decomposition: Decomposition;
  contributions: ContributionSummary;
  roas: ChannelRoas[];
  curves: ResponseCurve[];
  kernels: AdstockKernel[];
  flags: SaturationFlag[];
}

export interface AnalyseOptions extends DecomposeOptions {
  multipliers?: readonly number[];
  /** Draws behind the response-curve bands (default 1000). */
  maxDrawsCurves?: number;
  /** Marginal over average ROAS below which a channel is flagged (default 0.5). */
  saturationThreshold?: number;
}

export function analyseRun(post: Posterior, opts: AnalyseOptions = {}): RunAnalysis {
  const decomposition = decompose(post.data, post.spec, post.draws, opts);
  const roas = channelRoas(decomposition);
  const curves = responseCurves(post.data, post.spec, post.draws, opts.multipliers ?? DEFAULT_MULTIPLIERS, opts.maxDrawsCurves ?? 1000);
  return {
    decomposition,
    contributions: contributionSummary(decomposition, post.observed),
    roas,
    curves,
    kernels: adstockKernels(post.spec, post.draws),
    flags: saturationFlags(roas, curves, opts.saturationThreshold ?? 0.5),
  };
}
