// The Optimize step's worker: the optimizer on thousands of posterior draws, the scenarios
// and the output files, off the main thread. The run is sent once (load); later calls carry
// only the problem. Errors come back as values the step shows.
import { expose } from 'comlink';
import type { UserError } from '../../core/types';
import { OptimizeEngine, type PlanRequest, type ScenarioRequest } from './engine';
import { budgetFile, contributionsFile, type DownloadFile } from './files';
import { reportFile, type ReportExtras } from './report-file';

const engine = new OptimizeEngine();

type Out<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

/** A thrown error (a bug, or memory) as a message the step can show, never a silent failure. */
function guard<T>(what: string, f: () => T): Out<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, errors: [{ message: `${what} failed: ${(e as Error).message}`, hint: 'reopen the run; if it persists, export the run and report the problem', severity: 'error' }] };
  }
}

/** Results that are themselves an error list (an unreadable run, a report that cannot be built). */
function flat<T>(r: Out<T | { errors: UserError[] }>): Out<T> {
  if (!r.ok) return r;
  const v = r.value;
  return v && typeof v === 'object' && 'errors' in v ? { ok: false, errors: v.errors } : { ok: true, value: v as T };
}

const api = {
  load: (idata: Parameters<OptimizeEngine['load']>[0], diagnostics: Parameters<OptimizeEngine['load']>[1] = null) => {
    const r = guard('Reading the run', () => engine.load(idata, diagnostics));
    return r.ok ? r.value : r;
  },
  optimize: (req: PlanRequest) => guard('The optimizer', () => engine.optimize(req)),
  scenario: (req: PlanRequest, s: ScenarioRequest) => guard('The scenario', () => engine.scenario(req, s)),
  budgetFile: (req: PlanRequest, sc: ScenarioRequest[], rule: string) => guard<DownloadFile>('Writing the budget file', () => budgetFile(engine, req, sc, rule)),
  contributionsFile: () => guard<DownloadFile>('Writing the contributions file', () => contributionsFile(engine)),
  reportFile: (req: PlanRequest, sc: ScenarioRequest[], x: ReportExtras) => flat<DownloadFile>(guard('Writing the report', () => reportFile(engine, req, sc, x))),
};

export type OptimizeWorkerApi = typeof api;
expose(api);
