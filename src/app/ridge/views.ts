// What the Ridge step draws, from a RidgeResult: the candidates split into the Pareto front
// and the rest, the chosen model, and per channel the ridge ROAS (bootstrap) next to the
// Bayesian ROAS (posterior) when a run on the same data is at hand.
import type { Estimate } from '../../core/types';
import type { RidgeResult } from '../../ridge';
import { num } from '../../core/number-format';

export interface ParetoPoints {
  ids: number[];
  nrmse: number[];
  rssd: number[];
  mape: Array<number | null>;
}

export interface ParetoView {
  front: ParetoPoints;
  others: ParetoPoints;
  chosen: { id: number; nrmse: number; rssd: number; mape: number | null };
  /** Candidates left out of the plot because an objective is not finite (a failed fit). */
  failed: number;
}

const points = (): ParetoPoints => ({ ids: [], nrmse: [], rssd: [], mape: [] });

export function paretoView(r: RidgeResult): ParetoView {
  const front = points();
  const others = points();
  let failed = 0;
  const onFront = new Set(r.pareto);
  // Front in the result's order (ascending NRMSE), so the line through it is drawn left to right.
  const order = [...r.pareto, ...r.candidates.map((c) => c.id).filter((id) => !onFront.has(id))];
  for (const id of order) {
    const o = r.candidates[id].objectives;
    if (!Number.isFinite(o.nrmse) || !Number.isFinite(o.decomp_rssd)) {
      failed++;
      continue;
    }
    const p = onFront.has(id) ? front : others;
    p.ids.push(id);
    p.nrmse.push(o.nrmse);
    p.rssd.push(o.decomp_rssd);
    p.mape.push(o.mape_lift);
  }
  const c = r.candidates[r.chosen].objectives;
  return { front, others, chosen: { id: r.chosen, nrmse: c.nrmse, rssd: c.decomp_rssd, mape: c.mape_lift }, failed };
}

export interface RoasRow {
  channel: string;
  spend: number;
  contribution: Estimate;
  roas: Estimate;
  marginal_roas: Estimate;
  /** The channel's share of the media effect, with its bootstrap interval. */
  effect_share: Estimate;
  spend_share: number;
  /** The chosen model's own values, which the table shows beside the intervals. */
  point: { contribution: number; roas: number; marginal_roas: number; effect_share: number };
  /** The Bayesian run's ROAS of the same channel; null when there is no run or no such channel. */
  bayes: Estimate | null;
}

export function roasRows(r: RidgeResult, bayes: Array<{ channel: string; roas: Estimate }> | null): RoasRow[] {
  return Object.entries(r.channels).map(([channel, c]) => ({
    channel,
    spend: c.spend,
    contribution: c.contribution,
    roas: c.roas,
    marginal_roas: c.marginal_roas,
    effect_share: c.effect_share,
    spend_share: c.point.spend_share,
    point: { contribution: c.point.contribution, roas: c.point.roas, marginal_roas: c.point.marginal_roas, effect_share: c.point.effect_share },
    bayes: bayes?.find((b) => b.channel === channel)?.roas ?? null,
  }));
}

/** The chosen model's hyperparameters per channel: { channel: { variable: value } } and lambda. */
export function chosenHyper(r: RidgeResult): { channels: Array<{ channel: string; values: Array<[string, number]> }>; lambda: number } {
  const byChannel = new Map<string, Array<[string, number]>>();
  for (const [key, v] of Object.entries(r.model.hyper)) {
    const m = /^(.+)\[(.+)\]$/.exec(key);
    if (!m) continue;
    const list = byChannel.get(m[2]) ?? [];
    list.push([m[1], v]);
    byChannel.set(m[2], list);
  }
  return { channels: [...byChannel].map(([channel, values]) => ({ channel, values })), lambda: r.model.hyper.lambda };
}

