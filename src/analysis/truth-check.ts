// Checking a posterior's budget decision against known true parameters (issue 5,
// acceptance 2): the plan optimised on the posterior is scored under the truth, next to
// the plan optimised on the truth itself. Used by the synthetic-data checks and the
// validation report; the truth is one constrained parameter vector in layout order.
import type { ModelSpec } from '../core/types';
import { drawMatrix, type DrawMatrix, type ForwardData } from '../model/forward';
import type { BudgetProblem } from './constraints';
import { optimizeBudget, type OptimizeOptions, type OptimizeSuccess } from './optimizer';
import { PlanResponse } from './plan-response';

export interface TruthCheck {
  /** True expected outcome lift over the current plan of the posterior's optimal plan. */
  posterior_plan_true_lift: number;
  /** True lift of the plan optimised with the true parameters (the best achievable). */
  true_plan_true_lift: number;
  /** posterior_plan_true_lift / true_plan_true_lift (null when the best lift is not positive). */
  ratio: number | null;
  posterior: OptimizeSuccess;
  truth: OptimizeSuccess;
}

export function truthCheck(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, thetaTrue: Float64Array, problem: BudgetProblem, opts: OptimizeOptions = {}): TruthCheck | { reason: string } {
  const post = optimizeBudget(new PlanResponse(fd, spec, draws, problem.horizon), problem, opts);
  const trueResp = new PlanResponse(fd, spec, drawMatrix(spec, Float64Array.from(thetaTrue)), problem.horizon);
  const truth = optimizeBudget(trueResp, problem, opts);
  if (!post.feasible) return { reason: post.reason };
  if (!truth.feasible) return { reason: truth.reason };
  const planOf = (r: OptimizeSuccess) => trueResp.channels.map((c) => r.optimal.spend_per_period[c]);
  const current = trueResp.meanOutcome(trueResp.current);
  const postLift = trueResp.meanOutcome(planOf(post)) - current;
  const bestLift = trueResp.meanOutcome(planOf(truth)) - current;
  return { posterior_plan_true_lift: postLift, true_plan_true_lift: bestLift, ratio: bestLift > 0 ? postLift / bestLift : null, posterior: post, truth };
}
