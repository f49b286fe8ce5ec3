// The studio's working state between visits: the dataset being modelled, the model spec,
// sampler settings, and which run was open. One record under one key, written whole (a
// reload never sees half of it). Stored runs are the durable results; this is convenience,
// so a record that does not read back is dropped rather than reported.
//
// The sampler settings (and which of them the analyst typed) are also written to their own
// small record (preferences.ts) before the session, so they outlive a session that is too big
// to save or that no longer reads back; on load they are read field by field, and a bad
// field falls back to the studio's default instead of failing the restore.
import type { ModelSpec, SamplerSettings } from '../core/types';
import { DbLink, type ConnectionEvents } from './connection';
import { openRunsDb, type Db } from './db';
import { storageError } from './errors';
import { PREFERENCES_KEY, preferencesRecord, readPreferences, readSettings, type PreferencesRecord } from './preferences';
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
  /** As loaded: only the fields that read back valid (the studio keeps its default for the rest). */
  settings: Partial<SamplerSettings> | null;
  /** Settings the analyst typed on the Fit step, as stored (the studio restores the values, not this; see preferences.ts). */
  chosen?: Array<keyof SamplerSettings>;
  current_run_id: string | null;
}

export type SessionInput = Omit<SessionRecord, 'session_version' | 'saved_at'>;

function plausible(r: unknown): r is SessionRecord {
  if (typeof r !== 'object' || r === null) return false;
  const s = r as Partial<SessionRecord>;
  return (
    s.session_version === SESSION_VERSION &&
    (s.dataset === null || (typeof s.dataset === 'object' && Array.isArray(s.dataset?.dates))) &&
    (s.spec === null || (typeof s.spec === 'object' && Array.isArray(s.spec?.channels)))
  );
}

/** A session with nothing in it but the standing choices, for when only those read back. */
function choicesOnly(p: PreferencesRecord): SessionRecord {
  return { session_version: SESSION_VERSION, saved_at: p.saved_at, dataset: null, origin: null, spec: null, preset: p.preset ?? '', settings: null, current_run_id: null };
}

export class SessionStore {
  private constructor(
    private readonly db: Db,
    private readonly link: DbLink,
  ) {}

  /** `on` hears when the connection is taken away or the open waits for another tab (connection.ts). */
  static async open(dbName?: string, on?: ConnectionEvents): Promise<Result<SessionStore>> {
    const link = new DbLink(on);
    try {
      return ok(new SessionStore(await openRunsDb(dbName, link.events), link));
    } catch (e) {
      return fail(storageError(e, 'open the saved session'));
    }
  }

  /** A read that cannot be done counts as nothing stored (this is convenience, see above). */
  async #get(store: 'session' | 'preferences', key: string): Promise<unknown> {
    try {
      // Not idb's db.get: its transaction's completion promise would go unhandled on an abort.
      const tx = this.db.transaction(store, 'readonly');
      tx.done.catch(() => undefined);
      return await tx.objectStore(store).get(key);
    } catch {
      return undefined;
    }
  }

  /**
   * The saved session with the standing choices in it; null when neither reads back. The
   * preferences record is written with every save, so its settings are the latest; a database
   * upgraded from version 2 has none until the next save, and the session's own settings are
   * read with the same field-by-field check.
   */
  async load(): Promise<SessionRecord | null> {
    const [raw, rawPrefs] = await Promise.all([this.#get('session', KEY), this.#get('preferences', PREFERENCES_KEY)]);
    const session = plausible(raw) ? raw : null;
    const prefs = readPreferences(rawPrefs);
    if (!session && !prefs) return null;
    const base = session ?? choicesOnly(prefs!);
    const settings = prefs ? prefs.settings : readSettings(session!.settings);
    return {
      ...base,
      // The model step maps a preset it does not know to 'custom'; an id that is not a string is no run.
      preset: typeof base.preset === 'string' ? base.preset : '',
      current_run_id: typeof base.current_run_id === 'string' ? base.current_run_id : null,
      settings: Object.keys(settings).length > 0 ? settings : null,
      chosen: prefs?.chosen ?? [],
    };
  }

  /** The standing choices alone (null when none read back). */
  async loadPreferences(): Promise<PreferencesRecord | null> {
    return readPreferences(await this.#get('preferences', PREFERENCES_KEY));
  }

  /**
   * Saves the choices, then the session, in two transactions: a session too big for the quota
   * fails alone and the settings are kept. `chosen` left out keeps the stored one.
   */
  async save(record: SessionInput): Promise<Result<void>> {
    const refused = this.link.refuse('keep your work for the next visit');
    if (refused) return fail(refused);
    const choices = await this.#saveChoices(record);
    try {
      await this.db.put('session', { ...record, session_version: SESSION_VERSION, saved_at: new Date().toISOString() }, KEY);
    } catch (e) {
      return fail(this.link.error(e, 'keep your work for the next visit'));
    }
    return choices;
  }

  async #saveChoices(record: SessionInput): Promise<Result<void>> {
    if (record.settings === null) return ok(undefined);
    try {
      const chosen = record.chosen ?? (await this.loadPreferences())?.chosen ?? [];
      await this.db.put('preferences', preferencesRecord({ settings: record.settings, chosen, preset: record.preset }), PREFERENCES_KEY);
      return ok(undefined);
    } catch (e) {
      return fail(this.link.error(e, 'keep your sampler settings for the next visit'));
    }
  }

  /** Forgets the working session; the standing choices stay (clearPreferences forgets those). */
  async clear(): Promise<void> {
    await this.db.delete('session', KEY);
  }

  async clearPreferences(): Promise<void> {
    await this.db.delete('preferences', PREFERENCES_KEY);
  }

  close(): void {
    this.db.close();
  }
}
