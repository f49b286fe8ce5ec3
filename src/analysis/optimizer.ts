// The budget optimizer (issue 5): per-channel spend per period over a horizon, maximising the
// posterior-mean outcome (mean-allocation.ts) or a lower quantile of it
// (quantile-allocation.ts), under the constraints of constraints.ts. Every plan returned
// is checked against every constraint before it leaves this file; constraints that cannot
// all hold come back as `feasible: false` with the reason.
import type { Estimate, UserError } from '../core/types';
import { planSatisfies, resolveConstraints, type BudgetProblem, type ResolvedBounds } from './constraints';
import { estimate, probabilityPositive } from './estimate';
import { polishMeanPlan } from './polish-mean';
import { snapToBounds } from './snap-bounds';
import { marginalReturns } from './marginal-return';
import { maximiseMean, type AllocationOptions } from './mean-allocation';
import type { PlanResponse } from './plan-response';
import { harrellDavisQuantile, maximiseQuantile } from './quantile-allocation';

export type Objective = 'mean' | 'q05';

export interface PlanEvaluation {
  /** Spend per period per channel (constant over the horizon). */
  spend_per_period: Record<string, number>;
  total_spend: number;
  /** Media contribution over the horizon plus the carry-over periods, per draw. */
  outcome: Float64Array;
  expected_outcome: Estimate;
  /** (outcome − outcome of spending nothing) / total spend, per draw summarised. */
  roas: Estimate;
}

/** Per channel: its bounds, which of them bind at the optimal plan, and why (its marginal return). */
export interface ConstraintReport {
  channel: string;
  min: number | null;
  max: number | null;
  fixed: boolean;
  binds: { min: boolean; max: boolean; fixed: boolean };
  /**
   * Extra outcome per extra unit of total spend on this channel, per posterior draw
   * summarised, at the current and at the optimal plan (marginal-return.ts). At a mean
   * optimum the free channels share one mean value; a channel at its maximum returns more.
   */
  marginal_return: { current: Estimate; optimal: Estimate };
}

export interface OptimizeSuccess {
  feasible: true;
  objective: Objective;
  budget: number;
  horizon: number;
  current: PlanEvaluation;
  /** Whether the current plan meets every constraint (incl. spending exactly the budget). */
  current_feasible: boolean;
  optimal: PlanEvaluation;
  lift: Estimate;
  p_lift_positive: number | null;
  constraints: ConstraintReport[];
  /**
   * Posterior-mean extra outcome per extra unit of total spend at the optimal plan, per
   * channel (kept for compatibility: the same quantity with its interval, at both plans, is
   * each constraint report's `marginal_return`).
   */
  marginal_return: Record<string, number>;
  /** Posterior-mean outcome of spending nothing in the horizon (history's carry-over only). */
  baseline_outcome: Estimate;
  /** The objective at each plan: the mean outcome, or the Harrell–Davis 5% quantile (q05). */
  objective_value: { current: number; optimal: number };
}

export interface OptimizeFailure {
  feasible: false;
  objective: Objective;
  budget: number;
  horizon: number;
  reason: string;
  errors: UserError[];
}

export type OptimizeResult = OptimizeSuccess | OptimizeFailure;

export interface OptimizeOptions extends AllocationOptions {
  objective?: Objective;
  /** Seed of the random starts of the quantile objective. */
  seed?: number;
}

/** Evaluates a constant plan: outcome per draw, its estimate and ROAS vs spending nothing. */
export function evaluatePlan(resp: PlanResponse, plan: ArrayLike<number>, zero?: Float64Array): PlanEvaluation {
  const outcome = resp.outcomes(plan);
  const base = zero ?? resp.outcomes(new Float64Array(resp.C));
  let per = 0;
  const spend: Record<string, number> = {};
  resp.channels.forEach((c, i) => {
    spend[c] = plan[i];
    per += plan[i];
  });
  const total = per * resp.horizon;
  const roas = outcome.map((y, d) => (total > 0 ? (y - base[d]) / total : NaN));
  return { spend_per_period: spend, total_spend: total, outcome, expected_outcome: estimate(outcome), roas: estimate(roas) };
}

