// The Diagnostics area's worker: the mmm_diagnostics.json report and the plot data of a run
// (seconds on 4 × 1000 draws), pointwise LOO for the model comparison, and the trace files
// (tens of MB of text) written and read off the main thread. The run being diagnosed is
// sent once (`load`) and kept here, so the report and the plot data do not copy it twice.
import { expose } from 'comlink';
import type { InferenceData } from '../../core/types';
import { buildDiagnostics } from '../../diagnostics/report';
import { toArvizJson, toCmdStanCsv } from '../../io';
import { pointwiseElpd, runDetails } from './compute';
import { importTrace } from './trace-files';

let current: InferenceData | null = null;

function loaded(): InferenceData {
  if (!current) throw new Error('no run loaded in the diagnostics worker');
  return current;
}

const api = {
  load(idata: InferenceData): void {
    current = idata;
  },
  report() {
    return buildDiagnostics(loaded());
  },
  details() {
    return runDetails(loaded());
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
