// `carryover ridge DATA.csv --date COL --target COL --channels a,b [--controls ...] [--seed N]
// [--iterations N] --out DIR`: the Robyn-style ridge fallback headless (src/ridge). Writes
// DIR/ridge_result.json: the RidgeResult (candidates, Pareto front, the chosen model, every
// channel number with its bootstrap interval) under `metadata` as MODEL.md §8 files carry it.
// Same data, seed and settings: the same file but for created_at.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { Dataset, UserError } from '../../core/types';
import { APP_VERSION } from '../../core/version';
import { runRidge, type RidgeOptions, type RidgeProgress, type RidgeResult } from '../../ridge';
import { ArgError, helpText, numberFlag, parseArgs, type FlagSpec, type ParsedArgs } from '../args';
import { printReport } from '../format-error';
import { buildOptions, DATA_FLAGS, ROLE_FLAGS, roleFlags } from '../data-flags';
import { MODEL_FLAGS, specOptions } from '../fit-flags';
import type { BuildOptions } from '../../data/types';
import { loadDataset } from '../load-dataset';
import type { LiftFileOutcome } from '../lift-file';
import { liftTestsFromFile } from '../calibration-flags';
import { prepareOutDir } from '../out-dir';
import { num } from '../../core/number-format';

export const RIDGE_FILE = 'ridge_result.json';

const FLAGS: Record<string, FlagSpec> = {
  ...ROLE_FLAGS,
  seed: { type: 'string', help: 'random seed of the search and the bootstrap (default: drawn and recorded)' },
  iterations: { type: 'string', help: "candidate models to evaluate, Robyn's iterations, rounded up to whole generations (default 2000)" },
  population: { type: 'string', help: 'candidates per generation of the search (default 40)' },
  bootstrap: { type: 'string', help: 'bootstrap replicates for the intervals (default 500)' },
  ...MODEL_FLAGS,
  saturation: { type: 'string', help: "hill (default, Robyn's) | logistic" },
  ...DATA_FLAGS,
  'lift-tests': { type: 'string', help: 'lift tests (CSV in PyMC-Marketing or Robyn shape, or incrementality_results.json): adds MAPE.LIFT' },
  out: { type: 'string', help: 'output directory (required)' },
  quiet: { type: 'boolean', help: 'no progress output' },
  help: { type: 'boolean', help: 'show this help' },
};

const USAGE = 'usage: carryover ridge DATA.csv [more files or a folder] --out DIR [options]';

interface Options {
  inputs: string[];
  out: string;
  roles: { date?: string; target?: string; channels?: string[]; controls?: string[] };
  liftFile?: string;
  quiet: boolean;
  /** How the importer builds the dataset (holidays, trend, grain, ...), or why it cannot. */
  data: BuildOptions | UserError;
  /** Everything but the data-dependent parts (controls, lift tests). */
  ridge: RidgeOptions;
  iterations: number;
}

