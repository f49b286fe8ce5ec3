// The studio's working state between visits: the dataset being modelled, the model spec,
// sampler settings, and which run was open. One record under one key, written whole (a
// reload never sees half of it). Stored runs are the durable results; this is convenience,
// so a record that does not read back is dropped rather than reported.
import type { ModelSpec, SamplerSettings } from '../core/types';
import { openRunsDb, type Db } from './db';
import { storageError } from './errors';
import { fail, ok, type Result } from './result';
import type { StoredDataset } from './schema';

export const SESSION_VERSION = 1;
const KEY = 'current';

export interface SessionRecord {
  session_version: typeof SESSION_VERSION;
  saved_at: string;
  dataset: StoredDataset | null;
  /** How the dataset came in, as the Data step describes it. */
  origin: unknown;
  spec: ModelSpec | null;
  preset: string;
  settings: SamplerSettings | null;
  current_run_id: string | null;
}

function plausible(r: unknown): r is SessionRecord {
  if (typeof r !== 'object' || r === null) return false;
  const s = r as Partial<SessionRecord>;
  return (
    s.session_version === SESSION_VERSION &&
    (s.dataset === null || (typeof s.dataset === 'object' && Array.isArray(s.dataset?.dates))) &&
    (s.spec === null || (typeof s.spec === 'object' && Array.isArray(s.spec?.channels)))
  );
}

export class SessionStore {
  private constructor(private readonly db: Db) {}

  static async open(dbName?: string): Promise<Result<SessionStore>> {
    try {
      return ok(new SessionStore(await openRunsDb(dbName)));
    } catch (e) {
      return fail(storageError(e, 'open the saved session'));
    }
  }

  async load(): Promise<SessionRecord | null> {
    try {
      const r = await this.db.get('session', KEY);
      return plausible(r) ? r : null;
    } catch {
      return null;
    }
  }

  async save(record: Omit<SessionRecord, 'session_version' | 'saved_at'>): Promise<Result<void>> {
    try {
      await this.db.put('session', { ...record, session_version: SESSION_VERSION, saved_at: new Date().toISOString() }, KEY);
      return ok(undefined);
    } catch (e) {
      return fail(storageError(e, 'keep your work for the next visit'));
    }
  }

  async clear(): Promise<void> {
    await this.db.delete('session', KEY);
  }

  close(): void {
    this.db.close();
  }
}
