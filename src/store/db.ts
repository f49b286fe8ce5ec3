// The IndexedDB database behind the runs library. Two object stores so the list reads no
// draws: `runs` holds one RunSummary per run, `payloads` the full RunRecord; a run is
// written to both in one readwrite transaction, so it is either all there or not at all
// (a cancelled fit never reaches the write; a tab closed mid-write aborts the transaction).
// `session` holds the studio's working state (dataset, model, settings) under one key, so a
// reload lands where the analyst was; `preferences` the sampler settings and preset, which
// outlive the session (preferences.ts). The stores are made by the upgrade steps in
// migrations/db-upgrades.ts, one version at a time.
//
// Another tab may need the database gone (a newer Carryover upgrading it, or deleting it) or
// the browser may close it: the connection is closed on request and the loss reported through
// `on` (connection.ts), so the store can say why its next request fails.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DB_UPGRADES, DB_VERSION } from './migrations/db-upgrades';
import type { ConnectionEvents } from './connection';
import type { PreferencesRecord } from './preferences';
import type { RunRecord, RunSummary } from './schema';
import type { SessionRecord } from './session';

export const DB_NAME = 'carryover';
/** IndexedDB structure version (object stores, indexes); unrelated to the record SCHEMA_VERSION. */
export { DB_VERSION };

export interface CarryoverDB extends DBSchema {
  runs: { key: string; value: RunSummary; indexes: { created_at: string } };
  payloads: { key: string; value: RunRecord };
  session: { key: string; value: SessionRecord };
  preferences: { key: string; value: PreferencesRecord };
}

export type Db = IDBPDatabase<CarryoverDB>;

export function openRunsDb(name = DB_NAME, on: ConnectionEvents = {}): Promise<Db> {
  return openDB<CarryoverDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) DB_UPGRADES[v](db);
    },
    // This tab upgrades, and another keeps the database open (one that does not close on request).
    blocked() {
      on.blocked?.();
    },
    // Another tab runs a newer Carryover that needs to upgrade the database, or deletes it:
    // let it (it waits until every other connection is closed), and say so.
    blocking(_current, next, event) {
      (event.target as IDBDatabase).close();
      on.lost?.(next === null ? 'deleted' : 'upgraded');
    },
    // The browser closed the connection (site data cleared, storage failure).
    terminated() {
      on.lost?.('terminated');
    },
  });
}
