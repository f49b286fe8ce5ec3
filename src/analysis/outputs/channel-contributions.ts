// mmm_channel_contributions.json (MODEL.md §8): metadata; channels as in summary.json plus
// share_of_media and saturation_flag; base (intercept, controls, seasonality); media_total;
// sum_check. Keys snake_case, estimates as {mean, sd, q05, q50, q95}, null where a number
// cannot be computed. Extra keys (saturation detail, over-time paths) extend it compatibly.
import type { Estimate, RunMetadata } from '../../core/types';
import type { RunAnalysis } from '../analyse';
import type { SeriesBand } from '../decomposition';

export interface ChannelContributionsJson {
  metadata: RunMetadata;
  channels: Record<
    string,
    {
      spend: number;
      contribution: Estimate;
      roas: Estimate;
      marginal_roas: Estimate;
      share_of_media: Estimate;
      saturation_flag: boolean;
      saturation_detail: { marginal_to_average: number | null; threshold: number; elbow_multiplier: number | null; reasons: string[] };
    }
  >;
  base: { intercept: Estimate; controls: Record<string, Estimate>; seasonality: Estimate; total: Estimate };
  media_total: Estimate;
  media_share_of_target: Estimate;
  sum_check: { observed_total: number; components_total: number; relative_error: number; within_2_percent: boolean };
  over_time?: { dates: string[]; components: Record<string, { mean: number[]; q05: number[]; q95: number[] }> };
}

/** Finite numbers as they are, anything else as null (JSON has no NaN). */
export const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const path = (b: SeriesBand) => ({ mean: Array.from(b.mean, num), q05: Array.from(b.q05, num), q95: Array.from(b.q95, num) }) as { mean: number[]; q05: number[]; q95: number[] };

export function channelContributionsJson(metadata: RunMetadata, a: RunAnalysis, dates?: string[]): ChannelContributionsJson {
  const channels: ChannelContributionsJson['channels'] = {};
  a.roas.forEach((r, c) => {
    const f = a.flags[c];
    channels[r.channel] = {
      spend: r.spend,
      contribution: a.contributions.channels[c].contribution,
      roas: r.roas,
      marginal_roas: r.marginal_roas,
      share_of_media: a.contributions.channels[c].share_of_media,
      saturation_flag: f.flagged,
      saturation_detail: { marginal_to_average: num(f.marginal_to_average), threshold: f.threshold, elbow_multiplier: f.elbow_multiplier, reasons: f.reasons },
    };
  });
  const sc = a.contributions.sum_check;
  const out: ChannelContributionsJson = {
    metadata,
    channels,
    base: a.contributions.base,
    media_total: a.contributions.media_total,
    media_share_of_target: a.contributions.media_share_of_target,
    sum_check: { observed_total: sc.observed_total, components_total: sc.components_total, relative_error: sc.relative_error, within_2_percent: sc.within_2_percent },
  };
  if (dates) {
    const ot = a.decomposition.overTime;
    const components: Record<string, ReturnType<typeof path>> = { intercept: path(ot.intercept), seasonality: path(ot.seasonality), media: path(ot.media), mu: path(ot.mu) };
    a.decomposition.channels.forEach((c, i) => (components[`channel[${c}]`] = path(ot.channels[i])));
    a.decomposition.controls.forEach((k, i) => (components[`control[${k}]`] = path(ot.controls[i])));
    out.over_time = { dates, components };
  }
  return out;
}
