// The schema the runs library reads and writes: its version and the migrations that bring
// older records up to it. Reads (RunStore.get), saves, imports (runFromFileText) and
// validation all ask `activeSchema()`, so there is one place where "the current schema"
// is decided.
//
// The built-in schema is SCHEMA_VERSION with MIGRATIONS below. When the schema moves on,
// bump SCHEMA_VERSION, add MIGRATIONS[old] and keep the v1 fixture migrating in the tests.
// `registerSchema` installs a newer schema at run time; the tests use it to simulate the
// next version (a migration that renames a field) against the real store and studio.
import { SCHEMA_VERSION } from '../schema';

/** Turns a record of schema v into one of schema v + 1 (schema_version is set by the caller). */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[v] turns a schema v record into a schema v + 1 record. None yet: v1 is the first. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export interface StoreSchema {
  /** The schema_version records are brought up to and saved at. */
  version: number;
  /** migrations[v]: v → v + 1, for every v from 1 to version − 1. */
  migrations: Readonly<Record<number, Migration>>;
}

const BUILT_IN: StoreSchema = { version: SCHEMA_VERSION, migrations: MIGRATIONS };
let active: StoreSchema = BUILT_IN;

export function activeSchema(): StoreSchema {
  return active;
}

/**
 * Makes `schema` the one the store reads and writes; returns a function that puts the
 * previous one back. Throws (a programming error, not a user's) when the schema is older
 * than the built-in one or a step from 1 up to its version has no migration.
 */
export function registerSchema(schema: StoreSchema): () => void {
  if (!Number.isInteger(schema.version) || schema.version < SCHEMA_VERSION) {
    throw new Error(`store schema ${schema.version} is older than the built-in schema ${SCHEMA_VERSION}`);
  }
  for (let v = 1; v < schema.version; v++) {
    if (typeof schema.migrations[v] !== 'function') throw new Error(`store schema ${schema.version} has no migration from ${v} to ${v + 1}`);
  }
  const previous = active;
  active = { version: schema.version, migrations: { ...schema.migrations } };
  return () => {
    active = previous;
  };
}
