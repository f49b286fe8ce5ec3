// What the optimize worker sends back to the step: the optimizer's result without the
// per-draw arrays (thousands of numbers the page never draws), plus each channel's expected
// contribution with its 90% interval under the current and the optimal plan. Built in the
// worker from src/analysis; pure.
import type { Estimate } from '../../core/types';
import { estimate } from '../../analysis/estimate';
import type { ConstraintReport, Objective, OptimizeFailure, OptimizeResult, PlanEvaluation } from '../../analysis/optimizer';
import type { PlanResponse } from '../../analysis/plan-response';

export interface PlanView {
  /** Spend per period per channel (constant over the horizon). */
  spend_per_period: Record<string, number>;
  total_spend: number;
  /** Media contribution over the horizon plus the carry-over periods. */
  expected_outcome: Estimate;
  /** (outcome − outcome of spending nothing) / total spend. */
  roas: Estimate;
  /** Each channel's share of expected_outcome, per draw summarised (the draws add up to it). */
  channel_outcome: Record<string, Estimate>;
}

export interface OptimizeSuccessView {
  feasible: true;
  objective: Objective;
  budget: number;
  horizon: number;
  /** Posterior draws the numbers come from. */
  draws: number;
  current: PlanView;
  current_feasible: boolean;
  optimal: PlanView;
  lift: Estimate;
  p_lift_positive: number | null;
  constraints: ConstraintReport[];
  marginal_return: Record<string, number>;
  baseline_outcome: Estimate;
}

/** An infeasible problem reaches the step as the optimizer reports it (nothing per draw in it). */
export type OptimizeView = OptimizeFailure | OptimizeSuccessView;

/**
 * Channel c's outcome per draw at its spend in `plan` (spend per period, channel order),
 * summarised. The channels' per-draw values sum to PlanResponse.outcomes(plan) exactly,
 * because that is how outcomes() adds them up.
 */
export function channelOutcomes(resp: PlanResponse, plan: ArrayLike<number>): Estimate[] {
  const buf = new Float64Array(resp.n);
  return resp.channels.map((_, c) => {
    for (let d = 0; d < resp.n; d++) buf[d] = resp.channelValue(c, d, plan[c]);
    return estimate(buf);
  });
}

export function planView(resp: PlanResponse, p: PlanEvaluation): PlanView {
  const plan = resp.channels.map((c) => p.spend_per_period[c]);
  const per = channelOutcomes(resp, plan);
  return {
    spend_per_period: { ...p.spend_per_period },
    total_spend: p.total_spend,
    expected_outcome: p.expected_outcome,
    roas: p.roas,
    channel_outcome: Object.fromEntries(resp.channels.map((c, i) => [c, per[i]])),
  };
}

export function optimizeView(resp: PlanResponse, r: OptimizeResult): OptimizeView {
  if (!r.feasible) return { feasible: false, objective: r.objective, budget: r.budget, horizon: r.horizon, reason: r.reason, errors: r.errors };
  return {
    feasible: true,
    objective: r.objective,
    budget: r.budget,
    horizon: r.horizon,
    draws: resp.n,
    current: planView(resp, r.current),
    current_feasible: r.current_feasible,
    optimal: planView(resp, r.optimal),
    lift: r.lift,
    p_lift_positive: r.p_lift_positive,
    constraints: r.constraints,
    marginal_return: r.marginal_return,
    baseline_outcome: r.baseline_outcome,
  };
}
