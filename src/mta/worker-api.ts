// What the MTA worker does, as a plain object so it type-checks (and runs in tests) outside
// a worker: read a File as a stream (or generated demo journeys) into the streaming
// analysis, report progress at most every 100 ms, and return the outcome.
import type { UserError } from '../core/types';
import { generateJourneys, journeysToPathCsv } from './generator';
import { Analysis, type AnalysisOptions, type AnalysisOutcome } from './pipeline';

export type MtaSource = { kind: 'file'; file: File } | { kind: 'bytes'; name: string; bytes: Uint8Array } | { kind: 'demo'; journeys: number; seed: number };

export interface MtaProgress {
  phase: 'reading' | 'attributing' | 'bootstrap';
  bytes: number;
  total: number;
  /** Attributing phase: the step under way (totals, heuristics, shapley, shapley_full, markov_1, …, summary). */
  step?: string;
  /** Bootstrap phase: replicates done out of `replicates`. */
  done?: number;
  replicates?: number;
}

export type MtaRunOptions = Omit<AnalysisOptions, 'file' | 'expectedBytes'>;

const PROGRESS_MS = 100;
const DEMO_CHUNK = 1 << 20;

export function makeMtaWorkerApi(compile: () => Promise<WebAssembly.Module>) {
  let module: Promise<WebAssembly.Module> | null = null;

  async function wasmOrNull(): Promise<{ module: WebAssembly.Module | null; warning?: UserError }> {
    module ??= compile();
    try {
      return { module: await module };
    } catch (e) {
      module = null;
      return {
        module: null,
        warning: { severity: 'warning', message: `WebAssembly could not be loaded (${(e as Error).message}); the slower TypeScript models were used.`, hint: 'Reload the page to retry.' },
      };
    }
  }

  return {
    /**
     * Reads the source and attributes it. With bootstrap intervals asked for and `onPoint`
     * given, the point credits go to `onPoint` first (awaited, so they arrive before the
     * returned outcome, which comes back on another port) and the intervals follow.
     */
    async analyze(source: MtaSource, options: MtaRunOptions, onProgress?: (p: MtaProgress) => void, onPoint?: (point: AnalysisOutcome) => unknown): Promise<AnalysisOutcome> {
      const { module: wasm, warning } = await wasmOrNull();
      let last = 0;
      const progress = (p: MtaProgress, force = false) => {
        const now = Date.now();
        if (onProgress && (force || now - last >= PROGRESS_MS)) {
          last = now;
          onProgress(p);
        }
      };
      let name: string;
      let bytes: Uint8Array | null = null;
      if (source.kind === 'file') name = source.file.name;
      else if (source.kind === 'bytes') {
        name = source.name;
        bytes = source.bytes;
      } else {
        name = `demo-${source.journeys}-journeys-seed-${source.seed}.csv`;
        bytes = journeysToPathCsv(generateJourneys(source.journeys, source.seed));
      }
      const total = source.kind === 'file' ? source.file.size : bytes!.length;
      const analysis = new Analysis({ ...options, file: name, expectedBytes: total }, wasm);
      let read = 0;
      if (bytes) {
        for (let p = 0; p < bytes.length; p += DEMO_CHUNK) {
          analysis.push(bytes.subarray(p, Math.min(bytes.length, p + DEMO_CHUNK)));
          read = Math.min(bytes.length, p + DEMO_CHUNK);
          progress({ phase: 'reading', bytes: read, total });
        }
      } else {
        const reader = (source as { file: File }).file.stream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          analysis.push(value);
          read += value.length;
          progress({ phase: 'reading', bytes: read, total });
        }
      }
      progress({ phase: 'attributing', bytes: read, total }, true);
      const withWarning = (out: AnalysisOutcome) => (warning ? { ...out, warnings: [warning, ...out.warnings] } : out);
      const point = withWarning(analysis.finishPoint((step) => progress({ phase: 'attributing', bytes: read, total, step }, true)));
      if (!point.ok || !analysis.wantsIntervals()) return point;
      if (onPoint) await onPoint(point);
      const replicates = options.bootstrap!.replicates;
      progress({ phase: 'bootstrap', bytes: read, total, done: 0, replicates }, true);
      return withWarning(analysis.finishIntervals((done) => progress({ phase: 'bootstrap', bytes: read, total, done, replicates }, done === replicates)));
    },
  };
}

export type MtaWorkerApi = ReturnType<typeof makeMtaWorkerApi>;
