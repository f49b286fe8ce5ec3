// What the Attribution view shows, computed from an AttributionResult without Svelte:
// the models as columns, the difference of each model against last click, and the match
// between MTA channels and an MMM run's channels. Pure, so it is tested in Node.
import type { Estimate } from '../../core/types';
import type { BootstrapResult, CreditInterval } from '../../mta/bootstrap';
import type { AttributionResult } from '../../mta/types';
import { modelLabel } from '../../mta/model-labels';

export { modelLabel };

export type Metric = 'conversions' | 'value';

export interface ModelColumn {
  key: string;
  label: string;
  conversions: Float64Array;
  value: Float64Array;
  /** 90% bootstrap interval per channel, when the analysis ran the bootstrap. */
  interval?: CreditInterval;
}

/** Every model that was computed, in the report's order, with its intervals when there are. */
export function modelColumns(r: AttributionResult, bootstrap: BootstrapResult | null = null): ModelColumn[] {
  const cols: ModelColumn[] = [];
  const add = (key: string, c: { conversions: Float64Array; value: Float64Array }) =>
    cols.push({ key, label: modelLabel(key), conversions: c.conversions, value: c.value, ...(bootstrap?.models[key] ? { interval: bootstrap.models[key] } : {}) });
  for (const [key, c] of Object.entries(r.heuristics)) add(key, c);
  add('shapley', r.shapley);
  if (r.shapleyFull) add('shapley_full', r.shapleyFull);
  for (const m of r.markov) add(`markov_${m.order}`, m.credit);
  return cols;
}

export interface Difference {
  channel: string;
  model: number;
  lastClick: number;
  /** (model - last click) / model: positive when last click gives the channel less credit. */
  relative: number | null;
  sentence: string;
}

function percent(x: number): string {
  return `${Math.round(Math.abs(x) * 100)}%`;
}

/**
 * How last click misjudges each channel relative to `model`: "paid_social: 30% undervalued
 * by last click" means last click credits it 30% less than the model does.
 */
export function lastClickDifference(channels: string[], model: Float64Array, lastClick: Float64Array): Difference[] {
  return channels.map((channel, i) => {
    const m = model[i];
    const l = lastClick[i];
    const relative = m > 0 ? (m - l) / m : null;
    let sentence: string;
    if (relative === null) sentence = `${channel}: the model gives it no credit${l > 0 ? '; last click does' : ''}.`;
    else if (Math.abs(relative) < 0.005) sentence = `${channel}: last click agrees with the model.`;
    else sentence = `${channel}: ${percent(relative)} ${relative > 0 ? 'undervalued' : 'overvalued'} by last click.`;
    return { channel, model: m, lastClick: l, relative, sentence };
  });
}

/** Channel names compared loosely: case, spaces, dashes and underscores do not matter. */
export function channelKey(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

export interface MmmShare {
  channel: string;
  share: Estimate;
}

export interface SharePair {
  mta: string;
  mmm: string;
  /** MTA credit share among the matched channels. */
  mtaShare: number;
  /** MMM share of media among the matched channels (mean and 90% interval, rescaled). */
  mmmShare: Estimate;
}

/**
 * Pairs MTA channels with MMM channels by name and rescales both sides to shares of the
 * matched channels only, so the two views are compared on the same footing.
 */
export function matchShares(channels: string[], credit: Float64Array, mmm: MmmShare[]): SharePair[] {
  const byKey = new Map(mmm.map((m) => [channelKey(m.channel), m]));
  const pairs = channels.flatMap((c, i) => {
    const m = byKey.get(channelKey(c));
    return m ? [{ mta: c, i, m }] : [];
  });
  const mtaTotal = pairs.reduce((a, p) => a + credit[p.i], 0);
  const mmmTotal = pairs.reduce((a, p) => a + (p.m.share.mean ?? 0), 0);
  const scale = (x: number | null) => (x === null || mmmTotal <= 0 ? null : x / mmmTotal);
  return pairs.map((p) => ({
    mta: p.mta,
    mmm: p.m.channel,
    mtaShare: mtaTotal > 0 ? credit[p.i] / mtaTotal : 0,
    mmmShare: { mean: scale(p.m.share.mean), sd: scale(p.m.share.sd), q05: scale(p.m.share.q05), q50: scale(p.m.share.q50), q95: scale(p.m.share.q95) },
  }));
}

/** MMM shares from an mta-side upload of mmm_channel_contributions.json (MODEL.md §8). */
export function sharesFromContributionsJson(json: unknown): MmmShare[] | string {
  const channels = (json as { channels?: Record<string, { share_of_media?: Estimate }> })?.channels;
  if (!channels || typeof channels !== 'object') return 'This is not an mmm_channel_contributions.json file (no "channels").';
  const out: MmmShare[] = [];
  for (const [channel, c] of Object.entries(channels)) {
    if (c?.share_of_media && typeof c.share_of_media.mean === 'number') out.push({ channel, share: c.share_of_media });
  }
  return out.length > 0 ? out : 'No channel in the file has a share_of_media estimate.';
}

export function formatNumber(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "[lo – hi]" in the table's number format; empty when the interval is not computable. */
export function formatInterval(lo: number, hi: number, digits = 1): string {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  return `[${formatNumber(lo, digits)} – ${formatNumber(hi, digits)}]`;
}

export function formatShare(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}