function options(args: ParsedArgs): Options {
  const f = args.flags;
  if (args.positionals.length === 0) throw new ArgError('give the data file (or files, or a workspace folder)');
  if (typeof f.out !== 'string') throw new ArgError('--out DIR is required');
  const population = numberFlag(f, 'population', { min: 4, max: 1000, integer: true }) ?? 40;
  const iterations = numberFlag(f, 'iterations', { min: 4, max: 1_000_000, integer: true }) ?? 2000;
  // The first population, then whole generations: evaluations = population × (generations + 1).
  const generations = Math.max(0, Math.ceil(iterations / population) - 1);
  // The model choices with fit's bounds (fit-flags.ts); Robyn's defaults where none is given.
  const model = specOptions(f);
  const ridge: RidgeOptions = {
    seed: numberFlag(f, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? randomInt(0, 2 ** 31),
    adstock: model.adstock ?? 'geometric',
    saturation: model.saturation ?? 'hill',
    l_max: model.l_max ?? 8,
    fourier_order: model.fourier_order ?? 2,
    search: { population, generations },
    bootstrap: { replicates: numberFlag(f, 'bootstrap', { min: 10, max: 100_000, integer: true }) ?? 500 },
  };
  return {
    inputs: args.positionals,
    out: f.out,
    roles: roleFlags(f),
    liftFile: f['lift-tests'] as string | undefined,
    quiet: Boolean(f.quiet),
    data: buildOptions(f),
    ridge,
    iterations,
  };
}

/** Lift tests from a file, named by the path as given (as fit names it): rows that cannot be used are reported and left out; an unreadable file stops the run. */
function liftTests(file: string, data: Dataset): LiftFileOutcome {
  return liftTestsFromFile(file, data, 'Or leave out --lift-tests.');
}

function progressPrinter(quiet: boolean) {
  let last = 0;
  return (p: RidgeProgress) => {
    const now = Date.now();
    if (quiet || (now - last < 1000 && p.phase !== 'done')) return;
    last = now;
    process.stderr.write(p.phase === 'search' ? `search: ${p.done}/${p.total} candidates\n` : p.phase === 'bootstrap' ? `bootstrap: ${p.done}/${p.total} refits\n` : 'done\n');
  };
}

/** ridge_result.json: MODEL.md §8 metadata, then the result as src/ridge gives it. */
export function ridgeResultFile(result: RidgeResult, data: Dataset, opts: RidgeOptions, extra: { iterations: number; lift_file?: string }) {
  return {
    metadata: {
      created_at: new Date().toISOString(),
      app_version: APP_VERSION,
      method: 'ridge',
      data: { name: data.name, target: data.target.name, channels: data.channels.map((c) => c.name), controls: data.controls.map((c) => c.name) },
      data_range: { first: data.dates[0], last: data.dates[data.dates.length - 1], rows: data.dates.length, grain: data.grain },
      seed: opts.seed,
      settings: { ...opts, iterations: extra.iterations, lift_file: extra.lift_file ?? null },
    },
    ...result,
  };
}

function summaryLines(r: RidgeResult): string[] {
  const f = num; // the studio's and the report's format (src/core/number-format.ts)
  const o = r.model.objectives;
  return [
    `chosen model ${r.chosen} of ${r.evaluations} (${r.pareto.length} on the Pareto front): NRMSE ${f(o.nrmse)}, DECOMP.RSSD ${f(o.decomp_rssd)}${o.mape_lift === null ? '' : `, MAPE.LIFT ${f(o.mape_lift)}`}, R² ${f(r.model.rsq)}`,
    ...Object.entries(r.channels).map(([name, c]) => `  ${name}: ROAS ${f(c.point.roas)} [${f(c.roas.q05)}, ${f(c.roas.q95)}] (chosen model, 90% bootstrap interval)`),
    'point estimates with bootstrap intervals, not a posterior',
  ];
}

export async function run(argv: string[]): Promise<number> {
  let o: Options;
  try {
    const args = parseArgs(argv, FLAGS);
    if (args.flags.help) {
      process.stdout.write(helpText(USAGE, FLAGS));
      return 0;
    }
    o = options(args);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover ridge: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
  if ('severity' in o.data) return (printReport([o.data]), 1);
  const { dataset, report, ignored } = loadDataset(o.inputs, o.roles, o.data);
  if (printReport(report) || !dataset) {
    process.stderr.write('carryover ridge: the data has errors (above); nothing was fitted\n');
    return 1;
  }
  const outProblem = prepareOutDir(o.out);
  if (outProblem) return (printReport([outProblem]), 1);
  if (ignored) process.stderr.write(`carryover ridge: ${ignored}\n`);
  const opts: RidgeOptions = { ...o.ridge, controls: dataset.controls.map((c) => c.name) };
  if (o.liftFile) {
    const lift = liftTests(o.liftFile, dataset);
    if (printReport(lift.fatal)) return (process.stderr.write('carryover ridge: the lift-test file cannot be read (above); nothing was fitted\n'), 1);
    printReport(lift.notes);
    if (lift.tests.length > 0) opts.lift_tests = lift.tests;
  }
  const s = opts.search!;
  process.stderr.write(
    `carryover ridge: ${dataset.dates.length} ${dataset.grain}s, channels ${dataset.channels.map((c) => c.name).join(', ')}; ` +
      `${s.population! * (s.generations! + 1)} candidates, ${opts.bootstrap!.replicates} bootstrap refits, seed ${opts.seed}` +
      `${opts.lift_tests ? `, ${opts.lift_tests.length} lift tests` : ''}\n`,
  );
  const t0 = Date.now();
  const result = runRidge(dataset, opts, { onProgress: progressPrinter(o.quiet) });
  if ('errors' in result) {
    printReport(result.errors);
    return 1;
  }
  printReport(result.warnings);
  mkdirSync(o.out, { recursive: true });
  const path = join(o.out, RIDGE_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(ridgeResultFile(result, dataset, opts, { iterations: o.iterations, lift_file: o.liftFile }), null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
  for (const line of summaryLines(result)) process.stderr.write(line + '\n');
  process.stderr.write(`carryover ridge: done in ${((Date.now() - t0) / 1000).toFixed(1)} s; wrote ${path}\n`);
  return 0;
}