/** How the intervals were made, in a few words (the Ridge step's "Bootstrap" fact; the method note says more). */
export function bootstrapText(b: RidgeResult['bootstrap']): string {
  const scheme =
    b.method === 'sieve_ar'
      ? `sieve, AR(${b.ar_order})`
      : b.method === 'moving_block_residual'
        ? `moving blocks of ${b.block_length} period${b.block_length === 1 ? '' : 's'}`
        : 'independent residuals';
  return `${b.replicates} refits, ${scheme}, ${b.interval === 'studentized' ? 'studentized' : 'percentile'}${b.penalty_bias_corrected ? ', around the estimate with the penalty’s bias removed' : ''}`;
}

/** "point [q05, q95]": the chosen model's value with its bootstrap interval. */
export function pointInterval(point: number, e: Estimate, fmt: (v: number | null) => string): string {
  return e.q05 === null || e.q95 === null ? fmt(point) : `${fmt(point)} [${fmt(e.q05)}, ${fmt(e.q95)}]`;
}

/** Channel names as a reader lists them: "a", "a and b", "a, b and c". */
function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why the ridge ROAS intervals look as they do, next to the chart, when it shows: some start at
 * 0, or a point lies outside its own interval. With the penalty's bias taken out
 * (src/ridge/debias.ts) the intervals are those of the unpenalised fit at the chosen curves,
 * as wide as least squares on this data makes them, while the points stay the shrunk model's:
 * on Robyn's demo several intervals start at 0 and a strongly shrunk point sits below its
 * interval, which reads as a fault unless said. Null when neither shows, or when the
 * intervals were built around the shrunk fit itself (the explanation would then be wrong).
 */
export function wideIntervalNote(rows: RoasRow[], lambda: number, biasCorrected: boolean): string | null {
  if (!biasCorrected) return null;
  const known = rows.filter((r) => r.roas.q05 !== null && r.roas.q95 !== null);
  const atZero = known.filter((r) => r.roas.q05! <= 1e-12 * Math.abs(r.roas.q95!)).map((r) => r.channel);
  const outside = known.filter((r) => r.point.roas < r.roas.q05! || r.point.roas > r.roas.q95!).map((r) => r.channel);
  if (atZero.length === 0 && outside.length === 0) return null;
  const facts: string[] = [];
  if (atZero.length > 0) facts.push(`The ROAS interval${atZero.length === 1 ? '' : 's'} of ${listNames(atZero)} start${atZero.length === 1 ? 's' : ''} at 0`);
  if (outside.length > 0) {
    const one = outside.length === 1;
    facts.push(`${facts.length > 0 ? 'the' : 'The'} point${one ? '' : 's'} of ${listNames(outside)} lie${one ? 's' : ''} outside ${one ? 'its' : 'their'} interval${one ? '' : 's'}`);
  }
  return (
    `${facts.join(', and ')}. The penalty (λ ${num(lambda)}) shrinks every point toward 0, but the intervals are built with that ` +
    `shrinkage taken out, so they are as wide as least squares on this data makes them: honest about what the data alone can tell, ` +
    `and a lift test or the Bayesian fit with its priors narrows them.`
  );
}

/**
 * The base under the chosen model, over the data window: intercept, each control, seasonality
 * and the media total, each as its bootstrap summary [90%]. The controls were left out (on
 * Robyn's data competitor_sales_B carries most of the revenue), and nothing said that these
 * are window totals around the penalty-corrected fit while "Intercept (per period)" beside
 * them is the shrunk model's own, so 851.5k per period next to an intercept of 9.02M read as
 * a contradiction.
 */
export function baseParts(r: RidgeResult): Array<{ name: string; estimate: Estimate }> {
  return [
    { name: 'intercept', estimate: r.base.intercept },
    ...Object.entries(r.base.controls).map(([name, estimate]) => ({ name, estimate })),
    { name: 'seasonality', estimate: r.base.seasonality },
    { name: 'media total', estimate: r.media_total },
  ];
}
