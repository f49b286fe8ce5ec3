// `carryover fit DATA.csv --date COL --target COL --channels a,b,c ... --out DIR`:
// fits the MMM on worker threads and writes DIR/inference_data.json, DIR/summary.json and
// DIR/mmm_diagnostics.json (MODEL.md §8). Progress on stderr. With --lift-tests FILE the fit is
// calibrated (MODEL.md §6) as in `carryover run` and the studio: the same importer, the tests
// as likelihood terms or with --roas-prior as ROAS priors, recorded in the run's attrs.model.
import { join } from 'node:path';
import type { Dataset, LiftTest, RoasPrior, RoasScope, SamplerSettings, UserError } from '../../core/types';
import type { SpecOptions } from '../../model/spec';
import { defaultModelSpec } from '../../model/spec';
import { fitMmm, FitInputError } from '../../engine/fit';
import { createNodePool } from '../../node/node-pool';
import { buildSummary } from '../../outputs/summary';
import { buildDiagnostics } from '../../diagnostics/report';
import { ArgError, helpText, parseArgs, type FlagSpec } from '../args';
import { MODEL_FLAGS, SAMPLER_FLAGS, progressPrinter, samplerSettings, specOptions, workerCount } from '../fit-flags';
import { printReport } from '../format-error';
import { buildOptions, DATA_FLAGS, ROLE_FLAGS, roleFlags } from '../data-flags';
import type { BuildOptions } from '../../data/types';
import { loadDataset, type RoleFlags } from '../load-dataset';
import { prepareOutDir, writeFileAtomic } from '../out-dir';
import { toCmdStanCsv } from '../../io';
import { calibrationFor, calibrationWords, liftTestsFromFile, ROAS_PRIOR_FLAGS, roasPriorScope } from '../calibration-flags';

/** CmdStan-style trace file of chain c (0-based): chain_1.csv, chain_2.csv, ... */
export const cmdstanFileName = (c: number) => `chain_${c + 1}.csv`;

const FLAGS: Record<string, FlagSpec> = {
  ...ROLE_FLAGS,
  ...DATA_FLAGS,
  ...MODEL_FLAGS,
  ...SAMPLER_FLAGS,
  'lift-tests': { type: 'string', help: 'lift tests to calibrate with: CSV in PyMC-Marketing (channel,x,delta_x,delta_y,sigma) or Robyn shape, or an incrementality_results.json' },
  ...ROAS_PRIOR_FLAGS,
  out: { type: 'string', help: 'output directory (required)' },
  cmdstan: { type: 'boolean', help: 'also write the traces as CmdStan CSV, one file per chain (chain_1.csv, ...), for rstan/cmdstanpy/ArviZ' },
  help: { type: 'boolean', help: 'show this help' },
};

/** The file's tests in the model, its notes printed; null (after printing why) when it cannot be used. */
function calibrate(file: string, data: Dataset, roasPrior: RoasScope | null): { lift_tests: LiftTest[]; roas_priors: RoasPrior[] } | null {
  const lift = liftTestsFromFile(file, data, 'Or leave out --lift-tests to fit without them.');
  if (printReport(lift.fatal)) {
    process.stderr.write('carryover fit: the lift-test file cannot be used (above); nothing was fitted\n');
    return null;
  }
  const cal = calibrationFor(lift.tests, roasPrior, file);
  printReport([...lift.notes, ...cal.notes]);
  return cal;
}

