// mmm_budget_optimization.json (MODEL.md §8): metadata; budget, horizon_periods, objective;
// constraints per channel (min, max, fixed, binds); feasible (and reason); current and
// optimal plans (spend per period per channel, expected_outcome); lift and
// p_lift_positive; scenarios [{name, plan, expected_outcome, lift}]. Extra keys (what the
// outcome is, ROAS of each plan, marginal returns, scenario details) extend it compatibly.
// `marginal_return` (posterior mean at the optimal plan, per channel) is kept as it was;
// `marginal_return_estimate` gives the same quantity as an estimate per channel at the
// current and at the optimal plan, so that number too carries its interval (issue 5).
import type { Estimate, RunMetadata } from '../../core/types';
import type { OptimizeResult, PlanEvaluation } from '../optimizer';
import type { Scenario } from '../scenarios';

export const MARGINAL_RETURN_DEFINITION =
  'extra outcome per extra unit of total spend on the channel over the horizon: the derivative of the channel’s outcome (horizon plus carry-over) with respect to its spend per period, divided by the horizon, per posterior draw; marginal_return is the posterior mean at the optimal plan';

export const OUTCOME_DEFINITION =
  'media contribution to the target summed over the horizon plus l_max − 1 carry-over periods, with adstock seeded from the last periods of history and no spend after the horizon; base (intercept, controls, seasonality) excluded because no plan changes it';

interface PlanJson {
  spend_per_period: Record<string, number>;
  total_spend: number;
  expected_outcome: Estimate;
  roas: Estimate;
}

export interface BudgetOptimizationJson {
  metadata: RunMetadata;
  budget: number;
  horizon_periods: number;
  objective: string;
  objective_definition: string;
  objective_value: { current: number; optimal: number } | null;
  outcome_definition: string;
  constraints: Record<string, { min: number | null; max: number | null; fixed: boolean; binds: { min: boolean; max: boolean; fixed: boolean } }>;
  feasible: boolean;
  reason?: string;
  current: PlanJson | null;
  current_feasible: boolean | null;
  optimal: PlanJson | null;
  lift: Estimate | null;
  p_lift_positive: number | null;
  baseline_outcome: Estimate | null;
  marginal_return: Record<string, number> | null;
  marginal_return_estimate: { current: Record<string, Estimate>; optimal: Record<string, Estimate> } | null;
  marginal_return_definition: string;
  scenarios: Array<{
    name: string;
    kind: string;
    feasible: boolean;
    reason?: string;
    plan: Record<string, number> | null;
    total_spend: number | null;
    expected_outcome: Estimate;
    lift: Estimate;
    p_lift_positive: number | null;
    roas: Estimate;
    details: Record<string, number | string | boolean | null>;
  }>;
}

const plan = (p: PlanEvaluation): PlanJson => ({ spend_per_period: p.spend_per_period, total_spend: p.total_spend, expected_outcome: p.expected_outcome, roas: p.roas });

export function budgetOptimizationJson(metadata: RunMetadata, r: OptimizeResult, scenarios: Scenario[] = []): BudgetOptimizationJson {
  const head = {
    metadata,
    budget: r.budget,
    horizon_periods: r.horizon,
    objective: r.objective,
    objective_definition: r.objective === 'mean' ? 'posterior mean of the outcome' : 'Harrell–Davis estimate of the 5% quantile of the outcome over posterior draws',
    objective_value: r.feasible ? r.objective_value : null,
    outcome_definition: OUTCOME_DEFINITION,
    marginal_return_definition: MARGINAL_RETURN_DEFINITION,
  };
  const sc = scenarios.map((s) => ({ ...s }));
  if (!r.feasible)
    return {
      ...head,
      constraints: {},
      feasible: false,
      reason: r.reason,
      current: null,
      current_feasible: null,
      optimal: null,
      lift: null,
      p_lift_positive: null,
      baseline_outcome: null,
      marginal_return: null,
      marginal_return_estimate: null,
      scenarios: sc,
    };
  const constraints: BudgetOptimizationJson['constraints'] = {};
  const marginal: NonNullable<BudgetOptimizationJson['marginal_return_estimate']> = { current: {}, optimal: {} };
  for (const c of r.constraints) {
    constraints[c.channel] = { min: c.min, max: c.max, fixed: c.fixed, binds: c.binds };
    marginal.current[c.channel] = c.marginal_return.current;
    marginal.optimal[c.channel] = c.marginal_return.optimal;
  }
  return {
    ...head,
    constraints,
    feasible: true,
    current: plan(r.current),
    current_feasible: r.current_feasible,
    optimal: plan(r.optimal),
    lift: r.lift,
    p_lift_positive: r.p_lift_positive,
    baseline_outcome: r.baseline_outcome,
    marginal_return: r.marginal_return,
    marginal_return_estimate: marginal,
    scenarios: sc,
  };
}
