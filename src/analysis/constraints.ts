// Budget constraints (issue 5): a total budget over the horizon, per-channel minimum and
// maximum spend per period (absolute, or a multiple of the channel's current spend per
// period) and channels held fixed at their current spend. Resolution turns them into
// per-period bounds lo ≤ s ≤ hi with Σ s = budget / horizon, or says plainly why no plan
// can satisfy them all. The budget is spent in full: with responses increasing in spend,
// an unspent remainder is never optimal, and "the plan spends the budget" is what a budget
// owner asks for.
import type { UserError } from '../core/types';

/**
 * The default planning horizon: a year of weeks or a quarter of days (52 weeks, 91 days; any
 * other grain 52 periods), at most the data length. One rule for the studio, `optimize`,
 * `run` and `report`.
 */
export function defaultHorizon(grain: string, rows: number): number {
  return Math.max(1, Math.min(grain === 'day' ? 91 : 52, rows));
}

export interface BoundSpec {
  value: number;
  /** true: value × the channel's current spend per period; false: spend per period. */
  relative?: boolean;
}

export interface ChannelConstraint {
  min?: BoundSpec;
  max?: BoundSpec;
  /** Held at its current spend per period. */
  fixed?: boolean;
}

export interface BudgetProblem {
  /** Total spend over the horizon, all channels. */
  budget: number;
  horizon: number;
  constraints?: Record<string, ChannelConstraint>;
}

export interface ResolvedBounds {
  /** Budget per period (budget / horizon). */
  perPeriod: number;
  lo: Float64Array;
  hi: Float64Array;
  fixed: boolean[];
  /** The bounds as the user stated them, per channel, in spend per period (null = none). */
  stated: Array<{ min: number | null; max: number | null }>;
}

