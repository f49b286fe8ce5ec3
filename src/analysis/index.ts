// The analysis API (issue 5): pure functions over posterior draws, shared by the studio
// (in a worker), the CLI and the reports.
export { posteriorFromInferenceData, drawsFromChains, drawsFromInferenceData, type Posterior } from './posterior';
export { analyseRun, type RunAnalysis, type AnalyseOptions } from './analyse';
export { decompose, seriesBand, type Decomposition, type SeriesBand } from './decomposition';
export { contributionSummary, sumCheck, type ContributionSummary, type SumCheck } from './contributions';
export { channelRoas, roasDraws, marginalRoasDraws, type ChannelRoas } from './roas';
export { responseCurves, responseDraws, adstockKernels, DEFAULT_MULTIPLIERS, type ResponseCurve, type AdstockKernel } from './response';
export { saturationFlags, kneedle, type SaturationFlag } from './saturation-flags';
export { estimate, bandEstimate, quantileSorted, type BandEstimate } from './estimate';
export { PlanResponse } from './plan-response';
export { resolveConstraints, planSatisfies, type BudgetProblem, type ChannelConstraint, type BoundSpec } from './constraints';
export { optimizeBudget, evaluatePlan, type OptimizeResult, type OptimizeSuccess, type PlanEvaluation, type Objective } from './optimizer';
export { shiftScenario, budgetChangeScenario, targetEfficiencyScenario, minimumSpendScenario, type Scenario } from './scenarios';
export { forecast, forecastCoverage, type Forecast, type FuturePlan } from './forecast';
export { periodPlanOutcomes, datesAfter } from './period-plan';
export { parseFuturePlanCsv, completeControls } from './future-plan';
export { truthCheck, type TruthCheck } from './truth-check';
export { channelContributionsJson, type ChannelContributionsJson } from './outputs/channel-contributions';
export { budgetOptimizationJson, OUTCOME_DEFINITION, type BudgetOptimizationJson } from './outputs/budget-optimization';
