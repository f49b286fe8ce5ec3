// `npx carryover attribute PATHS.csv --out DIR`: multi-touch attribution of a path file
// (ChannelAttribution's format) or a user-level event file, written to DIR/mta_attribution.json.
// Progress and a short summary go to stderr; the results go to the file.
import { createReadStream, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { UserError } from '../../core/types';
import { Analysis, DEFAULT_BOOTSTRAP, type AnalysisOptions } from '../../mta/pipeline';
import { MTA_FILE_NAME } from '../../mta/report';
import type { AttributionResult } from '../../mta/types';
import { wasmModule } from '../../node/wasm-bytes';
import { prepareOutDir, writeFileAtomic } from '../out-dir';
import { journeyFileProblems } from '../mta-checks';
import { isSeed, MAX_SEED } from '../../core/seed';

const USAGE = `usage: carryover attribute FILE.csv --out DIR [options]

Multi-touch attribution: first/last touch, linear, time decay, position-based, Shapley
(simplified and full) and Markov chains of orders 1-3, written to DIR/${MTA_FILE_NAME}.

input
  --format paths|events|auto   path file (path;total_conversions;...) or events
                               (user_id,timestamp,channel,conversion,value); default auto
  --delimiter C                field delimiter (default: detected from the header)
  --separator S                channel separator inside a path (default '>')
  --lookback-days N            events: touches credited before a conversion (default 30)
  --inactivity-days N          events: a longer gap ends a journey (default 30)
models
  --half-life-touches N        time decay without timestamps (default 2)
  --half-life-days N           time decay with timestamps (default 7)
  --time-decay auto|touches|days
  --position F,L               position-based shares of first and last touch (default 0.4,0.4)
  --orders 1,2,3               Markov orders
intervals
  --bootstrap N                replicates of the Poisson bootstrap over journeys for the
                               90% interval on every credit (default ${DEFAULT_BOOTSTRAP.replicates}; 0 = none)
  --seed S                     bootstrap seed (default ${DEFAULT_BOOTSTRAP.seed}); same seed, same intervals
  --js                         use the TypeScript kernels instead of WebAssembly
`;

interface Parsed {
  input: string;
  out: string;
  options: Omit<AnalysisOptions, 'file'>;
  js: boolean;
}

function numberArg(name: string, v: string | undefined): number {
  const x = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(x)) throw new Error(`${name} needs a number (got ${v ?? 'nothing'})`);
  return x;
}

export function parseArgs(argv: string[]): Parsed | { help: true } {
  const options: Parsed['options'] = { format: 'auto', settings: {}, events: {}, bootstrap: { ...DEFAULT_BOOTSTRAP } };
  let input = '';
  let out = '';
  let js = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case '--help':
      case '-h':
        return { help: true };
      case '--out':
        out = next() ?? '';
        break;
      case '--format': {
        const f = next();
        if (f !== 'paths' && f !== 'events' && f !== 'auto') throw new Error(`--format must be paths, events or auto (got ${f ?? 'nothing'})`);
        options.format = f;
        break;
      }
      case '--delimiter': {
        const d = next();
        options.delimiter = d === '\\t' ? '\t' : d;
        break;
      }
      case '--separator':
        options.channelSeparator = next();
        break;
      case '--lookback-days':
        options.events!.lookbackDays = numberArg(a, next());
        break;
      case '--inactivity-days':
        options.events!.inactivityDays = numberArg(a, next());
        break;
      case '--half-life-touches':
        options.settings!.halfLifeTouches = numberArg(a, next());
        break;
      case '--half-life-days':
        options.settings!.halfLifeDays = numberArg(a, next());
        break;
      case '--time-decay': {
        const u = next();
        if (u !== 'auto' && u !== 'touches' && u !== 'days') throw new Error(`--time-decay must be auto, touches or days (got ${u ?? 'nothing'})`);
        options.settings!.timeDecayUnit = u;
        break;
      }
      case '--position': {
        const [f, l] = (next() ?? '').split(',');
        options.settings!.positionFirst = numberArg('--position (first)', f);
        options.settings!.positionLast = numberArg('--position (last)', l);
        break;
      }
      case '--orders':
        options.settings!.markovOrders = (next() ?? '').split(',').map((k) => numberArg('--orders', k));
        break;
      case '--bootstrap': {
        const b = numberArg(a, next());
        if (!Number.isInteger(b) || b < 0) throw new Error(`--bootstrap needs a whole number of replicates, 0 for none (got ${b})`);
        options.bootstrap!.replicates = b;
        break;
      }
      case '--seed': {
        const v = numberArg(a, next());
        if (!isSeed(v)) throw new Error(`--seed needs an integer from 0 to ${MAX_SEED} (got ${v})`);
        options.bootstrap!.seed = v;
        break;
      }
      case '--js':
        js = true;
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (input) throw new Error(`one input file only (got ${input} and ${a})`);
        input = a;
    }
  }
  if (!input) throw new Error('no input file');
  if (!out) throw new Error('--out DIR is required');
  return { input, out, options, js };
}

