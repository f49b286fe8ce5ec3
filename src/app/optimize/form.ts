// The Optimize step's inputs and their checks (issue 5): total budget, horizon, objective,
// and per channel a minimum and maximum (none, spend per period, or a multiple of current
// spend) or "hold fixed". Pure, so the studio and the Node tests share it.
//
// Two kinds of problem are kept apart on purpose. A value that cannot be an input at all
// (an empty budget, a fractional horizon, a negative bound, a minimum above the same
// channel's maximum) is a validation message at its field and nothing is computed. A set of
// valid inputs that cannot all hold together (minimums that need more than the budget) goes
// to the optimizer, whose plain reason the step shows instead of a plan.
import type { InferenceData, UserError } from '../../core/types';
import type { BudgetProblem, ChannelConstraint } from '../../analysis/constraints';
import type { Objective } from '../../analysis/optimizer';

export type BoundMode = 'none' | 'absolute' | 'relative';

export interface ChannelForm {
  channel: string;
  minMode: BoundMode;
  min: number | null;
  maxMode: BoundMode;
  max: number | null;
  fixed: boolean;
}

export interface OptimizeForm {
  /** Total spend over the horizon, all channels. */
  budget: number | null;
  /** True while the budget follows the horizon (the last N periods' spend). */
  budgetAuto: boolean;
  horizon: number | null;
  objective: Objective;
  channels: ChannelForm[];
}

/** Longest horizon the step accepts in any case (ten years of weeks). */
export const MAX_HORIZON = 520;

/**
 * Longest horizon for a run of `rows` periods: at most the data length, as `carryover optimize`
 * and `run` allow (src/cli/commands/optimize.ts horizonProblem) — the plan assumes each
 * channel's response stays as fitted, which the data shows over that many periods only.
 */
export function maxHorizon(rows: number): number {
  return rows >= 1 ? Math.min(MAX_HORIZON, rows) : MAX_HORIZON;
}
/** Default bounds as multiples of current spend, as the report's default problem (src/report). */
export const DEFAULT_MIN_MULTIPLE = 0.5;
export const DEFAULT_MAX_MULTIPLE = 2;

export { defaultHorizon } from '../../analysis/constraints';

/**
 * Mean spend per period of each channel (spec order) over the last min(N, T) periods: the
 * "current spend" relative bounds refer to, summed in the order PlanResponse sums it so the
 * two agree to the last bit.
 */
export function recentSpend(idata: InferenceData, horizon: number): Float64Array {
  const spec = idata.attrs.model;
  const labels = idata.coords?.channel?.map(String) ?? spec.channels.map((c) => c.name);
  const rows = idata.constant_data.spend;
  const T = rows.length;
  const last = Math.max(1, Math.min(horizon, T));
  return Float64Array.from(spec.channels, (c) => {
    const j = labels.indexOf(c.name);
    let s = 0;
    for (let t = T - last; t < T; t++) s += rows[t]?.[j] ?? NaN;
    return s / last;
  });
}

export function defaultForm(channels: string[], current: ArrayLike<number>, horizon: number): OptimizeForm {
  return {
    budget: budgetFor(current, horizon),
    budgetAuto: true,
    horizon,
    objective: 'mean',
    channels: channels.map((channel) => ({
      channel,
      minMode: 'relative',
      min: DEFAULT_MIN_MULTIPLE,
      maxMode: 'relative',
      max: DEFAULT_MAX_MULTIPLE,
      fixed: false,
    })),
  };
}

/** Σ_c current_c × N: the last N periods' spend (or the mean period's, scaled, if T < N). */
export function budgetFor(current: ArrayLike<number>, horizon: number): number {
  let s = 0;
  for (let c = 0; c < current.length; c++) s += current[c];
  return s * horizon;
}

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A bound's spend per period, or null for none / an unreadable value. */
export function boundPerPeriod(mode: BoundMode, value: number | null, current: number): number | null {
  if (mode === 'none' || !isNum(value)) return null;
  return mode === 'relative' ? value * current : value;
}

/**
 * The "Allowed per period" cell: the spend range the bounds leave, "lo – hi". A minimum above
 * the maximum leaves no spend at all; writing it as "0.74 – 0.49" read as a range, so it says
 * so instead (the error list above the button names the channel and what to do).
 */
