// Trace export and import for the open run: ArviZ from_dict JSON and CmdStan CSV (one file
// per chain) written in the jobs worker and saved as local blob: downloads; imported files
// parsed there too and saved into the runs library. Nothing leaves the machine.
import type { UserError } from '../../core/types';
import type { RunRecord, RunSummary } from '../../store';
import type { Result } from '../../store/result';
import { isAbort, traceJobs } from './client';
import { arvizFileName, chainFileName, exportableIdata } from './trace-files';

/** Saves a blob under a file name through a temporary local link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export class TransferState {
  #busy = $state<string | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #notice = $state<string | null>(null);
  #imported = $state.raw<RunSummary | null>(null);
  /** CSV blobs of the last run exported, so each chain's button does not rewrite them all. */
  #csv: { run: RunRecord; blobs: Blob[] } | null = null;

  /** What is being done ("Writing CmdStan CSV…"), or null. */
  get busy(): string | null {
    return this.#busy;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get notice(): string | null {
    return this.#notice;
  }
  /** The run the last import added to the library. */
  get imported(): RunSummary | null {
    return this.#imported;
  }

  async #job(label: string, f: () => Promise<void>): Promise<void> {
    this.#busy = label;
    this.#errors = [];
    this.#notice = null;
    try {
      await f();
    } catch (e) {
      if (!isAbort(e)) this.#errors = [{ message: `${label.replace(/…$/, '')} failed: ${(e as Error)?.message ?? String(e)}`, hint: 'Try again; if it persists, reload the page.', severity: 'error' }];
    } finally {
      this.#busy = null;
    }
  }

  exportArviz(run: RunRecord): Promise<void> {
    return this.#job('Writing ArviZ JSON…', async () => {
      const blob = await traceJobs.run((api) => api.arvizBlob(exportableIdata(run)));
      saveBlob(blob, arvizFileName(run));
      this.#notice = `Saved ${arvizFileName(run)}.`;
    });
  }

  /** One chain's CSV (0-based chain), or every chain's when `chain` is omitted. */
  exportCmdStan(run: RunRecord, chain?: number): Promise<void> {
    return this.#job('Writing CmdStan CSV…', async () => {
      if (this.#csv?.run !== run) this.#csv = { run, blobs: await traceJobs.run((api) => api.cmdStanBlobs(exportableIdata(run))) };
      const blobs = this.#csv.blobs;
      const which = chain === undefined ? blobs.map((_, c) => c) : [chain];
      for (const c of which) saveBlob(blobs[c], chainFileName(run, c));
      this.#notice = which.length === 1 ? `Saved ${chainFileName(run, which[0])}.` : `Saved ${which.length} chain files.`;
    });
  }

  /** Reads the files in the worker and saves the run they hold into the library. */
  importFiles(files: File[], save: (r: RunRecord) => Promise<RunSummary | null>, saveErrors: () => UserError[]): Promise<void> {
    return this.#job('Importing…', async () => {
      this.#imported = null;
      const r = await traceJobs.run<Result<RunRecord>>((api) => api.importFiles(files));
      if (!r.ok) {
        this.#errors = r.errors;
        return;
      }
      const saved = await save(r.value);
      if (!saved) {
        this.#errors = saveErrors();
        return;
      }
      this.#imported = saved;
      this.#notice = `Imported as "${saved.name}" into the Runs library.`;
    });
  }
}
