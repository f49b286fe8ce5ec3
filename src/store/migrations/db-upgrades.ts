// How the IndexedDB database's structure (object stores, indexes) moves from one version to
// the next: DB_UPGRADES[v] turns a version-v database into a version v + 1 one, inside the
// versionchange transaction that openRunsDb (db.ts) runs. The same idea as the record
// migrations beside it (index.ts), one level down: records are migrated when read, stores
// when the database is opened. An upgrade only adds; it never clears or rewrites what a user
// saved, so a database of any earlier version opens with its runs and session intact.
//
// When the structure changes, add DB_UPGRADES[DB_VERSION] here; DB_VERSION follows from the
// table. tests/browser/store-upgrade.test.ts opens databases built as every earlier version.
import type { IDBPDatabase } from 'idb';
import type { CarryoverDB } from '../db';

export type DbUpgrade = (db: IDBPDatabase<CarryoverDB>) => void;

export const DB_UPGRADES: Readonly<Record<number, DbUpgrade>> = {
  // v1: the runs library. `runs` holds one RunSummary per run (the list reads no draws),
  // `payloads` the full RunRecord.
  0: (db) => {
    db.createObjectStore('runs', { keyPath: 'id' }).createIndex('created_at', 'created_at');
    db.createObjectStore('payloads', { keyPath: 'id' });
  },
  // v2: the working session (dataset, model, settings, open run), one record under one key.
  1: (db) => {
    db.createObjectStore('session');
  },
  // v3: the analyst's standing choices (sampler settings, preset), apart from the session so
  // they survive a session that cannot be saved or read back (preferences.ts). Empty at first:
  // SessionStore.load falls back to the session's own settings until the next save.
  2: (db) => {
    db.createObjectStore('preferences');
  },
  // v4: no store changes. From here a payload's draw arrays may be Float64Arrays (packed.ts),
  // which an earlier Carryover would read as a damaged run and offer to delete. The version
  // step keeps such a tab away from them: it is asked to close its connection (db.ts,
  // `blocking`) and cannot reopen the newer database (VersionError, errors.ts says to
  // reload). Payloads stored before keep their nested arrays and read as they are.
  3: () => undefined,
};

/** The version a database has after every upgrade in the table. */
export const DB_VERSION = Object.keys(DB_UPGRADES).length;