const USAGE = `usage: carryover fit DATA.csv [more files or a folder] --out DIR [options]

With --lift-tests FILE each lift test is a likelihood term (PyMC-Marketing), or with
--roas-prior a LogNormal prior on its channel's ROAS (Meridian) INSTEAD of one: the same
experiment counted both ways would count twice. One ROAS prior per channel: a channel's
further tests stay likelihood terms. A test row that cannot be used is named and left out;
a file with no usable test stops the fit.
Exit status: 0 done; 1 bad input (data or lift-test file); 2 bad options.`;
export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, FLAGS);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover fit: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
  const f = args.flags;
  if (f.help) {
    process.stdout.write(helpText(USAGE, FLAGS));
    return 0;
  }
  let settings: SamplerSettings;
  let specOpts: SpecOptions;
  let workers: number | undefined;
  let data: BuildOptions | UserError;
  let roles: RoleFlags;
  let roasPrior: RoasScope | null;
  try {
    if (args.positionals.length === 0) throw new ArgError('give the data file (or files, or a workspace folder)');
    if (typeof f.out !== 'string') throw new ArgError('--out DIR is required');
    settings = samplerSettings(f);
    specOpts = specOptions(f);
    workers = workerCount(f);
    roles = roleFlags(f);
    data = buildOptions(f);
    roasPrior = roasPriorScope(f);
    if (roasPrior && f['lift-tests'] === undefined) throw new ArgError('--roas-prior turns the lift tests into ROAS priors: give them with --lift-tests FILE');
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover fit: ${e.message}\n`);
    return 2;
  }

  if ('severity' in data) return (printReport([data]), 1);
  const { dataset, report, ignored } = loadDataset(args.positionals, roles, data);
  if (printReport(report) || !dataset) {
    process.stderr.write('carryover fit: the data has errors (above); nothing was fitted\n');
    return 1;
  }
  const spec = defaultModelSpec(dataset, specOpts);
  const liftFile = f['lift-tests'] as string | undefined;
  let calibration = '';
  if (liftFile !== undefined) {
    const cal = calibrate(liftFile, dataset, roasPrior);
    if (!cal) return 1;
    spec.lift_tests = cal.lift_tests;
    if (cal.roas_priors.length > 0) spec.roas_priors = cal.roas_priors;
    calibration = `; ${calibrationWords(cal, roasPrior)}`;
  }
  const out = f.out as string;
  const outProblem = prepareOutDir(out);
  if (outProblem) return (printReport([outProblem]), 1);
  process.stderr.write(
    `carryover fit: ${dataset.dates.length} ${dataset.grain}s of ${dataset.target.name}, channels ${dataset.channels.map((c) => c.name).join(', ')}` +
      `${dataset.controls.length ? `, controls ${dataset.controls.map((c) => c.name).join(', ')}` : ''}${calibration}; ` +
      `${settings.chains} chains × (${settings.warmup} + ${settings.draws}), seed ${settings.seed}\n`,
  );
  if (ignored) process.stderr.write(`carryover fit: ${ignored}\n`);
  const pool = createNodePool(settings.chains, workers);
  try {
    const fit = await fitMmm(pool, dataset, spec, settings, { onProgress: progressPrinter(settings.chains, Boolean(f.quiet)) });
    for (const c of fit.failedChains) process.stderr.write(`warning: ${c.error}\n`);
    const summary = buildSummary(fit.idata);
    if ('errors' in summary) {
      printReport(summary.errors);
      return 1;
    }
    writeFileAtomic(join(out, 'inference_data.json'), JSON.stringify(fit.idata));
    writeFileAtomic(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
    writeFileAtomic(join(out, 'mmm_diagnostics.json'), JSON.stringify(buildDiagnostics(fit.idata), null, 2));
    const traces = f.cmdstan ? toCmdStanCsv(fit.idata) : [];
    traces.forEach((text, c) => writeFileAtomic(join(out, cmdstanFileName(c)), text));
    const csv = traces.length ? ` and ${traces.map((_, c) => cmdstanFileName(c)).join(', ')}` : '';
    process.stderr.write(`carryover fit: done in ${(fit.wallMs / 1000).toFixed(1)} s; wrote ${out}/{inference_data,summary,mmm_diagnostics}.json${csv}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FitInputError) {
      printReport(e.errors);
      return 1;
    }
    throw e;
  } finally {
    pool.dispose();
  }
}
