// Everything the headless run and the report need from a fitted run, computed once: the
// analysis of src/analysis (decomposition, contributions and sum check, ROAS, response
// curves, saturation flags), the model total, marginal-ROAS curves on the response curves'
// draws, and the budget optimisation with its scenarios under the run's default problem.
import type { Estimate, InferenceData, UserError } from '../core/types';
import { estimate, type BandEstimate } from '../analysis/estimate';
import { posteriorFromInferenceData, type Posterior } from '../analysis/posterior';
import { analyseRun, type RunAnalysis } from '../analysis/analyse';
import { DEFAULT_MULTIPLIERS } from '../analysis/response';
import { PlanResponse } from '../analysis/plan-response';
import { optimizeBudget, type OptimizeResult } from '../analysis/optimizer';
import { budgetChangeScenario, minimumSpendScenario, type Scenario } from '../analysis/scenarios';
import type { BudgetProblem, ChannelConstraint } from '../analysis/constraints';
import { marginalRoasCurves, thinDraws } from './marginal-curves';
import { fmtAmount } from './format';

export interface BudgetSettings {
  /** Periods to plan (default 52). */
  horizon: number;
  /** Total budget over the horizon; default: the spend of the last `horizon` periods. */
  budget?: number;
  /** Per-channel bounds as multiples of its mean spend per period over the last `horizon` periods. */
  minMultiple: number;
  maxMultiple: number;
  /** Re-optimised budget changes to report as scenarios (percent). */
  budgetChanges: number[];
  minimumSpendScenario: boolean;
  /** Bounds given per channel (`carryover report --min/--max`), each replacing that default bound. */
  constraints?: Record<string, ChannelConstraint>;
}

/** Given bounds in words for the budget rule. */
function boundWords(constraints: Record<string, ChannelConstraint>, grain: string): string {
  const bound = (b: { value: number; relative?: boolean }) => (b.relative ? `${b.value}× its mean spend per ${grain}` : `${fmtAmount(b.value)} per ${grain}`);
  return Object.entries(constraints)
    .map(([c, k]) => [k.min ? `${c} at least ${bound(k.min)}` : '', k.max ? `${c} at most ${bound(k.max)}` : ''].filter(Boolean).join(', '))
    .join('; ');
}

/** Issue 5's truth-check problem; the scenarios are `carryover optimize`'s defaults. */
export const DEFAULT_BUDGET: BudgetSettings = { horizon: 52, minMultiple: 0.5, maxMultiple: 2, budgetChanges: [10, -10], minimumSpendScenario: true };

/** Draws behind the response and marginal-ROAS bands at most. */
export const CURVE_DRAWS = 1000;

export interface ReportAnalysisOptions {
  /** null: no budget optimisation. */
  budget?: BudgetSettings | null;
}

export interface BudgetAnalysis {
  problem: BudgetProblem;
  /** The problem in words, for the outputs' metadata and the report. */
  rule: string;
  response: PlanResponse;
  result: OptimizeResult;
  scenarios: Scenario[];
}

export interface ReportAnalysis {
  posterior: Posterior;
  analysis: RunAnalysis;
  /** Σ_t mu_t per draw, summarised: the model's total over the window. */
  model_total: Estimate;
  /** Per channel, marginal ROAS bands at each of the response curves' multipliers. */
  marginal: BandEstimate[][];
  budget: BudgetAnalysis | null;
}

/** The budget problem of the settings, and the rule in words. */
export function budgetProblem(resp: PlanResponse, T: number, grain: string, s: BudgetSettings): { problem: BudgetProblem; rule: string } {
  const N = s.horizon;
  if (resp.horizon !== N) throw new RangeError(`the plan response covers ${resp.horizon} periods, the budget settings ${N}`);
  const recent = resp.current.reduce((a, v) => a + v, 0) * N;
  const budget = s.budget ?? recent;
  const constraints: Record<string, ChannelConstraint> = Object.fromEntries(
    resp.channels.map((c) => [c, { min: { value: s.minMultiple, relative: true }, max: { value: s.maxMultiple, relative: true } }]),
  );
  const given = s.constraints ?? {};
  for (const [c, k] of Object.entries(given)) constraints[c] = { ...constraints[c], ...k };
  const window = T >= N ? `the last ${N} ${grain}s` : `all ${T} ${grain}s of data (fewer than ${N}), at their mean spend per ${grain}`;
  const budgetText = s.budget === undefined ? `the spend of ${window}, ${fmtAmount(budget)}` : `${fmtAmount(budget)} as given (${window} spent ${fmtAmount(recent)})`;
  const rule =
    `Budget = ${budgetText}, spent in full over a horizon of ${N} ${grain}s at a constant spend per ${grain}; ` +
    `each channel between ${s.minMultiple}× and ${s.maxMultiple}× its mean spend per ${grain} over ${window}; ` +
    `objective: the posterior-mean outcome (media contribution over the horizon plus the adstock carry-over after it, adstock seeded from the last periods of history).` +
    (Object.keys(given).length ? ` Bounds given for single channels replace those defaults: ${boundWords(given, grain)}.` : '');
  return { problem: { budget, horizon: N, constraints }, rule };
}

function analyseBudget(post: Posterior, grain: string, s: BudgetSettings): BudgetAnalysis {
  const response = new PlanResponse(post.data, post.spec, post.draws, s.horizon);
  const { problem, rule } = budgetProblem(response, post.data.T, grain, s);
  const result = optimizeBudget(response, problem);
  const scenarios: Scenario[] = [];
  if (result.feasible) {
    for (const p of s.budgetChanges) scenarios.push(budgetChangeScenario(response, problem, p));
    if (s.minimumSpendScenario) scenarios.push(minimumSpendScenario(response, problem));
  }
  return { problem, rule, response, result, scenarios };
}

export function analyseForReport(idata: InferenceData, opts: ReportAnalysisOptions = {}): ReportAnalysis | { errors: UserError[] } {
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) return post;
  const analysis = analyseRun(post, { maxDrawsOverTime: 1, maxDrawsCurves: CURVE_DRAWS });
  const settings = opts.budget === undefined ? DEFAULT_BUDGET : opts.budget;
  return {
    posterior: post,
    analysis,
    model_total: estimate(analysis.decomposition.muTotal),
    // The same evenly spaced draws as the response curves' bands (analysis/response.ts).
    marginal: marginalRoasCurves(post.data, post.spec, thinDraws(post.draws, CURVE_DRAWS), DEFAULT_MULTIPLIERS),
    budget: settings ? analyseBudget(post, idata.attrs.data_range?.grain ?? 'period', settings) : null,
  };
}

