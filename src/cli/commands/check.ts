// `carryover check RUN_DIR [--holdout N] [--sensitivity] [--seed N]`: refits the run's model
// from RUN_DIR/inference_data.json alone (spec in attrs.model, data in constant_data and
// observed_data) for the train/test hold-out and the prior-sensitivity check (src/checks),
// and writes RUN_DIR/mmm_checks.json. With neither --holdout nor --sensitivity both run.
import { join } from 'node:path';
import type { InferenceData, SamplerSettings } from '../../core/types';
import { buildChecksFile, CHECKS_FILE, defaultHoldoutPeriods, holdoutCheck, runSettings, sensitivityCheck, VAGUE_FACTOR } from '../../checks';
import type { HoldoutResult, SensitivityResult } from '../../checks';
import { createNodePool } from '../../node/node-pool';
import { ArgError, helpText, numberFlag, parseArgs, type FlagSpec, type ParsedArgs } from '../args';
import { progressPrinter } from '../fit-flags';
import { printReport } from '../format-error';
import { readRunDir } from '../run-dir';
import { writeFileAtomic } from '../out-dir';
import { describeHoldout, describeSensitivity } from '../../checks/describe';

const FLAGS: Record<string, FlagSpec> = {
  holdout: { type: 'string', help: 'hold out the last N periods (default 13 weeks / 91 days, at most a fifth of the data)' },
  sensitivity: { type: 'boolean', help: 'refit with vague priors and compare (prior sensitivity)' },
  'vague-factor': { type: 'string', help: `widen every prior by this factor for the sensitivity refit (default ${VAGUE_FACTOR})` },
  seed: { type: 'string', help: "seed of the refits (default: the run's seed)" },
  chains: { type: 'string', help: "chains per refit (default: the run's)" },
  warmup: { type: 'string', help: "warmup iterations per chain (default: the run's)" },
  draws: { type: 'string', help: "draws per chain (default: the run's)" },
  'adapt-delta': { type: 'string', help: "target acceptance rate (default: the run's)" },
  'max-treedepth': { type: 'string', help: "maximum tree depth (default: the run's)" },
  workers: { type: 'string', help: 'worker threads (default min(chains, cores))' },
  quiet: { type: 'boolean', help: 'no progress output' },
  help: { type: 'boolean', help: 'show this help' },
};

const USAGE = `usage: carryover check RUN_DIR [--holdout N] [--sensitivity] [--seed N] [options]

Refits the run's model for the model checks and writes RUN_DIR/mmm_checks.json:
  --holdout N     fit on all but the last N periods, forecast them with their actual spend
                  and controls, and report MAPE, wMAPE and 50%/90% coverage in and out of sample
  --sensitivity   refit with every prior widened ×${VAGUE_FACTOR}; per parameter the shift of the posterior
                  mean (in posterior sd) and the contraction, flags where the prior dominates,
                  and the PSIS-LOO comparison of the two fits
With neither flag, both checks run. Refits use the run's sampler settings and seed unless
overridden, so the same command gives the same numbers.`;

/** The settings the run was fitted with, with any flag overriding. */
function settingsFrom(f: ParsedArgs['flags'], run: InferenceData): SamplerSettings {
  const base = runSettings(run);
  return {
    ...base,
    chains: numberFlag(f, 'chains', { min: 1, max: 64, integer: true }) ?? base.chains,
    warmup: numberFlag(f, 'warmup', { min: 0, integer: true }) ?? base.warmup,
    draws: numberFlag(f, 'draws', { min: 1, integer: true }) ?? base.draws,
    adapt_delta: numberFlag(f, 'adapt-delta', { min: 0.5, max: 0.999 }) ?? base.adapt_delta,
    max_treedepth: numberFlag(f, 'max-treedepth', { min: 1, max: 15, integer: true }) ?? base.max_treedepth,
    seed: numberFlag(f, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? base.seed,
  };
}

function readRun(dir: string): InferenceData | null {
  const r = readRunDir(dir, { needModel: true });
  if ('errors' in r) return (printReport(r.errors), null);
  return r.idata;
}

export async function run(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, FLAGS);
    if (args.flags.help) {
      process.stdout.write(helpText(USAGE, FLAGS));
      return 0;
    }
    if (args.positionals.length !== 1) throw new ArgError('give one run directory');
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover check: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
  const f = args.flags;
  const dir = args.positionals[0];
  const idata = readRun(dir);
  if (!idata) return 1;
  let settings: SamplerSettings;
  let periods: number | undefined;
  let factor: number;
  let workers: number | undefined;
  try {
    settings = settingsFrom(f, idata);
    periods = numberFlag(f, 'holdout', { min: 1, integer: true });
    factor = numberFlag(f, 'vague-factor', { min: 1 }) ?? VAGUE_FACTOR;
    workers = numberFlag(f, 'workers', { min: 1, max: 64, integer: true });
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover check: ${e.message}\n`);
    return 2;
  }
  const both = f.holdout === undefined && !f.sensitivity;
  const doHoldout = both || f.holdout !== undefined;
  const doSensitivity = both || Boolean(f.sensitivity);
  const quiet = Boolean(f.quiet);
  const rows = idata.attrs.data_range?.rows ?? idata.observed_data.y.length;
  const say = (s: string) => void (quiet || process.stderr.write(s + '\n'));
  say(`carryover check: refits with ${settings.chains} chains × (${settings.warmup} + ${settings.draws}), seed ${settings.seed}`);

  const pool = createNodePool(settings.chains, workers);
  let holdout: HoldoutResult | null = null;
  let sensitivity: SensitivityResult | null = null;
  try {
    if (doHoldout) {
      const n = periods ?? defaultHoldoutPeriods(rows, idata.attrs.data_range?.grain === 'day' ? 'day' : 'week');
      say(`hold-out: refitting on the first ${rows - n} of ${rows} periods`);
      const out = await holdoutCheck(pool, idata, { settings, periods: n, onProgress: progressPrinter(settings.chains, quiet) });
      if ('errors' in out) {
        printReport(out.errors);
        return 1;
      }
      printReport(out.warnings);
      holdout = out.result;
      process.stderr.write(describeHoldout(holdout));
    }
    if (doSensitivity) {
      say(`prior sensitivity: refitting with every prior widened ×${factor}`);
      const out = await sensitivityCheck(pool, idata, { settings, factor, onProgress: progressPrinter(settings.chains, quiet) });
      if ('errors' in out) {
        printReport(out.errors);
        return 1;
      }
      printReport(out.warnings);
      sensitivity = out.result;
      process.stderr.write(describeSensitivity(sensitivity));
    }
  } finally {
    pool.dispose();
  }
  const out = join(dir, CHECKS_FILE);
  writeFileAtomic(out, JSON.stringify(buildChecksFile(idata, settings, { holdout, sensitivity }), null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
  return 0;
}
