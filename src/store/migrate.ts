// The migration step: a stored or imported run carries `schema_version`; records older
// than the active schema (migrations/index.ts: SCHEMA_VERSION unless a newer one is
// registered) are upgraded one version at a time by its migrations[v] (v → v + 1) before
// validation. Keep the v1 fixture (tests/store/fixtures/run-v1.json) migrating in the tests.
import type { UserError } from '../core/types';
import { activeSchema, MIGRATIONS, type Migration } from './migrations';
import { fail, ok, type Result } from './result';

export { MIGRATIONS, type Migration };

export interface Migrated {
  record: Record<string, unknown>;
  /** The version the record had before migrating. */
  from: number;
}

const err = (message: string, hint: string, file?: string): UserError => ({ message, hint, file, column: 'schema_version', severity: 'error' });

export function migrateRecord(
  raw: unknown,
  file?: string,
  migrations: Readonly<Record<number, Migration>> = activeSchema().migrations,
  target: number = activeSchema().version,
): Result<Migrated> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(err('This is not a Carryover run record.', 'Import a file made with "Export run".', file));
  }
  const from = (raw as Record<string, unknown>).schema_version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return fail(err(`The run has no valid schema_version (${JSON.stringify(from)}).`, 'Import a file made with "Export run".', file));
  }
  if (from > target) {
    return fail(
      err(
        `The run was saved by a newer Carryover (schema ${from}; this version reads up to ${target}).`,
        'Open it with the newer version of Carryover, or update this one.',
        file,
      ),
    );
  }
  let record = raw as Record<string, unknown>;
  for (let v = from; v < target; v++) {
    const step = migrations[v];
    if (!step) return fail(err(`No migration from schema ${v} to ${v + 1}.`, 'This is a bug in Carryover; please report it.', file));
    record = { ...step(record), schema_version: v + 1 };
  }
  return ok({ record, from });
}
