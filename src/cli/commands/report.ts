// `carryover report RUN_DIR [--budget B] [--horizon N] [--min c=v ...] [--max c=v ...] [--out DIR]`:
// the analysis outputs and the executive report of a run directory written by `carryover fit`
// (MODEL.md §8), as `carryover run` writes them for a workspace: the same analysis
// (analyseForReport), the same budget rule (DEFAULT_BUDGET with --budget/--horizon) and the
// same writer (run.ts writeAnalysisOutputs). Writes mmm_channel_contributions.json,
// mmm_budget_optimization.json, mmm_diagnostics.json when the folder has none, and
// reports/mmm_executive_summary.html. The run's own files are only read.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { InferenceData, UserError } from '../../core/types';
import type { ChannelConstraint } from '../../analysis/constraints';
import { analyseForReport, type BudgetSettings } from '../../report';
import { ArgError, helpText, parseArgs, type FlagSpec } from '../args';
import { printReport } from '../format-error';
import { prepareOutDir } from '../out-dir';
import { readRunDir, RUN_FILE } from '../run-dir';
import { BUDGET_FLAGS, budgetFlags, budgetForData, workspaceSources, writeAnalysisOutputs, type AnalysisOutputPaths } from './run';
import { BOUND_FLAGS, constraintsFrom, unknownConstraintChannels, type NamedChannel } from './optimize';

const FLAGS: Record<string, FlagSpec> = {
  ...BUDGET_FLAGS,
  ...BOUND_FLAGS,
  out: { type: 'string', help: 'folder for the outputs (default RUN_DIR; made if missing)' },
  help: { type: 'boolean', help: 'show this help' },
};

const USAGE = `usage: carryover report RUN_DIR [--budget B] [--horizon N] [--min c=v ...] [--max c=v ...] [--out DIR]

Reads RUN_DIR/inference_data.json (the --out folder of \`carryover fit\`) and writes, into
RUN_DIR or --out, what \`carryover run\` writes for a workspace: mmm_channel_contributions.json,
mmm_budget_optimization.json, mmm_diagnostics.json (when the folder has none) and
reports/mmm_executive_summary.html. For a workspace's analysis/ folder (written by
\`carryover run\`) the report goes to the workspace's reports/, as \`run\` puts it.
Budget as \`carryover run\`: the last 52 weeks' (or 91 days') spend over a horizon of that
length (or all the data if shorter), each channel between 0.5x and 2x its mean spend per period over those
periods; a --min or --max replaces that bound for its channel.
Exit status: 0 done; 1 the run cannot be read; 2 bad options (also a channel the run does not
have, or a horizon longer than its data); 3 done, but no budget plan meets the constraints
(mmm_budget_optimization.json and the report say why).`;

const OUTPUTS = {
  diagnostics: 'mmm_diagnostics.json',
  contributions: 'mmm_channel_contributions.json',
  budget: 'mmm_budget_optimization.json',
  report: join('reports', 'mmm_executive_summary.html'),
} as const;

interface Options {
  dir: string;
  /** --out; undefined: RUN_DIR (and a workspace's reports/ for the report). */
  out?: string;
  budget: BudgetSettings;
  horizonGiven: boolean;
  constraints: Record<string, ChannelConstraint>;
  named: NamedChannel[];
}

const say = (msg: string) => process.stderr.write(`carryover report: ${msg}\n`);

