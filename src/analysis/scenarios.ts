// Budget scenarios (issue 5), each with its outcome distribution and its lift over the
// current plan:
// - shift X% of channel A's current spend to channel B (a what-if; no re-optimisation);
// - total budget ±Y%, re-optimised under the same constraints;
// - target efficiency: the largest total budget whose optimised plan keeps an overall ROAS
//   (outcome above spending nothing, over spend) at or above a target, as Robyn's
//   `target_efficiency` scenario does (Robyn, robyn_allocator(scenario = "target_efficiency"));
// - the minimum total budget whose optimised plan matches the current plan's expected outcome.
// The last two scan the best outcome against the budget with one dynamic programme
// (valueByBudget, whose table holds the optimum for every budget on the grid at once), then
// confirm the chosen budget with the full optimizer on all draws.
import type { Estimate } from '../core/types';
import { valueByBudget } from './allocation-dp';
import { channelBounds, type BudgetProblem } from './constraints';
import { estimate, probabilityPositive } from './estimate';
import { evaluatePlan, optimizeBudget, type OptimizeOptions, type OptimizeSuccess, type PlanEvaluation } from './optimizer';
import type { PlanResponse } from './plan-response';

export interface Scenario {
  name: string;
  kind: 'shift' | 'budget_change' | 'target_efficiency' | 'min_spend_for_current_outcome';
  feasible: boolean;
  reason?: string;
  /** Spend per period per channel. */
  plan: Record<string, number> | null;
  total_spend: number | null;
  expected_outcome: Estimate;
  lift: Estimate;
  p_lift_positive: number | null;
  roas: Estimate;
  details: Record<string, number | string | boolean | null>;
}

const NULL_E: Estimate = { mean: null, sd: null, q05: null, q50: null, q95: null };

function fromEvaluation(name: string, kind: Scenario['kind'], ev: PlanEvaluation, current: PlanEvaluation, details: Scenario['details']): Scenario {
  const lift = ev.outcome.map((y, d) => y - current.outcome[d]);
  return {
    name,
    kind,
    feasible: true,
    plan: ev.spend_per_period,
    total_spend: ev.total_spend,
    expected_outcome: ev.expected_outcome,
    lift: estimate(lift),
    p_lift_positive: probabilityPositive(lift),
    roas: ev.roas,
    details,
  };
}

function infeasible(name: string, kind: Scenario['kind'], reason: string, details: Scenario['details'] = {}): Scenario {
  return { name, kind, feasible: false, reason, plan: null, total_spend: null, expected_outcome: NULL_E, lift: NULL_E, p_lift_positive: null, roas: NULL_E, details };
}

/** Moves `percent`% of channel `from`'s current spend per period to channel `to`. */
export function shiftScenario(resp: PlanResponse, from: string, to: string, percent: number): Scenario {
  const name = `shift ${percent}% of ${from} to ${to}`;
  const a = resp.channels.indexOf(from);
  const b = resp.channels.indexOf(to);
  if (a < 0 || b < 0) return infeasible(name, 'shift', `"${a < 0 ? from : to}" is not a channel of this model (channels: ${resp.channels.join(', ')})`);
  if (a === b) return infeasible(name, 'shift', 'the two channels of a shift must differ');
  if (!(percent >= 0 && percent <= 100)) return infeasible(name, 'shift', `the share to shift must be between 0 and 100%, got ${percent}`);
  const plan = Float64Array.from(resp.current);
  const moved = (percent / 100) * plan[a];
  plan[a] -= moved;
  plan[b] += moved;
  const current = evaluatePlan(resp, resp.current);
  return fromEvaluation(name, 'shift', evaluatePlan(resp, plan), current, { from, to, percent, moved_per_period: moved });
}

function fromOptimum(name: string, kind: Scenario['kind'], r: OptimizeSuccess, details: Scenario['details']): Scenario {
  return { ...fromEvaluation(name, kind, r.optimal, r.current, details), lift: r.lift, p_lift_positive: r.p_lift_positive };
}

/** Re-optimises at the problem's budget × (1 + percent/100). */
export function budgetChangeScenario(resp: PlanResponse, problem: BudgetProblem, percent: number, opts: OptimizeOptions = {}): Scenario {
  const name = `total budget ${percent >= 0 ? '+' : ''}${percent}%`;
  const budget = problem.budget * (1 + percent / 100);
  const r = optimizeBudget(resp, { ...problem, budget }, opts);
  if (!r.feasible) return infeasible(name, 'budget_change', r.reason, { percent, budget });
  return fromOptimum(name, 'budget_change', r, { percent, budget });
}

export interface ScanOptions extends OptimizeOptions {
  /** The scan's upper end as a multiple of the current plan's total spend (default 3). */
  maxBudgetMultiple?: number;
  /** Budget grid steps of the scan (default 200). */
  scanSteps?: number;
}

interface BudgetCurve {
  /** Total budgets over the horizon on the grid. */
  budgets: Float64Array;
  /** Best posterior-mean outcome at each (on the scan's draws; −Infinity when unreachable). */
  best: Float64Array;
  /** Mean outcome of spending nothing (same draws). */
  zeroOutcome: number;
  /** The scan stopped at maxBudgetMultiple × current rather than at the maximums. */
  capped: boolean;
}

