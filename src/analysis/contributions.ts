// What each part of the model contributed (MODEL.md §5, §8): totals per channel, control,
// seasonality and intercept with intervals, media shares, base vs media, and the check that
// the components add up to the observed total (reported, never assumed).
import type { Estimate } from '../core/types';
import type { Decomposition } from './decomposition';
import { column, estimate } from './estimate';

export interface SumCheck {
  observed_total: number;
  /** Posterior mean of Σ_t (intercept + controls + seasonality + media), summed component by component. */
  components_total: number;
  relative_error: number;
  within_2_percent: boolean;
  /** Largest |Σ components − Σ mu| / |Σ mu| over draws: the decomposition's own closure (should be ~1e-15). */
  closure_error: number;
}

export interface ContributionSummary {
  channels: Array<{ channel: string; spend: number; contribution: Estimate; share_of_media: Estimate }>;
  base: { intercept: Estimate; controls: Record<string, Estimate>; seasonality: Estimate; total: Estimate };
  media_total: Estimate;
  /** Media total over the observed target total, per draw. */
  media_share_of_target: Estimate;
  sum_check: SumCheck;
}

/** Per draw Σ_c channel totals (n). */
export function mediaTotalDraws(dec: Decomposition): Float64Array {
  const C = dec.channels.length;
  const out = new Float64Array(dec.n);
  for (let d = 0; d < dec.n; d++) for (let c = 0; c < C; c++) out[d] += dec.channelTotal[d * C + c];
  return out;
}

/** Per draw intercept + controls + seasonality (n). */
export function baseTotalDraws(dec: Decomposition): Float64Array {
  const K = dec.controls.length;
  const out = new Float64Array(dec.n);
  for (let d = 0; d < dec.n; d++) {
    let s = dec.interceptTotal[d] + dec.seasonalityTotal[d];
    for (let k = 0; k < K; k++) s += dec.controlTotal[d * K + k];
    out[d] = s;
  }
  return out;
}

export function sumCheck(dec: Decomposition, observed: ArrayLike<number>): SumCheck {
  let obs = 0;
  for (let t = 0; t < observed.length; t++) obs += observed[t];
  const media = mediaTotalDraws(dec);
  const base = baseTotalDraws(dec);
  let comp = 0;
  let closure = 0;
  for (let d = 0; d < dec.n; d++) {
    const total = media[d] + base[d];
    comp += total;
    const denom = Math.max(Math.abs(dec.muTotal[d]), Number.MIN_VALUE);
    closure = Math.max(closure, Math.abs(total - dec.muTotal[d]) / denom);
  }
  comp /= dec.n;
  const rel = Math.abs(comp - obs) / Math.abs(obs);
  return { observed_total: obs, components_total: comp, relative_error: rel, within_2_percent: rel <= 0.02, closure_error: closure };
}

export function contributionSummary(dec: Decomposition, observed: ArrayLike<number>): ContributionSummary {
  const C = dec.channels.length;
  const K = dec.controls.length;
  const media = mediaTotalDraws(dec);
  const share = new Float64Array(dec.n);
  const channels = dec.channels.map((channel, c) => {
    const v = column(dec.channelTotal, dec.n, C, c);
    // A draw with zero media in total has no shares (0/0): NaN makes the estimate null.
    for (let d = 0; d < dec.n; d++) share[d] = media[d] !== 0 ? v[d] / media[d] : NaN;
    return { channel, spend: dec.spendTotal[c], contribution: estimate(v), share_of_media: estimate(share) };
  });
  const controls: Record<string, Estimate> = {};
  dec.controls.forEach((name, k) => (controls[name] = estimate(column(dec.controlTotal, dec.n, K, k))));
  let obs = 0;
  for (let t = 0; t < observed.length; t++) obs += observed[t];
  return {
    channels,
    base: { intercept: estimate(dec.interceptTotal), controls, seasonality: estimate(dec.seasonalityTotal), total: estimate(baseTotalDraws(dec)) },
    media_total: estimate(media),
    media_share_of_target: estimate(media.map((m) => m / obs)),
    sum_check: sumCheck(dec, observed),
  };
}
