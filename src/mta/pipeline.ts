// From bytes to mta_attribution.json, streaming: the part shared by the studio's worker and
// the headless CLI. Chooses the reader from the header (path or event format), uses the WASM
// parser and kernels when a compiled module is given, and checks the settings first.
import type { UserError } from '../core/types';
import { attribute, validateSettings } from './attribute';
import { bootstrapAttribution, validateBootstrap, type BootstrapResult } from './bootstrap';
import { detectDelimiter } from './csv-scan';
import { EVENT_COLUMNS, PATH_COLUMNS } from './columns';
import { jsKernels, wasmKernels } from './kernels';
import { EventParser } from './parse-events';
import { PathParser } from './parse-paths';
import { WasmPathParser } from './parse-paths-wasm';
import { buildReport, type MtaReport } from './report';
import { DEFAULT_EVENT_OPTIONS, DEFAULT_SETTINGS, type AttributionResult, type AttributionSettings, type EventOptions, type InputFormat, type JourneyStats, type ParseOutcome, type PathTable, type SourceInfo } from './types';
import { MtaWasm } from './wasm-mta';

export interface AnalysisOptions {
  file: string;
  /** 'auto' reads the header: a path column means the path format, user and time columns the event format. */
  format: InputFormat | 'auto';
  delimiter?: string;
  channelSeparator?: string;
  events?: Partial<EventOptions>;
  settings?: Partial<AttributionSettings>;
  expectedBytes?: number;
  /** Percentile intervals by a Poisson bootstrap over journeys (bootstrap.ts); absent or 0 replicates = none. */
  bootstrap?: { replicates: number; seed: number };
}

/** The studio's and the CLI's default: 200 replicates take about 3 s on PathData (10,000 paths, all models, WASM; tests/mta/bootstrap.bench.ts). */
export const DEFAULT_BOOTSTRAP = { replicates: 200, seed: 1 };

export type AnalysisOutcome =
  | { ok: true; result: AttributionResult; bootstrap: BootstrapResult | null; report: MtaReport; source: SourceInfo; stats: JourneyStats; warnings: UserError[]; engine: 'wasm' | 'js' }
  | { ok: false; errors: UserError[]; errorCount: number; source: SourceInfo | null; warnings: UserError[] };

interface Reader {
  push(chunk: Uint8Array): void;
  finish(): ParseOutcome;
}

/** The format a header line announces, or null when it is neither. */
export function detectFormat(headerLine: string, delimiter?: string): InputFormat | null {
  const d = delimiter ?? detectDelimiter(headerLine);
  const names = headerLine.split(d).map((s) => s.replace(/^\ufeff/, '').replace(/^"|"$/g, '').trim().toLowerCase());
  const has = (aliases: readonly string[]) => aliases.some((a) => names.includes(a));
  if (has(PATH_COLUMNS.path)) return 'paths';
  if (has(EVENT_COLUMNS.user) && has(EVENT_COLUMNS.time)) return 'events';
  return null;
}

/** Streaming analysis: push the file's bytes in order, then finish. */
export class Analysis {
  private reader: Reader | null = null;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private format: InputFormat | null = null;
  private readonly wasm: MtaWasm | null;
  private failure: UserError | null = null;
  /** What finishPoint read and computed, kept for finishIntervals. */
  private point: { parsed: ParseOutcome; table: PathTable; result: AttributionResult; engine: 'wasm' | 'js' } | null = null;

  constructor(
    private readonly options: AnalysisOptions,
    private readonly module: WebAssembly.Module | null,
  ) {
    this.wasm = module ? MtaWasm.create(module) : null;
  }

  push(chunk: Uint8Array): void {
    if (this.failure) return;
    if (this.reader) {
      this.reader.push(chunk);
      return;
    }
    // Hold bytes until the header line is complete, then pick the reader.
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (chunk.indexOf(0x0a) >= 0 || this.headBytes > 1 << 20) this.start();
  }

  /** The whole analysis: point credits, then intervals. `onBootstrap` is called after each replicate (throttle in the caller). */
  finish(onBootstrap?: (done: number, total: number) => void): AnalysisOutcome {
    const point = this.finishPoint();
    return point.ok && this.wantsIntervals() ? this.finishIntervals(onBootstrap) : point;
  }

