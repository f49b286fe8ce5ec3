// The Optimize step's state for the open run: the form, the plan on screen and the request it
// answers, the scenario cards, the downloads, and the worker doing the work. One session per
// studio (sessionFor), so leaving the step and coming back keeps the inputs and the plan.
import type { UserError } from '../../core/types';
import type { RunRecord } from '../../store';
import type { Studio } from '../state/studio.svelte';
import { diagnosticsState } from '../diagnostics/state.svelte';
import { describeProblem } from './describe';
import type { Objective } from '../../analysis/optimizer';
import type { LoadInfo, PlanRequest } from './engine';
import { budgetFor, defaultForm, defaultHorizon, maxHorizon, problemFromForm, recentSpend, type FormCheck, type OptimizeForm } from './form';
import { saveFile } from './save-file';
import { ScenarioState } from './scenario-state.svelte';
import type { OptimizeView } from './views';
import { OptimizeClient } from './worker-client';

export type FileKind = 'report' | 'budget' | 'contributions';

const failure = (what: string, e: unknown): UserError[] => [
  { message: `${what}: ${(e as Error)?.message ?? String(e)}`, hint: 'try again; if it persists, reload the page and reopen the run', severity: 'error' },
];
const validHorizon = (h: number | null | undefined, rows: number): h is number => typeof h === 'number' && Number.isInteger(h) && h >= 1 && h <= maxHorizon(rows);

export class OptimizeSession {
  readonly client = new OptimizeClient();
  readonly scenarios = new ScenarioState(this.client);
  form = $state<OptimizeForm | null>(null);
  #run = $state.raw<RunRecord | null>(null);
  #info = $state.raw<LoadInfo | null>(null);
  #view = $state.raw<OptimizeView | null>(null);
  #viewReq = $state.raw<PlanRequest | null>(null);
  #busy = $state<'loading' | 'optimizing' | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #fileBusy = $state<FileKind | null>(null);
  #fileErrors = $state.raw<UserError[]>([]);
  #gen = 0;
  #fileGen = 0;

  get run(): RunRecord | null {
    return this.#run;
  }
  get info(): LoadInfo | null {
    return this.#info;
  }
  get view(): OptimizeView | null {
    return this.#view;
  }
  get request(): PlanRequest | null {
    return this.#viewReq;
  }
  get busy(): 'loading' | 'optimizing' | null {
    return this.#busy;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get fileBusy(): FileKind | null {
    return this.#fileBusy;
  }
  get fileErrors(): UserError[] {
    return this.#fileErrors;
  }
  get unit(): 'week' | 'day' {
    return this.#run?.inference_data.attrs.data_range?.grain === 'day' ? 'day' : 'week';
  }
  get rows(): number {
    return this.#run?.inference_data.constant_data.spend.length ?? 0;
  }

  // Getters rather than $derived fields: the session outlives the view that first creates it,
  // and a derived made while a component initialises is torn down with that component.
  /** Current spend per period per channel for the form's horizon (the default one while it is invalid). */
  get current(): Float64Array {
    const run = this.#run;
    if (!run || !this.form) return new Float64Array(0);
    const h = validHorizon(this.form.horizon, this.rows) ? this.form.horizon : defaultHorizon(this.unit, this.rows);
    return recentSpend(run.inference_data, h);
  }

  get check(): FormCheck {
    return this.form ? problemFromForm(this.form, this.current, this.unit, maxHorizon(this.rows)) : { ok: false, errors: [] };
  }

  /** The inputs no longer match the plan on screen. */
  get stale(): boolean {
    const c = this.check;
    const r = this.#viewReq;
    return !!r && (!c.ok || JSON.stringify({ problem: c.problem, objective: c.objective }) !== JSON.stringify(r));
  }

