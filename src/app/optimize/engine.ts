// The optimize worker's state and work (issue 5): one run's posterior held once, the plan
// response for the current horizon, and the optimizer, scenarios and output files from
// src/analysis and src/report on top. Pure TypeScript with no worker API in it, so Node tests
// drive the same object the worker exposes through Comlink.
import type { InferenceData, UserError } from '../../core/types';
import type { BudgetProblem } from '../../analysis/constraints';
import { optimizeBudget, type Objective, type OptimizeResult } from '../../analysis/optimizer';
import { PlanResponse } from '../../analysis/plan-response';
import { posteriorFromInferenceData, type Posterior } from '../../analysis/posterior';
import { budgetChangeScenario, minimumSpendScenario, shiftScenario, targetEfficiencyScenario, type Scenario } from '../../analysis/scenarios';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../../diagnostics/report';
import { checkReadiness, type Readiness } from './readiness';
import { optimizeView, type OptimizeView } from './views';

export type { Readiness } from './readiness';

export interface PlanRequest {
  problem: BudgetProblem;
  objective: Objective;
}

export type ScenarioRequest =
  | { kind: 'shift'; from: string; to: string; percent: number }
  | { kind: 'budget_change'; percent: number }
  | { kind: 'target_efficiency'; target: number }
  | { kind: 'min_spend_for_current_outcome' };

export interface LoadInfo {
  channels: string[];
  draws: number;
  rows: number;
  grain: 'week' | 'day';
  readiness: Readiness;
}

export type Loaded = { ok: true; value: LoadInfo } | { ok: false; errors: UserError[] };

/** Seed of the risk-averse objective's random starts: `carryover optimize`'s default, so both give the same plan. */
export const Q05_SEED = 1;

/** A few recent results by key: re-running the same problem (e.g. for a download) costs nothing. */
class Memo<V> {
  readonly #m = new Map<string, V>();
  constructor(readonly size: number) {}
  get(key: string, make: () => V): V {
    const hit = this.#m.get(key);
    if (hit !== undefined) return hit;
    const v = make();
    this.#m.set(key, v);
    if (this.#m.size > this.size) this.#m.delete(this.#m.keys().next().value!);
    return v;
  }
}

export class OptimizeEngine {
  #idata: InferenceData | null = null;
  #post: Posterior | null = null;
  #resp: PlanResponse | null = null;
  /** The full diagnostics report (with PSIS-LOO): given with the run, or built on first need. */
  #diag: MmmDiagnosticsJson | null = null;
  #results = new Memo<OptimizeResult>(6);
  #scenarios = new Memo<Scenario>(24);

  /**
   * Holds a run. `diagnostics`: its full report when the studio has it (the Diagnostics
   * worker's), so neither the banner nor a downloaded report computes it again; without it the
   * banner's gates are computed here without PSIS-LOO (readiness.ts).
   */
  load(idata: InferenceData, diagnostics: MmmDiagnosticsJson | null = null): Loaded {
    const post = posteriorFromInferenceData(idata);
    if ('errors' in post) return { ok: false, errors: post.errors };
    this.#idata = idata;
    this.#post = post;
    this.#resp = null;
    this.#results = new Memo(6);
    this.#scenarios = new Memo(24);
    this.#diag = diagnostics;
    const r = checkReadiness(idata, diagnostics);
    const grain = idata.attrs.data_range?.grain === 'day' ? 'day' : 'week';
    return { ok: true, value: { channels: post.spec.channels.map((c) => c.name), draws: post.draws.n, rows: post.data.T, grain, readiness: r } };
  }

  get idata(): InferenceData {
    if (!this.#idata) throw new Error('no run is loaded in the optimize worker (a bug; reopen the run)');
    return this.#idata;
  }
  get posterior(): Posterior {
    if (!this.#post) throw new Error('no run is loaded in the optimize worker (a bug; reopen the run)');
    return this.#post;
  }
  /**
   * The run's full diagnostics report for the executive summary: the one given (with the run
   * or here, when the Diagnostics worker finished later), else built once, PSIS-LOO included.
   */
  reportDiagnostics(given: MmmDiagnosticsJson | null = null): MmmDiagnosticsJson {
    if (given) this.#diag = given;
    this.#diag ??= buildDiagnostics(this.idata);
    return this.#diag;
  }

  /** The plan response for a horizon, rebuilt only when the horizon changes. */
  response(horizon: number): PlanResponse {
    if (this.#resp?.horizon !== horizon) {
      const p = this.posterior;
      this.#resp = new PlanResponse(p.data, p.spec, p.draws, horizon);
    }
    return this.#resp;
  }

  result(req: PlanRequest): OptimizeResult {
    return this.#results.get(JSON.stringify(req), () => optimizeBudget(this.response(req.problem.horizon), req.problem, { objective: req.objective, seed: Q05_SEED }));
  }

  optimize(req: PlanRequest): OptimizeView {
    return optimizeView(this.response(req.problem.horizon), this.result(req));
  }

  /**
   * One scenario under the request's constraints. Budget changes are re-optimised with the
   * chosen objective; the target-efficiency and minimum-spend scans search budgets on the
   * posterior-mean outcome, as src/analysis/scenarios.ts defines them.
   */
  scenario(req: PlanRequest, s: ScenarioRequest): Scenario {
    return this.#scenarios.get(JSON.stringify([req, s]), () => {
      const resp = this.response(req.problem.horizon);
      switch (s.kind) {
        case 'shift':
          return shiftScenario(resp, s.from, s.to, s.percent);
        case 'budget_change':
          return budgetChangeScenario(resp, req.problem, s.percent, { objective: req.objective, seed: Q05_SEED });
        case 'target_efficiency':
          return targetEfficiencyScenario(resp, req.problem, s.target, { objective: 'mean' });
        case 'min_spend_for_current_outcome':
          return minimumSpendScenario(resp, req.problem, { objective: 'mean' });
      }
    });
  }
}