export function allowedRange(ch: Pick<ChannelForm, 'fixed' | 'minMode' | 'min' | 'maxMode' | 'max'>, current: number, fmt: (v: number) => string): string {
  if (ch.fixed) return `${fmt(current)} (fixed)`;
  const lo = boundPerPeriod(ch.minMode, ch.min, current) ?? 0;
  const hi = boundPerPeriod(ch.maxMode, ch.max, current);
  if (hi !== null && lo > hi) return 'none: minimum above maximum';
  return `${fmt(lo)} – ${hi === null ? 'no maximum' : fmt(hi)}`;
}

/** A channel's problems: the message does not repeat the channel, which every UserError formatter shows beside it. */
function channelErrors(ch: ChannelForm, current: number, unit: string): UserError[] {
  const errors: UserError[] = [];
  const bad = (message: string, hint: string) => errors.push({ message, hint, channel: ch.channel, severity: 'error' });
  if (ch.fixed) return errors;
  for (const [which, mode, v] of [['minimum', ch.minMode, ch.min], ['maximum', ch.maxMode, ch.max]] as const) {
    if (mode === 'none') continue;
    if (!isNum(v)) bad(`enter the ${which} or choose "no ${which}"`, mode === 'relative' ? 'a multiple of current spend, e.g. 0.5' : `spend per ${unit}`);
    else if (v < 0) bad(`the ${which} cannot be negative (got ${v})`, 'spend is never below 0');
  }
  const lo = boundPerPeriod(ch.minMode, ch.min, current);
  const hi = boundPerPeriod(ch.maxMode, ch.max, current);
  if (errors.length === 0 && lo !== null && hi !== null && lo > hi)
    bad(`the minimum (${fmt(lo)} per ${unit}) is above the maximum (${fmt(hi)} per ${unit})`, 'lower the minimum or raise the maximum');
  return errors;
}

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

export type FormCheck = { ok: true; problem: BudgetProblem; objective: Objective } | { ok: false; errors: UserError[] };

/**
 * The budget problem the form states, or every input that cannot be read. `current` is the
 * spend per period of each channel for the form's horizon (recentSpend).
 */
export function problemFromForm(form: OptimizeForm, current: ArrayLike<number>, unit = 'period', longest = MAX_HORIZON): FormCheck {
  const errors: UserError[] = [];
  const top = (message: string, hint: string) => errors.push({ message, hint, severity: 'error' });
  if (!isNum(form.budget)) top('Enter the total budget for the horizon.', 'the sum over all channels and periods, in the units spend is recorded in');
  else if (form.budget < 0) top(`The budget cannot be negative (got ${fmt(form.budget)}).`, 'enter 0 or more');
  if (!isNum(form.horizon)) top('Enter the horizon: how many periods to plan.', `a whole number from 1 to ${longest}`);
  else if (!Number.isInteger(form.horizon) || form.horizon < 1 || form.horizon > longest)
    top(
      `The horizon must be a whole number of ${unit}s from 1 to ${longest} (got ${form.horizon}).`,
      longest < MAX_HORIZON ? `the run's data covers ${longest} ${unit}s, and the plan assumes each channel responds as it did then` : 'plans are constant per period over whole periods',
    );
  if (form.objective !== 'mean' && form.objective !== 'q05') top(`Unknown objective "${String(form.objective)}".`, 'choose expected outcome or the risk-averse 5% quantile');
  form.channels.forEach((ch, c) => errors.push(...channelErrors(ch, current[c], unit)));
  if (errors.length > 0) return { ok: false, errors };
  const constraints: Record<string, ChannelConstraint> = {};
  for (const ch of form.channels) {
    if (ch.fixed) {
      constraints[ch.channel] = { fixed: true };
      continue;
    }
    const k: ChannelConstraint = {};
    if (ch.minMode !== 'none') k.min = { value: ch.min!, relative: ch.minMode === 'relative' };
    if (ch.maxMode !== 'none') k.max = { value: ch.max!, relative: ch.maxMode === 'relative' };
    constraints[ch.channel] = k;
  }
  return { ok: true, problem: { budget: form.budget!, horizon: form.horizon!, constraints }, objective: form.objective };
}