function describe(e: UserError): string {
  const where = [e.file, e.row !== undefined ? `row ${e.row}` : '', e.column ? `column ${e.column}` : ''].filter(Boolean).join(', ');
  return `${e.severity}: ${where ? `${where}: ` : ''}${e.message}${e.hint ? ` ${e.hint}` : ''}`;
}

function summary(r: AttributionResult): string {
  const models: Array<[string, Float64Array]> = [
    ['last', r.heuristics.last_touch.conversions],
    ['linear', r.heuristics.linear.conversions],
    ['shapley', r.shapley.conversions],
    ...r.markov.map((m): [string, Float64Array] => [`markov ${m.order}`, m.credit.conversions]),
  ];
  const width = Math.max(8, ...r.channels.map((c) => c.length));
  const lines = [`${'channel'.padEnd(width)} ${models.map(([n]) => n.padStart(10)).join(' ')}`];
  r.channels.forEach((c, i) => lines.push(`${c.padEnd(width)} ${models.map(([, v]) => v[i].toFixed(1).padStart(10)).join(' ')}`));
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  let args: Parsed;
  try {
    const p = parseArgs(argv);
    if ('help' in p) {
      process.stdout.write(USAGE);
      return 0;
    }
    args = p;
  } catch (e) {
    process.stderr.write(`carryover attribute: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const path = resolve(args.input);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) {
      process.stderr.write(`error: ${args.input}: is a folder, not a file. Pass the path file (path;total_conversions;...) or the event file itself.\n`);
      return 1;
    }
    size = st.size;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    process.stderr.write(`error: ${args.input}: ${missing ? 'the file does not exist' : `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`}. Check the path (it is read relative to the current directory).\n`);
    return 1;
  }
  const outProblem = prepareOutDir(args.out);
  if (outProblem) {
    process.stderr.write(describe(outProblem) + '\n');
    return 1;
  }
  const t0 = performance.now();
  const analysis = new Analysis({ ...args.options, file: basename(path), expectedBytes: size }, args.js ? null : wasmModule('mta'));
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) analysis.push(chunk as Uint8Array);
  let lastProgress = 0;
  const outcome = analysis.finish((done, total) => {
    const now = performance.now();
    if (now - lastProgress < 1000 && done < total) return;
    lastProgress = now;
    process.stderr.write(`bootstrap ${done}/${total}\n`);
  });
  for (const w of outcome.warnings) process.stderr.write(describe(w) + '\n');
  if (!outcome.ok) {
    for (const e of outcome.errors) process.stderr.write(describe(e) + '\n');
    if (outcome.errorCount > outcome.errors.length) process.stderr.write(`... ${outcome.errorCount - outcome.errors.length} more error(s)\n`);
    return 1;
  }
  const r = outcome.result;
  const problems = journeyFileProblems(r, outcome.source, args.options.channelSeparator !== undefined);
  if (problems.length > 0) {
    for (const e of problems) process.stderr.write(describe(e) + '\n');
    process.stderr.write('carryover attribute: nothing was written\n');
    return 1;
  }
  const file = join(args.out, MTA_FILE_NAME);
  writeFileAtomic(file, JSON.stringify(outcome.report, null, 2) + '\n');
  process.stderr.write(
    `${r.totals.journeys} journeys (${r.totals.conversions} conversions) over ${r.channels.length} channels, ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s (${outcome.engine})` +
      (outcome.bootstrap ? `, 90% intervals from ${outcome.bootstrap.replicates} bootstrap replicates (seed ${outcome.bootstrap.seed}, ${(outcome.bootstrap.ms / 1000).toFixed(2)} s)` : '') +
      `\n${summary(r)}\nwrote ${file}\n`,
  );
  return 0;
}
