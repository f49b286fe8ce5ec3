// `carryover run WORKSPACE_DIR`: the whole seed pipeline on the measurement workspace
// contract (MODEL.md §7): raw/ in; a fit calibrated by analysis/incrementality_results.json
// when present (as likelihood terms, or with --roas-prior as ROAS priors); analysis/{inference_data, summary, mmm_diagnostics,
// mmm_channel_contributions, mmm_budget_optimization}.json and
// reports/mmm_executive_summary.html out (MODEL.md §8). The workspace's own inputs are never
// written. Progress on stderr.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Dataset, InferenceData, LiftTest, RoasPrior, RoasScope, SamplerSettings, UserError } from '../../core/types';
import { defaultModelSpec } from '../../model/spec';
import { fitMmm, FitInputError } from '../../engine/fit';
import { createNodePool } from '../../node/node-pool';
import { buildSummary } from '../../outputs/summary';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../../diagnostics/report';
import { channelContributionsJson } from '../../analysis/outputs/channel-contributions';
import { budgetOptimizationJson } from '../../analysis/outputs/budget-optimization';
import { analyseForReport, DEFAULT_BUDGET, reportInput, renderExecutiveSummary, type BudgetSettings, type ReportAnalysis, type ReportExtras } from '../../report';
import { ArgError, helpText, numberFlag, parseArgs, type FlagSpec } from '../args';
import { MODEL_FLAGS, SAMPLER_FLAGS, progressPrinter, samplerSettings, specOptions, workerCount } from '../fit-flags';
import { printReport } from '../format-error';
import { loadDataset } from '../load-dataset';
import type { LiftFileOutcome } from '../lift-file';
import { calibrationFor, calibrationWords, liftTestsFromFile, ROAS_PRIOR_FLAGS, roasPriorScope } from '../calibration-flags';
import { buildOptions, DATA_FLAGS } from '../data-flags';
import { prepareOutDir, writeFileAtomic } from '../out-dir';
import { horizonProblem } from './optimize';
import { defaultHorizon } from '../../analysis/constraints';
import type { BuildOptions } from '../../data/types';

/** The budget problem of the report (`run`, `report`): total and horizon; the rest is DEFAULT_BUDGET. */
export const BUDGET_FLAGS: Record<string, FlagSpec> = {
  budget: { type: 'string', help: 'total budget over the horizon (default: the spend of the last horizon\'s periods)' },
  horizon: { type: 'string', help: 'periods to plan the budget for, at most the data length (default 52 weeks or 91 days, or the data length if shorter)' },
};

const FLAGS: Record<string, FlagSpec> = {
  ...SAMPLER_FLAGS,
  ...MODEL_FLAGS,
  ...DATA_FLAGS,
  ...BUDGET_FLAGS,
  'no-calibration': { type: 'boolean', help: 'ignore analysis/incrementality_results.json' },
  ...ROAS_PRIOR_FLAGS,
  help: { type: 'boolean', help: 'show this help' },
};

const USAGE = `usage: carryover run WORKSPACE_DIR [options]

Reads WORKSPACE_DIR/raw/ (campaign_spend_*.csv, conversions.csv, external_factors.csv) and,
when present, WORKSPACE_DIR/analysis/incrementality_results.json (lift tests); fits the MMM;
each lift test is a likelihood term (PyMC-Marketing), or with --roas-prior a LogNormal prior
on its channel's ROAS (Meridian) INSTEAD of one: the same experiment counted both ways would
count twice. One ROAS prior per channel: a channel's further tests stay likelihood terms.
writes analysis/{inference_data,summary,mmm_diagnostics,mmm_channel_contributions,
mmm_budget_optimization}.json and reports/mmm_executive_summary.html.
Budget default: the last 52 weeks' (or 91 days') spend over a horizon of that length,
each channel between 0.5x and 2x its mean spend per period over those periods.
Exit status: 0 done; 1 bad input; 2 bad options; 3 done, but no budget plan meets the
constraints (mmm_budget_optimization.json and the report say why), as \`carryover optimize\`.`;

const LIFT_FILE = join('analysis', 'incrementality_results.json');
/** Everything this command writes, relative to the workspace; none of it is an input. */
export const RUN_OUTPUTS = [
  'analysis/inference_data.json',
  'analysis/summary.json',
  'analysis/mmm_diagnostics.json',
  'analysis/mmm_channel_contributions.json',
  'analysis/mmm_budget_optimization.json',
  'reports/mmm_executive_summary.html',
] as const;

interface Options {
  dir: string;
  settings: SamplerSettings;
  spec: Parameters<typeof defaultModelSpec>[1];
  /** How the raw files become the dataset (holidays, trend, grain, ...), or why they cannot. */
  data: BuildOptions | UserError;
  budget: BudgetSettings;
  /** Whether --horizon was given (a default horizon shrinks to a shorter history instead of failing). */
  horizonGiven: boolean;
  calibrate: boolean;
  /** Lift tests as ROAS priors of this scope instead of likelihood terms; null: likelihood terms. */
  roasPrior: RoasScope | null;
  workers?: number;
  quiet: boolean;
}

