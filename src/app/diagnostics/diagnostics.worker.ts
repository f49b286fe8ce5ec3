// The Diagnostics area's worker: the mmm_diagnostics.json report and the plot data of a run
// (seconds on 4 × 1000 draws), pointwise LOO for the model comparison, and the trace files
// (tens of MB of text) written and read off the main thread. The run being diagnosed is
// sent once (`load`) and kept here, so the report and the plot data do not copy it twice,
// and share one PSIS-LOO (DiagnosedRun).
import { expose } from 'comlink';
import type { InferenceData } from '../../core/types';
import { toArvizJson, toCmdStanCsv } from '../../io';
import { pointwiseElpd } from './compute';
import { DiagnosedRun } from './diagnosed-run';
import { importTrace } from './trace-files';

let current: DiagnosedRun | null = null;

function loaded(): DiagnosedRun {
  if (!current) throw new Error('no run loaded in the diagnostics worker');
  return current;
}

const api = {
  load(idata: InferenceData): void {
    current = new DiagnosedRun(idata);
  },
  report() {
    return loaded().report();
  },
  details() {
    return loaded().details();
  },
  pointwiseElpd,
  /** ArviZ from_dict JSON as a Blob (handed over without copying the text back). */
  arvizBlob(idata: InferenceData): Blob {
    return new Blob([toArvizJson(idata)], { type: 'application/json' });
  },
  /** One CmdStan CSV per chain. */
  cmdStanBlobs(idata: InferenceData): Blob[] {
    return toCmdStanCsv(idata).map((text) => new Blob([text], { type: 'text/csv' }));
  },
  async importFiles(files: File[]) {
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    return importTrace(read);
  },
};

export type DiagnosticsWorkerApi = typeof api;
expose(api);
