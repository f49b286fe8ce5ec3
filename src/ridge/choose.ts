// The analyst picks another model on the ridge run's Pareto front (Robyn leaves this choice to
// the analyst: robyn_outputs lists the front, robyn_onepagers shows each, the user picks a
// solID). The pick is refitted at its stored hyperparameters and bootstrapped exactly as
// runRidge does for the automatic choice (same evaluator, same summary, same seeded stream),
// so picking the automatic choice again reproduces the run's numbers bit for bit.
import type { Dataset, UserError } from '../core/types';
import { Rng } from '../core/rng';
import { RidgeFitter } from './fit-ridge';
import { buildProblem } from './problem';
import { CandidateEvaluator, CHOSEN_RULE, type RunControl } from './run';
import { buildSpace } from './space';
import { summariseChosen } from './summarise';
import type { RidgeOptions, RidgeResult } from './types';

/** The stream runRidge bootstraps the chosen model with (run.ts: new Rng(opts.seed, 0xb007)). */
const BOOTSTRAP_STREAM = 0xb007;

export const PICKED_RULE = 'Picked from the Pareto front by the analyst.';

/** The rule text for a result: the automatic rule for its automatic choice, the analyst's otherwise. */
export const ruleFor = (id: number, automatic: number) =>
  id === automatic ? CHOSEN_RULE : `${PICKED_RULE} The automatic choice, closest to the origin of the normalised objectives, is model ${automatic}.`;

/**
 * The run's result with candidate `id` as the chosen model: refitted at its hyperparameters on
 * the same data and options, its numbers bootstrapped again. `automatic` is the id runRidge
 * chose (kept so the rule can name it). Only models on the Pareto front can be picked.
 */
export function refitChosen(data: Dataset, opts: RidgeOptions, result: RidgeResult, id: number, automatic: number, control: RunControl = {}): RidgeResult | { errors: UserError[] } {
  const cand = result.candidates[id];
  if (!cand || !result.pareto.includes(id))
    return { errors: [{ severity: 'error', message: `candidate ${id} is not on the Pareto front of this run`, hint: 'Pick one of the models listed on the front.' }] };
  const space = buildSpace(data, opts);
  if ('errors' in space) return space;
  const problem = buildProblem(data, opts);
  if ('errors' in problem) return problem;
  const ev = new CandidateEvaluator(new RidgeFitter(problem, space), space, opts);
  // The candidate's stored hyperparameters are the decoded search point (run.ts builds `hyper`
  // from decode's output), so this is the fit CandidateEvaluator.fitAt made during the search.
  space.dims.forEach((d, i) => (ev.values[i] = cand.hyper[d.key]));
  ev.fitter.transform(ev.values);
  ev.fitter.fit(problem.y, ev.fitter.lambdaFor(ev.values[ev.lambdaIndex]), opts.intercept_non_negative ?? true);
  if (!ev.fitter.converged) return { errors: [{ severity: 'error', message: `the refit of candidate ${id} did not converge`, hint: 'Pick another model on the front, or run the search again.' }] };
  const summary = summariseChosen(ev, new Rng(opts.seed, BOOTSTRAP_STREAM), opts, control);
  if ('errors' in summary) return summary;
  return {
    ...result,
    chosen: id,
    chosen_rule: ruleFor(id, automatic),
    ...summary,
    model: { ...summary.model, objectives: cand.objectives },
    warnings: [...problem.warnings, ...summary.warnings],
  };
}