export type Resolution = { feasible: true; bounds: ResolvedBounds } | { feasible: false; reason: string; errors: UserError[] };

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The reason as one line for places that show no UserError fields (the JSON's `reason`, the
 * report, the studio's plan card): the channel first, as the CLI's formatter puts it. A
 * UserError's message itself never repeats its `channel` field, which every formatter
 * already shows beside it ('channel "x1": channel "x1": …' otherwise).
 */
export function reasonOf(errors: readonly UserError[]): string {
  return errors.map((e) => (e.channel !== undefined ? `channel "${e.channel}": ${e.message}` : e.message)).join('; ');
}

function fail(message: string, extra: Partial<UserError> = {}): Resolution {
  const errors: UserError[] = [{ message, severity: 'error', ...extra }];
  return { feasible: false, reason: reasonOf(errors), errors };
}

/** Checks the input values themselves (not yet whether they fit together). */
function inputErrors(channels: string[], p: BudgetProblem): UserError[] {
  const e: UserError[] = [];
  const bad = (message: string, channel?: string, hint?: string) => e.push({ message, severity: 'error', channel, hint });
  if (!Number.isFinite(p.budget) || p.budget < 0) bad(`the budget must be a finite number ≥ 0, got ${p.budget}`, undefined, 'give the total spend for the whole horizon');
  if (!Number.isInteger(p.horizon) || p.horizon < 1) bad(`the horizon must be a whole number of periods ≥ 1, got ${p.horizon}`);
  for (const [name, c] of Object.entries(p.constraints ?? {})) {
    if (!channels.includes(name)) bad('not a channel of this model', name, `the model's channels are ${channels.join(', ')}`);
    for (const [which, b] of [['minimum', c.min], ['maximum', c.max]] as const)
      if (b && (!Number.isFinite(b.value) || b.value < 0)) bad(`the ${which} must be a finite number ≥ 0, got ${b.value}`, name);
  }
  return e;
}

/** Per-channel bounds per period as stated (hi may be Infinity), or why they contradict each other. */
export function channelBounds(channels: string[], current: ArrayLike<number>, p: BudgetProblem): Resolution {
  const errors = inputErrors(channels, p);
  if (errors.length > 0) return { feasible: false, reason: reasonOf(errors), errors };
  const C = channels.length;
  const lo = new Float64Array(C);
  const hi = new Float64Array(C).fill(Infinity);
  const fixed: boolean[] = [];
  const stated: ResolvedBounds['stated'] = [];
  for (let c = 0; c < C; c++) {
    const k = p.constraints?.[channels[c]] ?? {};
    const val = (s: BoundSpec | undefined) => (s === undefined ? null : s.relative ? s.value * current[c] : s.value);
    const mn = val(k.min);
    const mx = val(k.max);
    stated.push({ min: mn, max: mx });
    fixed.push(k.fixed === true);
    if (k.fixed) {
      if ((mn !== null && mn > current[c]) || (mx !== null && mx < current[c]))
        return fail(`held fixed at ${fmt(current[c])} per period, outside its own bounds [${fmt(mn ?? 0)}, ${mx === null ? '∞' : fmt(mx)}]`, { channel: channels[c], hint: 'drop the bound or do not hold the channel fixed' });
      lo[c] = hi[c] = current[c];
      continue;
    }
    if (mn !== null) lo[c] = mn;
    if (mx !== null) hi[c] = mx;
    if (lo[c] > hi[c])
      return fail(`the minimum ${fmt(lo[c])} per period is above the maximum ${fmt(hi[c])}`, { channel: channels[c], hint: 'lower the minimum or raise the maximum' });
  }
  return { feasible: true, bounds: { perPeriod: p.budget / p.horizon, lo, hi, fixed, stated } };
}

export function resolveConstraints(channels: string[], current: ArrayLike<number>, p: BudgetProblem): Resolution {
  const res = channelBounds(channels, current, p);
  if (!res.feasible) return res;
  const { lo, hi } = res.bounds;
  const b = p.budget / p.horizon;
  let sumLo = 0;
  let sumHi = 0;
  for (let c = 0; c < channels.length; c++) {
    sumLo += lo[c];
    sumHi += hi[c];
  }
  // Channel bounds are exact; the budget equation holds to a relative 1e-12 (sums round).
  const tol = 1e-12 * Math.max(1, p.budget);
  const N = p.horizon;
  // Every channel held fixed: the only feasible budget is the current split's spend, and the
  // generic reasons below ("raise the maximums", "lower the minimums") would point at bounds
  // that fixed channels ignore.
  if (res.bounds.fixed.length > 0 && res.bounds.fixed.every(Boolean) && Math.abs(sumLo * N - p.budget) > tol)
    return fail(`every channel is held fixed at its current spend, which comes to ${fmt(sumLo * N)} over ${N} periods, not the budget ${fmt(p.budget)}`, {
      hint: `set the budget to ${fmt(sumLo * N)}, or stop holding at least one channel fixed`,
    });
  if (sumLo * N > p.budget + tol)
    return fail(`the minimums (and fixed channels) need ${fmt(sumLo * N)} over ${N} periods, more than the budget ${fmt(p.budget)}`, { hint: 'raise the budget or lower the minimums' });
  if (sumHi * N < p.budget - tol)
    return fail(`the maximums (and fixed channels) allow at most ${fmt(sumHi * N)} over ${N} periods, less than the budget ${fmt(p.budget)}, which is to be spent in full`, { hint: 'lower the budget or raise the maximums' });
  // No channel can take more than the whole budget per period (spends are ≥ 0); this keeps
  // every bound finite for the projection without moving a stated bound by a rounding error.
  for (let c = 0; c < channels.length; c++) hi[c] = Math.max(lo[c], Math.min(hi[c], b));
  return res;
}

/** Whether a plan meets the bounds exactly and the budget to a relative tolerance (sums round). */
export function planSatisfies(plan: ArrayLike<number>, bounds: ResolvedBounds, relTol = 1e-9): boolean {
  const tol = relTol * Math.max(1, bounds.perPeriod);
  let s = 0;
  for (let c = 0; c < plan.length; c++) {
    if (!Number.isFinite(plan[c]) || plan[c] < bounds.lo[c] || plan[c] > bounds.hi[c]) return false;
    s += plan[c];
  }
  return Math.abs(s - bounds.perPeriod) <= tol;
}