/** Best posterior-mean outcome for every budget on a grid over [Σ min, upper end]. */
function budgetCurve(resp: PlanResponse, problem: BudgetProblem, opts: ScanOptions): BudgetCurve | { reason: string } {
  const N = problem.horizon;
  const res = channelBounds(resp.channels, resp.current, problem);
  if (!res.feasible) return { reason: res.reason };
  const { lo, hi } = res.bounds;
  const sumLo = lo.reduce((a, v) => a + v, 0);
  const sumHi = hi.reduce((a, v) => a + v, 0);
  const curTotal = resp.current.reduce((a, v) => a + v, 0) * N;
  const upper = Math.min(sumHi * N, Math.max((opts.maxBudgetMultiple ?? 3) * curTotal, sumLo * N));
  if (!(upper > sumLo * N)) return { reason: 'the constraints fix the total spend, so there is no budget to search over' };
  const G = opts.scanSteps ?? 200;
  const step = (upper / N - sumLo) / G;
  const stride = Math.max(1, Math.floor(resp.n / (opts.globalDraws ?? 500)));
  const tables = Array.from(lo, (l, c) => {
    const K = Math.max(0, Math.min(G, Math.ceil((Math.min(hi[c], l + G * step) - l) / step - 1e-9)));
    return Float64Array.from({ length: K + 1 }, (_, k) => resp.channelMean(c, Math.min(l + k * step, hi[c]), stride));
  });
  let zero = 0;
  for (let c = 0; c < resp.C; c++) zero += resp.channelMean(c, 0, stride);
  return {
    budgets: Float64Array.from({ length: G + 1 }, (_, u) => (sumLo + u * step) * N),
    best: valueByBudget(tables, G),
    zeroOutcome: zero,
    capped: upper < sumHi * N,
  };
}

/** Optimises at budgets[u], moving u by `dir` until `accept` holds (the scan used thinned draws). */
function confirm(resp: PlanResponse, problem: BudgetProblem, curve: BudgetCurve, u: number, dir: 1 | -1, accept: (r: OptimizeSuccess) => boolean, opts: OptimizeOptions): OptimizeSuccess | null {
  for (let tries = 0; tries < 8 && u >= 0 && u < curve.budgets.length; tries++, u += dir) {
    const r = optimizeBudget(resp, { ...problem, budget: curve.budgets[u] }, opts);
    if (r.feasible && accept(r)) return r;
  }
  return null;
}

/** The largest total budget whose optimised plan has mean ROAS ≥ target (Robyn's target_efficiency). */
export function targetEfficiencyScenario(resp: PlanResponse, problem: BudgetProblem, target: number, opts: ScanOptions = {}): Scenario {
  const name = `target efficiency: ROAS ≥ ${target}`;
  if (!(target > 0) || !Number.isFinite(target)) return infeasible(name, 'target_efficiency', `the target ROAS must be a positive number, got ${target}`);
  const curve = budgetCurve(resp, problem, opts);
  if ('reason' in curve) return infeasible(name, 'target_efficiency', curve.reason, { target });
  const roasAt = (u: number) => (curve.budgets[u] > 0 ? (curve.best[u] - curve.zeroOutcome) / curve.budgets[u] : -Infinity);
  let u = -1;
  for (let i = curve.budgets.length - 1; i >= 0; i--)
    if (roasAt(i) >= target) {
      u = i;
      break;
    }
  const step = curve.budgets[1] - curve.budgets[0];
  if (u < 0) {
    let bestRoas = -Infinity;
    for (let i = 0; i < curve.budgets.length; i++) bestRoas = Math.max(bestRoas, roasAt(i));
    return infeasible(name, 'target_efficiency', `no budget between ${curve.budgets[0].toFixed(0)} and ${curve.budgets[curve.budgets.length - 1].toFixed(0)} reaches ROAS ${target}; the best is ${bestRoas.toFixed(3)}`, { target });
  }
  const r = confirm(resp, problem, curve, u, -1, (o) => (o.optimal.roas.mean ?? -Infinity) >= target, opts);
  if (!r) return infeasible(name, 'target_efficiency', `no budget confirmed at ROAS ≥ ${target} on all draws`, { target });
  return fromOptimum(name, 'target_efficiency', r, { target, budget: r.budget, budget_resolution: step, capped_at_search_limit: curve.capped && u === curve.budgets.length - 1 });
}

/** The smallest total budget whose optimised plan's expected outcome matches the current plan's. */
export function minimumSpendScenario(resp: PlanResponse, problem: BudgetProblem, opts: ScanOptions = {}): Scenario {
  const name = 'minimum spend for the current outcome';
  const current = evaluatePlan(resp, resp.current);
  const goal = current.expected_outcome.mean!;
  const curve = budgetCurve(resp, problem, opts);
  if ('reason' in curve) return infeasible(name, 'min_spend_for_current_outcome', curve.reason);
  let u = curve.best.findIndex((v) => v >= goal);
  if (u < 0) return infeasible(name, 'min_spend_for_current_outcome', `no budget up to ${curve.budgets[curve.budgets.length - 1].toFixed(0)} reaches the current expected outcome under these constraints`);
  u = Math.max(0, u - 1);
  const r = confirm(resp, problem, curve, u, 1, (o) => o.optimal.expected_outcome.mean! >= goal, opts);
  if (!r) return infeasible(name, 'min_spend_for_current_outcome', 'no budget confirmed on all draws');
  const saving = current.total_spend - r.budget;
  return fromOptimum(name, 'min_spend_for_current_outcome', r, {
    budget: r.budget,
    budget_resolution: curve.budgets[1] - curve.budgets[0],
    saving,
    saving_share: current.total_spend > 0 ? saving / current.total_spend : null,
  });
}
