// The decision files a reader takes away (MODEL.md §8): mmm_budget_optimization.json for the
// plan on screen and the scenarios the step shows, and mmm_channel_contributions.json, both
// from the builders in src/analysis/outputs with the run's metadata. Built in the worker.
import type { RunMetadata } from '../../core/types';
import { analyseRun, type RunAnalysis } from '../../analysis/analyse';
import { budgetOptimizationJson } from '../../analysis/outputs/budget-optimization';
import { channelContributionsJson } from '../../analysis/outputs/channel-contributions';
import type { Posterior } from '../../analysis/posterior';
import type { OptimizeEngine, PlanRequest, ScenarioRequest } from './engine';

export interface DownloadFile {
  name: string;
  mime: string;
  text: string;
}

export const BUDGET_FILE = 'mmm_budget_optimization.json';
export const CONTRIBUTIONS_FILE = 'mmm_channel_contributions.json';
export const REPORT_FILE = 'mmm_executive_summary.html';

/** The run's metadata, stamped with the time this file was made (the run's own time kept). */
export function fileMetadata(engine: OptimizeEngine, extra: Record<string, unknown> = {}, now = new Date()): RunMetadata {
  const attrs = engine.idata.attrs;
  return { ...attrs, created_at: now.toISOString(), run_created_at: attrs.created_at, ...extra };
}

export function budgetFile(engine: OptimizeEngine, req: PlanRequest, scenarios: ScenarioRequest[], rule: string): DownloadFile {
  const result = engine.result(req);
  // Scenarios need a feasible base problem; an infeasible one is reported with its reason only.
  const sc = result.feasible ? scenarios.map((s) => engine.scenario(req, s)) : [];
  const json = budgetOptimizationJson(fileMetadata(engine, { budget_rule: rule }), result, sc);
  return { name: BUDGET_FILE, mime: 'application/json', text: JSON.stringify(json, null, 2) };
}

const analyses = new WeakMap<Posterior, RunAnalysis>();

/** The contribution analysis of the loaded run (computed once per run). */
export function runAnalysis(engine: OptimizeEngine): RunAnalysis {
  const post = engine.posterior;
  let a = analyses.get(post);
  if (!a) analyses.set(post, (a = analyseRun(post)));
  return a;
}

export function contributionsFile(engine: OptimizeEngine): DownloadFile {
  const json = channelContributionsJson(fileMetadata(engine), runAnalysis(engine), engine.posterior.data.dates);
  return { name: CONTRIBUTIONS_FILE, mime: 'application/json', text: JSON.stringify(json, null, 2) };
}
