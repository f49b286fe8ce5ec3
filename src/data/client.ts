// The main thread's handle on the parse worker. One object owns the worker: calls queue on
// it, an AbortSignal terminates it (a new one starts on the next call), and the ids of
// parsed inputs held in the worker stay hidden behind the ParsedInput objects.
import { proxy, wrap, type Remote } from 'comlink';
import type { Dataset } from '../core/types';
import type { PreModelDiagnostics } from './diagnostics';
import type { BuildOptions, BuildResult, ParsedInput, RoleAssignment } from './types';
import type { DataWorkerApi, ParseProgress, WorkerInputFile } from './worker-api';

export type { ParseProgress };

export interface ParseRequest {
  /** Files from a picker or a drop (folder picks keep their relative path) or plain text. */
  files: Array<File | { name: string; text: string }>;
  dateOrder?: 'dmy' | 'mdy';
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
}

function toWorkerFile(f: File | { name: string; text: string }): WorkerInputFile {
  if ('text' in f && typeof f.text === 'string') return f as { name: string; text: string };
  const file = f as File;
  return { name: file.webkitRelativePath || file.name, blob: file };
}

function abortError(): DOMException {
  return new DOMException('The data step was cancelled', 'AbortError');
}

export class DataClient {
  private worker: Worker | null = null;
  private api: Remote<DataWorkerApi> | null = null;
  private readonly ids = new WeakMap<ParsedInput, { generation: number; id: number }>();
  /** Bumped when the worker is terminated: inputs it held are gone. */
  private generation = 0;

  constructor(private readonly makeWorker: () => Worker = () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' })) {}

  private remote(): Remote<DataWorkerApi> {
    if (!this.api) {
      this.worker = this.makeWorker();
      this.api = wrap<DataWorkerApi>(this.worker);
    }
    return this.api;
  }

  /** Run a call; on abort the worker is terminated (everything it held is gone). */
  private async run<T>(signal: AbortSignal | undefined, call: (api: Remote<DataWorkerApi>) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortError();
    const api = this.remote();
    if (!signal) return call(api);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        this.terminate();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      call(api).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async parse(req: ParseRequest): Promise<ParsedInput> {
    const files = req.files.map(toWorkerFile);
    const progress = req.onProgress ? proxy(req.onProgress) : undefined;
    const { id, parsed } = await this.run(req.signal, (api) => api.parseFiles(files, { dateOrder: req.dateOrder }, progress));
    this.ids.set(parsed, { generation: this.generation, id });
    return parsed;
  }

  private idOf(parsed: ParsedInput): number {
    const held = this.ids.get(parsed);
    if (!held || held.generation !== this.generation) {
      throw new Error('this input is not held by the data worker (it was cancelled or restarted); parse the files again');
    }
    return held.id;
  }

  detectRoles(parsed: ParsedInput, signal?: AbortSignal): Promise<RoleAssignment> {
    return this.run(signal, (api) => api.detectRoles(this.idOf(parsed)));
  }

  buildDataset(parsed: ParsedInput, roles: RoleAssignment, options: BuildOptions = {}, signal?: AbortSignal): Promise<BuildResult> {
    return this.run(signal, (api) => api.buildDataset(this.idOf(parsed), roles, options));
  }

  diagnostics(dataset: Dataset, signal?: AbortSignal): Promise<PreModelDiagnostics> {
    return this.run(signal, (api) => api.diagnostics(dataset));
  }

  /** Let the worker drop a parsed input the UI no longer shows. */
  async release(parsed: ParsedInput): Promise<void> {
    const held = this.ids.get(parsed);
    this.ids.delete(parsed);
    if (held && held.generation === this.generation && this.api) await this.api.release(held.id);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.generation++;
  }
}
