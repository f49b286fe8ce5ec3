// summary.json of a run directory (MODEL.md §8): parameters with R-hat/ESS, per channel the
// spend, contribution, ROAS and marginal ROAS estimates, and the sampler's health.
import type { Estimate, InferenceData, UserError } from '../core/types';
import { posteriorFromInferenceData, type Posterior } from '../analysis/posterior';
import type { RunAnalysis } from '../analysis/analyse';
import { decompose } from '../analysis/decomposition';
import { channelRoas } from '../analysis/roas';
import { contributionSummary } from '../analysis/contributions';
import { summarizeParameters, type ParameterSummary } from '../diagnostics/summary';
import { chainHealth, samplerTotals } from '../diagnostics/sampler';
import { statChains } from '../diagnostics/idata';

export interface SummaryJson {
  metadata: InferenceData['attrs'];
  parameters: Record<string, ParameterSummary>;
  channels: Record<string, { spend: number; contribution: Estimate; roas: Estimate; marginal_roas: Estimate }>;
  sampler: { divergences: number; max_treedepth_hits: number; gradient_evaluations: number | null; wall_seconds: number | null };
}

/**
 * What a caller that has already read and decomposed the run can pass in (`carryover run` via
 * src/report's analyseForReport), so the posterior is not decomposed twice. It must come from
 * the same idata; the per-period draws kept do not matter (the summary uses totals only).
 */
export interface SummaryPrecomputed {
  posterior: Posterior;
  analysis?: Pick<RunAnalysis, 'contributions' | 'roas'>;
}

export function buildSummary(idata: InferenceData, pre?: SummaryPrecomputed): SummaryJson | { errors: UserError[] } {
  const post = pre?.posterior ?? posteriorFromInferenceData(idata);
  if ('errors' in post) return post;
  let analysis = pre?.analysis;
  if (!analysis) {
    const dec = decompose(post.data, post.spec, post.draws, { maxDrawsOverTime: 1 });
    analysis = { contributions: contributionSummary(dec, post.observed), roas: channelRoas(dec) };
  }
  const { contributions, roas } = analysis;
  const channels: SummaryJson['channels'] = {};
  roas.forEach((r, c) => {
    channels[r.channel] = { spend: r.spend, contribution: contributions.channels[c].contribution, roas: r.roas, marginal_roas: r.marginal_roas };
  });
  const health = chainHealth(
    { diverging: statChains(idata, 'diverging'), tree_depth: statChains(idata, 'tree_depth'), energy: statChains(idata, 'energy') },
    idata.attrs.sampler.max_treedepth,
  );
  const totals = samplerTotals(health);
  const timings = idata.attrs.timings as { sampling_wall_ms?: number } | undefined;
  const grads = idata.attrs.gradient_evaluations;
  return {
    metadata: idata.attrs,
    parameters: summarizeParameters(idata),
    channels,
    sampler: {
      divergences: totals.divergences,
      max_treedepth_hits: totals.max_treedepth_hits,
      gradient_evaluations: typeof grads === 'number' ? grads : null,
      wall_seconds: timings?.sampling_wall_ms !== undefined ? timings.sampling_wall_ms / 1000 : null,
    },
  };
}