  /** Whether the options ask for bootstrap intervals. */
  wantsIntervals(): boolean {
    return (this.options.bootstrap?.replicates ?? 0) > 0;
  }

  /**
   * The point credits of every model, without intervals: the studio shows these first and
   * fills the intervals in when finishIntervals returns (the bootstrap reruns every model
   * B times, which on 50,000 journeys takes seconds).
   */
  finishPoint(onStep?: (step: string) => void): AnalysisOutcome {
    if (!this.reader && !this.failure) this.start();
    if (this.failure || !this.reader) return { ok: false, errors: [this.failure!], errorCount: 1, source: null, warnings: [] };
    onStep?.('journeys');
    const parsed = this.reader.finish();
    if (!parsed.table) return { ok: false, errors: parsed.errors, errorCount: parsed.errorCount, source: parsed.source, warnings: parsed.warnings };
    const settings = { ...DEFAULT_SETTINGS, ...this.options.settings };
    const kernels = this.wasm ? wasmKernels(parsed.table, this.wasm) : jsKernels(parsed.table);
    const result = attribute(parsed.table, settings, kernels, onStep);
    this.point = { parsed, table: parsed.table, result, engine: kernels.name };
    return this.outcome(null);
  }

  /** Bootstrap intervals on the table finishPoint read; the outcome then carries both. */
  finishIntervals(onBootstrap?: (done: number, total: number) => void): AnalysisOutcome {
    if (!this.point) throw new Error('finishIntervals needs a successful finishPoint first');
    const boot = this.options.bootstrap;
    if (!boot || boot.replicates <= 0) return this.outcome(null);
    const { table, result } = this.point;
    const bootstrap = bootstrapAttribution(table, result, this.module, { ...boot, onProgress: onBootstrap });
    // A new result object: the point outcome handed out before keeps its own timings.
    return this.outcome(bootstrap, { ...result, timings: { ...result.timings, bootstrap: bootstrap.ms } });
  }

  private outcome(bootstrap: BootstrapResult | null, result = this.point!.result): AnalysisOutcome {
    const { parsed, engine } = this.point!;
    const eventOptions = this.format === 'events' ? { ...DEFAULT_EVENT_OPTIONS, ...this.options.events } : undefined;
    const report = buildReport({ result, bootstrap, source: parsed.source, stats: parsed.stats, eventOptions, engine, warnings: parsed.warnings });
    return { ok: true, result, bootstrap, report, source: parsed.source, stats: parsed.stats, warnings: [...parsed.warnings, ...result.warnings], engine };
  }

  private start(): void {
    const joined = new Uint8Array(this.headBytes);
    let p = 0;
    for (const c of this.head) {
      joined.set(c, p);
      p += c.length;
    }
    this.head = [];
    const eol = joined.indexOf(0x0a);
    const headerLine = new TextDecoder().decode(joined.subarray(0, eol < 0 ? joined.length : eol));
    this.format = this.options.format === 'auto' ? detectFormat(headerLine, this.options.delimiter) : this.options.format;
    if (!this.format) {
      this.failure = {
        severity: 'error',
        file: this.options.file,
        row: 1,
        message: `The header (${headerLine.slice(0, 120) || 'empty'}) is neither the path format nor the event format.`,
        hint: 'Path files need path;total_conversions (ChannelAttribution). Event files need user_id, timestamp, channel, conversion.',
      };
      return;
    }
    const problems = validateSettings({ ...DEFAULT_SETTINGS, ...this.options.settings });
    if (problems.length > 0) {
      this.failure = problems[0];
      return;
    }
    const boot = this.options.bootstrap;
    const badBoot = boot && boot.replicates !== 0 ? validateBootstrap(boot) : null;
    if (badBoot) {
      this.failure = { severity: 'error', message: badBoot, hint: 'About 200 replicates give stable 90% intervals; 0 turns the intervals off.' };
      return;
    }
    const common = { file: this.options.file, delimiter: this.options.delimiter, expectedBytes: this.options.expectedBytes };
    if (this.format === 'events') this.reader = new EventParser({ ...common, ...this.options.events });
    else if (this.wasm) this.reader = new WasmPathParser(this.wasm, { ...common, channelSeparator: this.options.channelSeparator });
    else this.reader = new PathParser({ ...common, channelSeparator: this.options.channelSeparator });
    this.reader.push(joined);
  }
}
