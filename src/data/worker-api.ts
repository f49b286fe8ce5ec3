// What the parse worker does, as plain functions so Node tests can call them without a
// Worker. The worker keeps each parsed input under an id, so building a dataset from it
// does not ship the whole frame back across the boundary.
import { transfer } from 'comlink';
import type { Dataset } from '../core/types';
import { buildDataset } from './build';
import { preModelDiagnostics, type PreModelDiagnostics } from './diagnostics';
import { encodingOf } from './encoding';
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

/**
 * The parsed input as the main thread gets it: every column without its raw cells and day
 * numbers. The worker keeps the whole input under its id for role detection and building;
 * the page only shows names, kinds and problems, and cloning millions of cell strings into
 * it would hold its thread for seconds on a big file.
 */
function withoutCells(p: ParsedInput): ParsedInput {
  return { ...p, frame: { ...p.frame, columns: p.frame.columns.map(({ cells: _cells, days: _days, ...c }) => c) } };
}

/**
 * A Blob's text, decoded as it streams in so the bytes read can be reported: reading 100 MB
 * at once (blob.text()) takes about a second with nothing to show. TextDecoder's defaults
 * match blob.text() (UTF-8, a leading BOM dropped, bad bytes as U+FFFD; Encoding Standard),
 * except that a UTF-16 byte-order mark is honoured.
 */
async function blobText(blob: Blob, onBytes: (bytes: number) => void): Promise<string> {
  const reader = blob.stream().getReader();
  // Chosen on the first chunk: a UTF-16 byte-order mark picks UTF-16 (encoding.ts).
  let decoder: TextDecoder | null = null;
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    decoder ??= new TextDecoder(encodingOf(value));
    parts.push(decoder.decode(value, { stream: true }));
    bytes += value.byteLength;
    onBytes(bytes);
  }
  if (decoder) parts.push(decoder.decode());
  return parts.join('');
}

/** Reads the files one after another; `onProgress` gets the fraction of all their bytes read. */
async function readFiles(files: WorkerInputFile[], onProgress?: (fraction: number) => void): Promise<InputFile[]> {
  const total = files.reduce((s, f) => s + ('blob' in f ? f.blob.size : 0), 0) || 1;
  let before = 0;
  const out: InputFile[] = [];
  for (const f of files) {
    if ('text' in f) {
      out.push(f);
      continue;
    }
    out.push({ name: f.name, text: await blobText(f.blob, (b) => onProgress?.((before + b) / total)) });
    before += f.blob.size;
  }
  return out;
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
      const inputs = await readFiles(files, report && ((fraction) => report({ fraction, phase: 'reading' })));
      const result = parseFiles(inputs, { dateOrder: options.dateOrder, onProgress: report && ((fraction) => report({ fraction, phase: 'parsing' })) });
      report?.({ fraction: 1, phase: 'done' });
      const id = nextId++;
      parsed.set(id, result);
      return { id, parsed: withoutCells(result) };
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
