// `carryover fit DATA.csv --date COL --target COL --channels a,b,c ... --out DIR`:
// fits the MMM on worker threads and writes DIR/inference_data.json, DIR/summary.json and
// DIR/mmm_diagnostics.json (MODEL.md §8). Progress on stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { AdstockKind, ChainProgress, SamplerSettings, SaturationKind } from '../../core/types';
import { DEFAULT_SAMPLER } from '../../core/types';
import { defaultModelSpec } from '../../model/spec';
import { fitMmm, FitInputError } from '../../engine/fit';
import { createNodePool } from '../../node/node-pool';
import { buildSummary } from '../../outputs/summary';
import { buildDiagnostics } from '../../diagnostics/report';
import { ArgError, csvFlag, helpText, numberFlag, parseArgs, type FlagSpec } from '../args';
import { printReport } from '../format-error';
import { loadDataset } from '../load-dataset';

const FLAGS: Record<string, FlagSpec> = {
  date: { type: 'string', help: 'date column (default: detected)' },
  target: { type: 'string', help: 'target column, e.g. revenue (default: detected)' },
  channels: { type: 'string', help: 'comma-separated spend columns (default: detected)' },
  controls: { type: 'string', help: 'comma-separated control columns (default: detected)' },
  adstock: { type: 'string', help: 'geometric (default) | delayed | weibull_pdf | weibull_cdf' },
  saturation: { type: 'string', help: 'logistic (default) | hill' },
  'l-max': { type: 'string', help: 'adstock window in periods (default 8)' },
  fourier: { type: 'string', help: 'yearly Fourier order (default 2; 0 = none)' },
  chains: { type: 'string', help: 'number of chains (default 4)' },
  warmup: { type: 'string', help: 'warmup iterations per chain (default 1000)' },
  draws: { type: 'string', help: 'draws per chain (default 1000)' },
  seed: { type: 'string', help: 'random seed (default: drawn and recorded)' },
  'adapt-delta': { type: 'string', help: 'target acceptance rate (default 0.8)' },
  'max-treedepth': { type: 'string', help: 'maximum tree depth (default 10)' },
  workers: { type: 'string', help: 'worker threads (default min(chains, cores))' },
  out: { type: 'string', help: 'output directory (required)' },
  quiet: { type: 'boolean', help: 'no progress output' },
  help: { type: 'boolean', help: 'show this help' },
};

const USAGE = 'usage: carryover fit DATA.csv [more files or a folder] --out DIR [options]';
const ADSTOCKS: AdstockKind[] = ['geometric', 'delayed', 'weibull_pdf', 'weibull_cdf'];
const SATURATIONS: SaturationKind[] = ['logistic', 'hill'];

function oneOf<T extends string>(value: unknown, allowed: T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new ArgError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

function progressPrinter(chains: number, quiet: boolean) {
  const latest = new Map<number, ChainProgress>();
  let last = 0;
  return (p: ChainProgress) => {
    latest.set(p.chain, p);
    const now = Date.now();
    if (quiet || (now - last < 1000 && p.phase !== 'done')) return;
    last = now;
    const parts = [...latest.values()]
      .sort((a, b) => a.chain - b.chain)
      .map((q) => `chain ${q.chain + 1}: ${q.phase} ${q.iteration}/${q.total}${q.divergences ? ` (${q.divergences} divergent)` : ''}`);
    process.stderr.write(`[${latest.size}/${chains}] ${parts.join(' | ')}\n`);
  };
}

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
  let specOpts;
  let workers: number | undefined;
  try {
    if (args.positionals.length === 0) throw new ArgError('give the data file (or files, or a workspace folder)');
    if (typeof f.out !== 'string') throw new ArgError('--out DIR is required');
    settings = {
      ...DEFAULT_SAMPLER,
      chains: numberFlag(f, 'chains', { min: 1, max: 64, integer: true }) ?? DEFAULT_SAMPLER.chains,
      warmup: numberFlag(f, 'warmup', { min: 0, integer: true }) ?? DEFAULT_SAMPLER.warmup,
      draws: numberFlag(f, 'draws', { min: 1, integer: true }) ?? DEFAULT_SAMPLER.draws,
      adapt_delta: numberFlag(f, 'adapt-delta', { min: 0.5, max: 0.999 }) ?? DEFAULT_SAMPLER.adapt_delta,
      max_treedepth: numberFlag(f, 'max-treedepth', { min: 1, max: 15, integer: true }) ?? DEFAULT_SAMPLER.max_treedepth,
      seed: numberFlag(f, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? randomInt(0, 2 ** 31),
    };
    specOpts = {
      adstock: oneOf(f.adstock, ADSTOCKS, 'adstock'),
      saturation: oneOf(f.saturation, SATURATIONS, 'saturation'),
      l_max: numberFlag(f, 'l-max', { min: 1, max: 104, integer: true }),
      fourier_order: numberFlag(f, 'fourier', { min: 0, max: 10, integer: true }),
    };
    workers = numberFlag(f, 'workers', { min: 1, max: 64, integer: true });
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover fit: ${e.message}\n`);
    return 2;
  }

  const { dataset, report } = loadDataset(args.positionals, {
    date: f.date as string | undefined,
    target: f.target as string | undefined,
    channels: csvFlag(f, 'channels'),
    controls: csvFlag(f, 'controls'),
  });
  if (printReport(report) || !dataset) {
    process.stderr.write('carryover fit: the data has errors (above); nothing was fitted\n');
    return 1;
  }
  const spec = defaultModelSpec(dataset, specOpts);
  const out = f.out as string;
  process.stderr.write(
    `carryover fit: ${dataset.dates.length} ${dataset.grain}s, channels ${dataset.channels.map((c) => c.name).join(', ')}; ` +
      `${settings.chains} chains × (${settings.warmup} + ${settings.draws}), seed ${settings.seed}\n`,
  );
  const pool = createNodePool(settings.chains, workers);
  try {
    const fit = await fitMmm(pool, dataset, spec, settings, { onProgress: progressPrinter(settings.chains, Boolean(f.quiet)) });
    for (const c of fit.failedChains) process.stderr.write(`warning: ${c.error}\n`);
    const summary = buildSummary(fit.idata);
    if ('errors' in summary) {
      printReport(summary.errors);
      return 1;
    }
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'inference_data.json'), JSON.stringify(fit.idata));
    writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
    writeFileSync(join(out, 'mmm_diagnostics.json'), JSON.stringify(buildDiagnostics(fit.idata), null, 2));
    process.stderr.write(`carryover fit: done in ${(fit.wallMs / 1000).toFixed(1)} s; wrote ${out}/{inference_data,summary,mmm_diagnostics}.json\n`);
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