  /** Opens a run (null closes): default inputs, the worker loads it, and the default plan is computed. */
  async open(run: RunRecord | null): Promise<void> {
    if (run === this.#run) return;
    const gen = ++this.#gen;
    this.client.stop();
    this.scenarios.reset();
    this.#run = run;
    this.#info = null;
    this.#view = null;
    this.#viewReq = null;
    this.#errors = [];
    this.#fileErrors = [];
    this.#busy = null;
    this.form = null;
    if (!run) return;
    const idata = run.inference_data;
    const h = defaultHorizon(this.unit, this.rows);
    this.form = defaultForm(idata.attrs.model.channels.map((c) => c.name), recentSpend(idata, h), h);
    this.#busy = 'loading';
    // The Diagnostics worker's report of this run, when it is there: the worker does not compute it again.
    const out = await this.client.load(idata, diagnosticsState.reportFor(idata));
    if (gen !== this.#gen) return;
    this.#busy = null;
    if (!out.ok) {
      this.#errors = out.errors;
      return;
    }
    this.#info = out.value;
    await this.optimize();
  }

  setHorizon(v: number | null): void {
    if (!this.form || !this.#run) return;
    this.form.horizon = v;
    // The default budget follows the horizon: the last N periods' spend.
    if (this.form.budgetAuto && validHorizon(v, this.rows)) this.form.budget = budgetFor(recentSpend(this.#run.inference_data, v), v);
  }

  setBudget(v: number | null): void {
    if (!this.form) return;
    this.form.budget = v;
    this.form.budgetAuto = false;
  }

  setObjective(v: Objective): void {
    if (this.form) this.form.objective = v;
  }

  useRecentBudget(): void {
    if (!this.form || !validHorizon(this.form.horizon, this.rows)) return;
    this.form.budgetAuto = true;
    this.form.budget = budgetFor(this.current, this.form.horizon);
  }

  async optimize(): Promise<void> {
    const c = this.check;
    if (!c.ok || !this.#run) return;
    const req: PlanRequest = { problem: $state.snapshot(c.problem), objective: c.objective };
    const gen = ++this.#gen;
    this.#busy = 'optimizing';
    this.#errors = [];
    try {
      const out = await (await this.client.api()).optimize(req);
      if (gen !== this.#gen) return;
      if (!out.ok) {
        this.#errors = out.errors;
        return;
      }
      this.#view = out.value;
      this.#viewReq = req;
      if (out.value.feasible) void this.scenarios.runAll(req, out.value);
      else this.scenarios.cancel();
    } catch (e) {
      if (gen === this.#gen) this.#errors = failure('The optimizer could not run', e);
    } finally {
      if (gen === this.#gen) this.#busy = null;
    }
  }

  /** Stops the computation in progress (the worker is terminated; the plan on screen stays). */
  cancel(): void {
    this.#gen++;
    this.client.cancel();
    this.scenarios.cancel();
    this.#busy = null;
    this.#fileGen++;
    this.#fileBusy = null;
  }

  /** The problem on screen in words. */
  rule(req: PlanRequest): string {
    return describeProblem(req.problem, req.objective, this.#info?.channels ?? [], this.unit, this.rows);
  }

  async download(kind: FileKind): Promise<void> {
    const req = this.#viewReq;
    const run = this.#run;
    if (!run || (!req && kind !== 'contributions')) return;
    const gen = ++this.#fileGen;
    this.#fileBusy = kind;
    this.#fileErrors = [];
    try {
      const api = await this.client.api();
      const sc = this.scenarios.requestsFor(req);
      const out =
        kind === 'contributions'
          ? await api.contributionsFile()
          : kind === 'budget'
            ? await api.budgetFile(req!, sc, this.rule(req!))
            : await api.reportFile(req!, sc, { target: run.dataset.target.name, sources: [run.dataset.name], notes: dataNotes(run), rule: this.rule(req!), diagnostics: diagnosticsState.reportFor(run.inference_data) });
      if (gen !== this.#fileGen) return;
      if (out.ok) saveFile(out.value);
      else this.#fileErrors = out.errors;
    } catch (e) {
      if (gen === this.#fileGen) this.#fileErrors = failure('The file could not be built', e);
    } finally {
      if (gen === this.#fileGen) this.#fileBusy = null;
    }
  }
}

function dataNotes(run: RunRecord): UserError[] {
  const n = run.dataset.imputed.length;
  if (n === 0) return [];
  const cols = [...new Set(run.dataset.imputed.map((c) => c.column))];
  return [{ message: `${n} missing cell${n === 1 ? ' was' : 's were'} imputed (in ${cols.join(', ')}); see the data step for the method.`, severity: 'warning' }];
}

const sessions = new WeakMap<Studio, OptimizeSession>();

/** The studio's Optimize session (created on first use). */
export function sessionFor(studio: Studio): OptimizeSession {
  let s = sessions.get(studio);
  if (!s) sessions.set(studio, (s = new OptimizeSession()));
  return s;
}
