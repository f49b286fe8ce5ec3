// INTEGRATION POINT (issue 3 ↔ src/data): turning dropped files or the bundled demo into a
// Dataset and a validation report. src/data (parsing, role detection, validation,
// aggregation, gap imputation) is still landing; until its entry point is committed these
// report that importing is unavailable rather than guessing at the files.
import type { Dataset, UserError } from '../../core/types';

export interface ImportOutcome {
  dataset: Dataset | null;
  report: UserError[];
}

const unavailable = (what: string): ImportOutcome => ({
  dataset: null,
  report: [
    {
      message: `${what} is not available in this build yet: the file importer is not wired to the studio.`,
      hint: 'Saved runs can be imported in the Runs library; their data opens here.',
      severity: 'error',
    },
  ],
});

export async function importFiles(files: File[]): Promise<ImportOutcome> {
  return unavailable(`Reading ${files.map((f) => f.name).join(', ')}`);
}

export async function loadDemo(): Promise<ImportOutcome> {
  return unavailable('The demo dataset');
}