/** The objective of a plan's outcome draws: their mean, or the Harrell–Davis 5% quantile. */
export function objectiveValue(objective: Objective, outcome: Float64Array): number {
  if (objective === 'mean') return outcome.reduce((a, v) => a + v, 0) / outcome.length;
  return harrellDavisQuantile(outcome, 0.05);
}

function constraintReport(resp: PlanResponse, b: ResolvedBounds, plan: Float64Array): ConstraintReport[] {
  const tol = 1e-7 * Math.max(1, b.perPeriod);
  const buf = new Float64Array(resp.n);
  const now = marginalReturns(resp, resp.current, buf);
  const opt = marginalReturns(resp, plan, buf);
  return resp.channels.map((channel, c) => ({
    channel,
    min: b.stated[c].min,
    max: b.stated[c].max,
    fixed: b.fixed[c],
    binds: {
      min: b.stated[c].min !== null && plan[c] - b.stated[c].min! <= tol,
      max: b.stated[c].max !== null && b.stated[c].max! - plan[c] <= tol,
      fixed: b.fixed[c],
    },
    marginal_return: { current: now[c], optimal: opt[c] },
  }));
}

/** Chooses the plan; `resp.horizon` must equal `problem.horizon`. */
export function optimizeBudget(resp: PlanResponse, problem: BudgetProblem, opts: OptimizeOptions = {}): OptimizeResult {
  const objective = opts.objective ?? 'mean';
  const head = { objective, budget: problem.budget, horizon: problem.horizon };
  if (problem.horizon !== resp.horizon) throw new RangeError(`the response was built for ${resp.horizon} periods, the problem has ${problem.horizon}`);
  const res = resolveConstraints(resp.channels, resp.current, problem);
  if (!res.feasible) return { feasible: false, ...head, reason: res.reason, errors: res.errors };
  const b = res.bounds;
  const zero = resp.outcomes(new Float64Array(resp.C));
  const current = evaluatePlan(resp, resp.current, zero);
  const currentFeasible = planSatisfies(resp.current, b);
  const meanOpt = maximiseMean(resp, b, opts);
  let plan = meanOpt.plan;
  if (objective === 'q05') {
    // The current plan (projected onto the constraints when it does not meet them) is a start.
    const starts = [meanOpt.plan, Float64Array.from(resp.current)];
    plan = maximiseQuantile(resp, b, starts, { p: 0.05, seed: opts.seed }).plan;
  }
  // The grid's last digits: equal marginal returns and exact bounds for the mean objective
  // (polish-mean.ts); channels left just inside a bound go onto it when no worse for a quantile.
  plan = objective === 'mean' ? polishMeanPlan(resp, b, plan) : snapToBounds(plan, b, (p) => objectiveValue(objective, resp.outcomes(p)));
  let optimal = evaluatePlan(resp, plan, zero);
  // The current plan is a candidate too: a feasible current plan is never beaten by a worse one.
  if (currentFeasible && objectiveValue(objective, current.outcome) > objectiveValue(objective, optimal.outcome)) {
    plan = Float64Array.from(resp.current);
    optimal = current;
  }
  if (!planSatisfies(plan, b)) throw new Error(`optimizer produced a plan outside the constraints: ${Array.from(plan).join(', ')} (a bug; please report it)`);
  const lift = optimal.outcome.map((y, d) => y - current.outcome[d]);
  const marginal: Record<string, number> = {};
  resp.channels.forEach((c, i) => {
    marginal[c] = resp.channelMeanDeriv(i, plan[i]) / resp.horizon;
  });
  return {
    feasible: true,
    ...head,
    current,
    current_feasible: currentFeasible,
    optimal,
    lift: estimate(lift),
    p_lift_positive: probabilityPositive(lift),
    constraints: constraintReport(resp, b, plan),
    marginal_return: marginal,
    baseline_outcome: estimate(zero),
    objective_value: { current: objectiveValue(objective, current.outcome), optimal: objectiveValue(objective, optimal.outcome) },
  };
}