const say = (msg: string) => process.stderr.write(`carryover run: ${msg}\n`);

function parseOptions(argv: string[]): Options | number {
  let args;
  try {
    args = parseArgs(argv, FLAGS);
    const f = args.flags;
    if (f.help) {
      process.stdout.write(helpText(USAGE, FLAGS));
      return 0;
    }
    if (args.positionals.length !== 1) throw new ArgError('give exactly one workspace directory');
    return {
      dir: args.positionals[0],
      settings: samplerSettings(f),
      spec: specOptions(f),
      data: buildOptions(f),
      ...budgetFlags(f),
      calibrate: !f['no-calibration'],
      roasPrior: roasPriorFlag(f),
      workers: workerCount(f),
      quiet: Boolean(f.quiet),
    };
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover run: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
}

/** --budget and --horizon over DEFAULT_BUDGET (throws ArgError); horizonGiven: --horizon was given. */
export function budgetFlags(f: Record<string, string | boolean | string[] | undefined>): { budget: BudgetSettings; horizonGiven: boolean } {
  return {
    budget: {
      ...DEFAULT_BUDGET,
      budget: numberFlag(f, 'budget', { min: 0 }),
      horizon: numberFlag(f, 'horizon', { min: 1, integer: true }) ?? DEFAULT_BUDGET.horizon,
    },
    horizonGiven: f.horizon !== undefined,
  };
}

/**
 * The budget settings for T periods of data: a given horizon must fit in them (the rule of
 * `carryover optimize`, horizonProblem), a default one shrinks to a shorter history.
 */
export function budgetForData(b: BudgetSettings, horizonGiven: boolean, T: number, grain: string): BudgetSettings | UserError {
  if (!horizonGiven) return { ...b, horizon: defaultHorizon(grain, T) };
  return horizonProblem(b.horizon, T, grain) ?? b;
}

function roasPriorFlag(f: Record<string, string | boolean | string[] | undefined>): RoasScope | null {
  const scope = roasPriorScope(f);
  if (scope && f['no-calibration']) throw new ArgError('--roas-prior uses the lift tests, which --no-calibration leaves out: give one of them');
  return scope;
}

/** The workspace's lift tests in the model (calibration-flags.ts), notes against analysis/incrementality_results.json. */
export function workspaceCalibration(tests: LiftTest[], roasPrior: RoasScope | null): { lift_tests: LiftTest[]; roas_priors: RoasPrior[]; notes: UserError[] } {
  return calibrationFor(tests, roasPrior, LIFT_FILE);
}

function workspaceRaw(dir: string): string | UserError {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return { severity: 'error', file: dir, message: `workspace directory ${dir} does not exist`, hint: 'Pass the folder that holds raw/ (and optionally analysis/).' };
  const raw = join(dir, 'raw');
  if (!existsSync(raw) || !statSync(raw).isDirectory())
    return { severity: 'error', file: raw, message: `${raw} is missing`, hint: 'A workspace keeps its inputs in raw/: campaign_spend_{platform}.csv, conversions.csv and optionally external_factors.csv (the README’s “Measurement workspace” gives each file’s columns).' };
  return raw;
}

/**
 * Lift tests of analysis/incrementality_results.json. A row that cannot be used is reported
 * and left out; a file that cannot be read at all is an error (fix it or pass --no-calibration).
 */
function liftTests(dir: string, data: Dataset): LiftFileOutcome {
  const path = join(dir, LIFT_FILE);
  if (!existsSync(path)) return { tests: [], notes: [], fatal: [] };
  return liftTestsFromFile(path, data, 'Or run with --no-calibration to fit without the lift tests.', LIFT_FILE);
}

/** The workspace's input files as the report lists them: raw/*, and the lift-test file when the fit used it. */
export function workspaceSources(dir: string, calibrated: boolean): string[] {
  const sources = readdirSync(join(dir, 'raw')).sort().map((n) => `raw/${n}`);
  if (calibrated && existsSync(join(dir, LIFT_FILE))) sources.push(LIFT_FILE);
  return sources;
}

/** Writes `text` to `path` whole (out-dir.ts writeFileAtomic), making its folder first. */
function writeOut(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text);
}

const pretty = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

/** Where the analysis outputs of a fitted run go; diagnostics null: keep the file already there. */
export interface AnalysisOutputPaths {
  diagnostics: string | null;
  contributions: string;
  budget: string;
  report: string;
}

/**
 * MODEL.md §8's analysis outputs of a fitted run and its analysis (analyseForReport, with a
 * budget): mmm_diagnostics.json, mmm_channel_contributions.json, mmm_budget_optimization.json
 * and the executive report, each written whole. `carryover run` (a workspace) and
 * `carryover report` (a run directory) both write through here, so the same run gives the
 * same files. Returns the diagnostics the report was built with.
 */
