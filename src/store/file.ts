// Export a run to a JSON file and import it back (on this or another machine). The file
// wraps the RunRecord with a format tag; import goes through migration and validation and
// gives the run a new id, so importing twice never overwrites a run.
import type { UserError } from '../core/types';
import { migrateRecord } from './migrate';
import { fail, ok, type Result } from './result';
import type { RunRecord } from './schema';
import { validateRunRecord } from './validate';

export const RUN_FILE_FORMAT = 'carryover-run';

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  exported_at: string;
  run: RunRecord;
}

/** File name safe on every OS: letters, digits, dot, dash, underscore. */
export function runFileName(record: Pick<RunRecord, 'name'>): string {
  const slug = record.name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `carryover-run-${slug || 'untitled'}.json`;
}

export function runToFileText(record: RunRecord, now = new Date()): string {
  const file: RunFile = { format: RUN_FILE_FORMAT, exported_at: now.toISOString(), run: record };
  return JSON.stringify(file);
}

const bad = (file: string, message: string, hint: string): UserError => ({ message, file, hint, severity: 'error' });

export function runFromFileText(text: string, fileName: string, newId: () => string = () => crypto.randomUUID()): Result<RunRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(bad(fileName, `${fileName} is not valid JSON (${(e as Error).message}).`, 'Choose a file made with "Export run".'));
  }
  const wrapper = parsed as Partial<RunFile> | null;
  if (!wrapper || typeof wrapper !== 'object' || wrapper.format !== RUN_FILE_FORMAT) {
    return fail(bad(fileName, `${fileName} is not a Carryover run file.`, 'Choose a file made with "Export run" (its "format" is "carryover-run").'));
  }
  const m = migrateRecord(wrapper.run, fileName);
  if (!m.ok) return m;
  const problems = validateRunRecord(m.value.record, fileName);
  if (problems.length > 0) return fail(...problems);
  return ok({ ...(m.value.record as unknown as RunRecord), id: newId() });
}
