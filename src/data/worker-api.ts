// What the parse worker does, as plain functions so Node tests can call them without a
// Worker. The worker keeps each parsed input under an id, so building a dataset from it
// does not ship the whole frame back across the boundary.
import { transfer } from 'comlink';
import type { Dataset } from '../core/types';
import { buildDataset } from './build';
import { preModelDiagnostics, type PreModelDiagnostics } from './diagnostics';
import { parseFiles } from './parse';
import { detectRoles } from './roles';
import type { BuildOptions, BuildResult, InputFile, ParsedInput, RoleAssignment } from './types';

/** A file as the main thread sends it: text already read, or a Blob/File read here. */
export type WorkerInputFile = { name: string; text: string } | { name: string; blob: Blob };

export interface ParseProgress {
  /** 0..1 over all files by size. */
  fraction: number;
  phase: 'reading' | 'parsing' | 'done';
}

/** Progress callbacks at most this often (ms); the final one always arrives. */
export const PROGRESS_INTERVAL_MS = 100;

export function throttle(fn: (p: ParseProgress) => void, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): (p: ParseProgress) => void {
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (p.phase === 'done' || t - last >= intervalMs) {
      last = t;
      fn(p);
    }
  };
}

function buffersOf(arrays: Iterable<ArrayBufferView | undefined>): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) seen.add(a.buffer);
  return [...seen];
}

function datasetBuffers(d: Dataset): ArrayBuffer[] {
  return buffersOf([d.target.values, ...d.channels.flatMap((c) => [c.spend, c.impressions, c.clicks]), ...d.controls.map((c) => c.values)]);
}

async function readFiles(files: WorkerInputFile[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (f) => ('text' in f ? f : { name: f.name, text: await f.blob.text() })));
}

export function createDataWorkerApi() {
  const parsed = new Map<number, ParsedInput>();
  let nextId = 1;
  return {
    async parseFiles(
      files: WorkerInputFile[],
      options: { dateOrder?: 'dmy' | 'mdy' } = {},
      onProgress?: (p: ParseProgress) => void,
    ): Promise<{ id: number; parsed: ParsedInput }> {
      const report = onProgress ? throttle(onProgress) : undefined;
      report?.({ fraction: 0, phase: 'reading' });
      const inputs = await readFiles(files);
      const result = parseFiles(inputs, { dateOrder: options.dateOrder, onProgress: report && ((fraction) => report({ fraction, phase: 'parsing' })) });
      report?.({ fraction: 1, phase: 'done' });
      const id = nextId++;
      parsed.set(id, result);
      return { id, parsed: result };
    },
    detectRoles(id: number): RoleAssignment {
      return detectRoles(get(parsed, id));
    },
    buildDataset(id: number, roles: RoleAssignment, options: BuildOptions = {}): BuildResult {
      const result = buildDataset(get(parsed, id), roles, options);
      return result.dataset ? transfer(result, datasetBuffers(result.dataset)) : result;
    },
    diagnostics(dataset: Dataset): PreModelDiagnostics {
      return preModelDiagnostics(dataset);
    },
    release(id: number): void {
      parsed.delete(id);
    },
  };
}

function get(store: Map<number, ParsedInput>, id: number): ParsedInput {
  const p = store.get(id);
  if (!p) throw new Error(`parsed input ${id} is no longer held by the worker; parse the files again`);
  return p;
}

export type DataWorkerApi = ReturnType<typeof createDataWorkerApi>;