function parseOptions(argv: string[]): Options | number {
  try {
    const args = parseArgs(argv, FLAGS);
    const f = args.flags;
    if (f.help) {
      process.stdout.write(helpText(USAGE, FLAGS));
      return 0;
    }
    if (args.positionals.length !== 1) throw new ArgError('give exactly one RUN_DIR (the --out folder of `carryover fit`)');
    const dir = args.positionals[0];
    return { dir, out: typeof f.out === 'string' ? f.out : undefined, ...budgetFlags(f), ...constraintsFrom(f) };
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover report: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
}

/**
 * A run with a geo dimension (a hierarchical fit imported from elsewhere) has no national
 * posterior to report on: Carryover fits geo data at national level (MODEL.md §4, Meridian's
 * long data summed over geos), so say that instead of a shape error about constant_data.
 */
function geoProblem(idata: InferenceData, file: string): UserError | null {
  const dims = [...Object.keys(idata.coords ?? {}), ...Object.values(idata.dims ?? {}).flat()];
  const geo = dims.find((d) => /^geos?$/i.test(d));
  if (geo === undefined) return null;
  return {
    severity: 'error',
    file,
    message: `the run is fitted per geo (it has a "${geo}" dimension); the report covers a national run`,
    hint: 'Fit the data with `carryover fit` (geo data is summed to national level), then run `carryover report` on that run directory.',
  };
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** The workspace whose analysis/ folder `dir` is (`carryover run` wrote it there), or null. */
function workspaceOf(dir: string): string | null {
  const abs = resolve(dir);
  return basename(abs) === 'analysis' && isDir(join(dirname(abs), 'raw')) ? dirname(abs) : null;
}

/**
 * Where each output goes: --out, else the run directory, with a workspace's report in its
 * reports/ (run.ts RUN_OUTPUTS). mmm_diagnostics.json only when the folder has none (`fit`
 * and `run` write one; the report's diagnostics are computed by the same function).
 */
function outputPaths(o: Options, workspace: string | null): AnalysisOutputPaths {
  const dir = o.out ?? o.dir;
  const diagnostics = join(dir, OUTPUTS.diagnostics);
  return {
    diagnostics: existsSync(diagnostics) ? null : diagnostics,
    contributions: join(dir, OUTPUTS.contributions),
    budget: join(dir, OUTPUTS.budget),
    report: o.out === undefined && workspace ? join(workspace, OUTPUTS.report) : join(dir, OUTPUTS.report),
  };
}

/** The report's outcome name and input files, from what the fit recorded (attrs) or the workspace's files. */
function reportSources(idata: InferenceData, workspace: string | null): { target?: string; sources: string[] } {
  const attrs = idata.attrs;
  const target = typeof attrs.target_name === 'string' ? attrs.target_name : undefined;
  const calibrated = (attrs.model.lift_tests?.length ?? 0) + (attrs.model.roas_priors?.length ?? 0) > 0;
  if (workspace) return { target, sources: workspaceSources(workspace, calibrated) };
  return { target, sources: typeof attrs.dataset_name === 'string' ? [attrs.dataset_name] : [] };
}

export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv);
  if (typeof o === 'number') return o;
  const file = join(o.dir, RUN_FILE);
  const read = readRunDir(o.dir, { needModel: true });
  if ('errors' in read) return (printReport(read.errors), say(`${o.dir} cannot be reported on (above); nothing was written`), 1);
  const idata = read.idata;
  const geo = geoProblem(idata, file);
  if (geo) return (printReport([geo]), 1);
  const channels = idata.attrs.model.channels.map((c) => c.name);
  const unknown = unknownConstraintChannels(o.named, channels);
  if (unknown.length > 0) return (printReport(unknown), 2);
  const budget = budgetForData(o.budget, o.horizonGiven, idata.observed_data.y.length, idata.attrs.data_range.grain ?? 'period');
  if ('severity' in budget) return (printReport([budget]), 2);
  const workspace = workspaceOf(o.dir);
  const to = outputPaths(o, workspace);
  const a = analyseForReport(idata, { budget: { ...budget, constraints: o.constraints } });
  if ('errors' in a) return (printReport(a.errors.map((e) => ({ ...e, file }))), say(`${o.dir} cannot be reported on (above); nothing was written`), 1);
  // After the analysis, so a run that cannot be analysed leaves no new folder behind.
  const outProblem = [dirname(to.contributions), dirname(to.report)].map((d) => prepareOutDir(d, o.out === undefined ? 'RUN_DIR' : '--out')).find((e) => e !== null);
  if (outProblem) return (printReport([outProblem]), 1);
  const diagnostics = writeAnalysisOutputs(idata, a, to, reportSources(idata, workspace));
  if (diagnostics.estimates_provisional) say('estimates are PROVISIONAL: a readiness gate that affects them failed (see the report)');
  if (!to.diagnostics) say(`kept the ${OUTPUTS.diagnostics} already in ${dirname(to.contributions)}`);
  say(`wrote ${[to.diagnostics, to.contributions, to.budget, to.report].filter(Boolean).join(', ')}`);
  const result = a.budget!.result;
  if (!result.feasible) return (say(`no budget plan meets the constraints: ${result.reason}`), 3);
  return 0;
}