export function writeAnalysisOutputs(idata: InferenceData, a: ReportAnalysis, to: AnalysisOutputPaths, extras: Omit<ReportExtras, 'diagnostics'>): MmmDiagnosticsJson {
  const b = a.budget;
  if (!b) throw new Error('writeAnalysisOutputs needs the analysis with its budget optimisation (analyseForReport with budget settings)');
  const diagnostics = buildDiagnostics(idata);
  const contributions = channelContributionsJson(idata.attrs, a.analysis, idata.coords.date?.map(String));
  const budget = budgetOptimizationJson({ ...idata.attrs, budget_rule: b.rule }, b.result, b.scenarios);
  const page = renderExecutiveSummary(reportInput(idata, a, { ...extras, diagnostics }));
  // Everything is computed before the first write: a failure leaves no mix of old and new files.
  if (to.diagnostics) writeOut(to.diagnostics, pretty(diagnostics));
  writeOut(to.contributions, pretty(contributions));
  writeOut(to.budget, pretty(budget));
  writeOut(to.report, page);
  return diagnostics;
}

function writeOutputs(o: Options, data: Dataset, idata: InferenceData, a: ReportAnalysis, notes: { calibration: UserError[]; data: UserError[] }): void {
  // The posterior as analyseForReport read and decomposed it: one decomposition per run.
  const summary = buildSummary(idata, { posterior: a.posterior, analysis: a.analysis });
  if ('errors' in summary) throw new FitInputError(summary.errors);
  const at = (rel: (typeof RUN_OUTPUTS)[number]) => join(o.dir, rel);
  writeOut(at('analysis/inference_data.json'), JSON.stringify(idata));
  writeOut(at('analysis/summary.json'), pretty(summary));
  const sources = workspaceSources(o.dir, o.calibrate);
  const to: AnalysisOutputPaths = {
    diagnostics: at('analysis/mmm_diagnostics.json'),
    contributions: at('analysis/mmm_channel_contributions.json'),
    budget: at('analysis/mmm_budget_optimization.json'),
    report: at('reports/mmm_executive_summary.html'),
  };
  const diagnostics = writeAnalysisOutputs(idata, a, to, { target: data.target.name, sources, calibrationNotes: notes.calibration, notes: notes.data });
  if (diagnostics.estimates_provisional) say('estimates are PROVISIONAL: a readiness gate that affects them failed (see the report)');
}

export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv);
  if (typeof o === 'number') return o;
  const raw = workspaceRaw(o.dir);
  if (typeof raw !== 'string') return (printReport([raw]), 1);
  if ('severity' in o.data) return (printReport([o.data]), 1);
  const loaded = loadDataset([raw], {}, o.data);
  const report = loaded.report;
  if (printReport(report) || !loaded.dataset) return (say('the workspace data has errors (above); nothing was fitted'), 1);
  const dataset: Dataset = { ...loaded.dataset, name: `workspace ${basename(resolve(o.dir))}` };
  // The horizon is checked before the fit, with the rule of `carryover optimize`.
  const T = dataset.dates.length;
  const budget = budgetForData(o.budget, o.horizonGiven, T, dataset.grain);
  if ('severity' in budget) return (printReport([budget]), 2);
  o.budget = budget;
  const spec = defaultModelSpec(dataset, o.spec);
  const lift = o.calibrate ? liftTests(o.dir, dataset) : { tests: [], notes: [], fatal: [] };
  if (printReport(lift.fatal)) return (say(`${LIFT_FILE} cannot be read (above); nothing was fitted`), 1);
  const cal = workspaceCalibration(lift.tests, o.roasPrior);
  const calibrationNotes = [...lift.notes, ...cal.notes];
  printReport(calibrationNotes);
  spec.lift_tests = cal.lift_tests;
  if (cal.roas_priors.length > 0) spec.roas_priors = cal.roas_priors;
  const s = o.settings;
  const used = calibrationWords(cal, o.roasPrior);
  say(`${dataset.dates.length} ${dataset.grain}s of ${dataset.target.name}, channels ${dataset.channels.map((c) => c.name).join(', ')}; ${used}; ${s.chains} chains × (${s.warmup} + ${s.draws}), seed ${s.seed}`);
  const outProblem = ['analysis', 'reports'].map((d) => prepareOutDir(join(o.dir, d), 'the workspace')).find((e) => e !== null);
  if (outProblem) return (printReport([outProblem]), 1);
  const pool = createNodePool(s.chains, o.workers);
  try {
    const fit = await fitMmm(pool, dataset, spec, s, { onProgress: progressPrinter(s.chains, o.quiet) });
    for (const c of fit.failedChains) say(`warning: ${c.error}`);
    say(`fitted in ${(fit.wallMs / 1000).toFixed(1)} s; analysing and optimising the budget`);
    const a = analyseForReport(fit.idata, { budget: o.budget });
    if ('errors' in a) return (printReport(a.errors), 1);
    writeOutputs(o, dataset, fit.idata, a, { calibration: calibrationNotes, data: report.filter((e) => e.severity === 'warning') });
    say(`wrote ${RUN_OUTPUTS.map((p) => join(o.dir, p)).join(', ')}`);
    if (a.budget && !a.budget.result.feasible) return (say(`no budget plan meets the constraints: ${a.budget.result.reason}`), 3);
    return 0;
  } catch (e) {
    if (e instanceof FitInputError) return (printReport(e.errors), 1);
    throw e;
  } finally {
    pool.dispose();
  }
}
