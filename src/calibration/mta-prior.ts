// Unified measurement, bottom-up informing top-down: a saved MTA run (mta_attribution.json,
// MODEL.md §8) becomes a wide LogNormal prior on each channel's ROAS, labelled "MTA-informed".
// Credited value per unit of spend = the attribution model's credited value for the channel
// over the journeys' date range ÷ the channel's spend in the MMM data over the same periods.
// That is an average over the window, so the prior has scope 'window' (roas-prior.ts).
//
// Width: MTA credit is observational and click-path biased (it sees only tracked journeys), so
// the prior is centred on the credited ROAS (its median) with a wide log-scale sd — 1.0 by
// default, a factor e^{±1.645} ≈ ×/÷ 5.2 for the 90% interval — widened further to the spread
// (sd of log ROAS) across the attribution models in the file when they disagree more.
import type { Dataset, UserError } from '../core/types';
import { logNormalSummary, type RoasPrior } from './roas-prior';
import { isoDay, periodDays } from './window';
import { modelLabel } from '../mta/model-labels';

export interface MtaAttribution {
  metadata?: { data_range?: { first?: string; last?: string } } & Record<string, unknown>;
  models: Record<string, Record<string, { conversions: number; value: number }>>;
}

export interface MtaPriorOptions {
  /** Attribution model to use; default markov_1, else shapley, else linear, else the first. */
  model?: string;
  /** Credited `value` (revenue-type targets) or `conversions`. Default value. */
  measure?: 'value' | 'conversions';
  /** MTA channel name → dataset channel name, where they differ. */
  channelMap?: Record<string, string>;
  /** Minimum log-scale sd (default 1). */
  sigma?: number;
}

export interface MtaPriorResult {
  priors: RoasPrior[];
  /** Per channel: credited value, spend, and the credited ROAS in each model of the file. */
  credited: Array<{ channel: string; credit: number; spend: number; roas: number; by_model: Record<string, number> }>;
  model: string;
  issues: UserError[];
}

const PREFERRED = ['markov_1', 'shapley', 'linear'];

export function mtaRoasPriors(mta: MtaAttribution, data: Dataset, file: string, opts: MtaPriorOptions = {}): MtaPriorResult {
  const issues: UserError[] = [];
  // A model that could not be computed is null in mta_attribution.json (e.g. shapley_full without non-converters).
  const models = Object.keys(mta.models ?? {}).filter((m) => mta.models[m] != null);
  const model = opts.model ?? PREFERRED.find((m) => models.includes(m)) ?? models[0];
  const result: MtaPriorResult = { priors: [], credited: [], model, issues };
  if (!model || !mta.models[model]) {
    issues.push({ severity: 'error', file, message: `no attribution model "${opts.model ?? ''}" in the file`, hint: `The file has: ${models.join(', ') || 'none'}.` });
    return result;
  }
  const measure = opts.measure ?? 'value';
  const minSigma = opts.sigma ?? 1;
  const periods = spendPeriods(mta, data, file, issues);
  const toData = (mtaName: string): number => {
    const name = opts.channelMap?.[mtaName] ?? mtaName;
    const i = data.channels.findIndex((c) => c.name === name);
    return i >= 0 ? i : data.channels.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  };
  for (const [mtaName, credit] of Object.entries(mta.models[model])) {
    const ch = toData(mtaName);
    if (ch < 0) {
      issues.push({ severity: 'warning', file, channel: mtaName, message: `MTA channel "${mtaName}" is not a channel of the MMM data; it is left out`, hint: 'Map it to a data channel if it is the same channel under another name.' });
      continue;
    }
    const name = data.channels[ch].name;
    let spend = 0;
    for (let t = periods[0]; t <= periods[1]; t++) spend += data.channels[ch].spend[t];
    const byModel: Record<string, number> = {};
    for (const m of models) {
      const c = mta.models[m]?.[mtaName];
      if (c && spend > 0 && c[measure] > 0) byModel[m] = c[measure] / spend;
    }
    const roas = credit[measure] / spend;
    result.credited.push({ channel: name, credit: credit[measure], spend, roas, by_model: byModel });
    if (!(spend > 0)) {
      issues.push({ severity: 'warning', file, channel: name, message: `${name} has no spend in the journeys' date range: no MTA-informed prior`, hint: 'Check the MTA run covers the modelled period.' });
      continue;
    }
    if (!(roas > 0) || !Number.isFinite(roas)) {
      issues.push({ severity: 'warning', file, channel: name, message: `${model} credits ${name} with no ${measure}: no MTA-informed prior`, hint: 'A ROAS prior needs positive credit; the channel keeps its default prior.' });
      continue;
    }
    const logs = Object.values(byModel).map(Math.log);
    const spread = logs.length > 1 ? sampleSd(logs) : 0;
    const sigma = Math.max(minSigma, spread);
    result.priors.push({ channel: name, mu: Math.log(roas), sigma, scope: 'window', label: `MTA-informed (${modelLabel(model)})`, source: 'mta' });
  }
  return result;
}

/** Data periods the journeys span (metadata.data_range), else the whole data with a warning. */
function spendPeriods(mta: MtaAttribution, data: Dataset, file: string, issues: UserError[]): [number, number] {
  const whole: [number, number] = [0, data.dates.length - 1];
  const range = mta.metadata?.data_range;
  const first = range?.first ? isoDay(range.first.slice(0, 10)) : NaN;
  const last = range?.last ? isoDay(range.last.slice(0, 10)) : NaN;
  if (Number.isNaN(first) || Number.isNaN(last)) {
    issues.push({ severity: 'warning', file, message: 'the MTA run has no data_range: spend is taken over the whole MMM data', hint: 'Credit per unit spend is right only if the journeys cover the same dates.' });
    return whole;
  }
  const step = periodDays(data.grain);
  const days = data.dates.map(isoDay);
  let a = -1;
  let b = -1;
  days.forEach((d, t) => {
    if (d + step - 1 >= first && d <= last) {
      if (a < 0) a = t;
      b = t;
    }
  });
  if (a < 0) {
    issues.push({ severity: 'warning', file, message: `the journeys (${range!.first} .. ${range!.last}) do not overlap the MMM data: spend is taken over the whole data`, hint: 'Use an MTA run from the modelled period.' });
    return whole;
  }
  return [a, b];
}

function sampleSd(v: number[]): number {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - m) * (x - m), 0) / (v.length - 1));
}

/** For display next to the prior: its mean, sd and 90% interval. */
export function describeRoasPrior(p: RoasPrior): ReturnType<typeof logNormalSummary> & { label: string } {
  return { ...logNormalSummary(p.mu, p.sigma), label: p.label };
}
