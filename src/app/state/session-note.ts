// The last changes before a reload, kept in this tab's sessionStorage. A session save that is
// still pending when the page is hidden is handed to IndexedDB at once (session.svelte.ts), but
// on a reload the page is torn down before the store's chain of requests is issued: Chromium
// keeps a readwrite transaction from pagehide only when its requests are issued in that task and
// it is committed explicitly (IDBTransaction.commit; checked on Chromium 156, a put without
// commit() is lost on reload). sessionStorage is written synchronously and survives a reload of
// the same tab (HTML Standard, "session storage"), so the small part of the session — model,
// preset, sampler settings, open run — is noted there too and read back, once, on restore. The
// dataset itself is not (it can be many MB); the model is taken back only onto the very dataset
// it was made for (same fingerprint), so a dataset changed in those last moments never gets
// another dataset's model.
import type { ModelSpec, SamplerSettings } from '../../core/types';
import { readSettings } from '../../store';

const KEY = 'carryover.session-pending';

export interface SessionNote {
  /** Fingerprint of the dataset the model was made for (null: no dataset). */
  dataset: string | null;
  spec: ModelSpec | null;
  preset: string;
  /** Read back field by field as the stored preferences are (a bad field is left out). */
  settings: Partial<SamplerSettings>;
  current_run_id: string | null;
}

export type NoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** This tab's sessionStorage, or null where it is unavailable (a policy that blocks storage throws on access). */
export function tabStorage(): NoteStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Notes the state (a full or blocked storage only loses the note: the IndexedDB save is still tried). */
export function writeNote(storage: NoteStorage, note: SessionNote): void {
  try {
    storage.setItem(KEY, JSON.stringify(note));
  } catch {
    // Nothing to show: the page is going away.
  }
}

/** The note left by this tab before its reload, removed as it is read; null when none or unreadable. */
export function takeNote(storage: NoteStorage): SessionNote | null {
  try {
    const raw = storage.getItem(KEY);
    if (raw === null) return null;
    storage.removeItem(KEY);
    const n = JSON.parse(raw) as Partial<SessionNote> | null;
    const ok =
      n !== null &&
      typeof n === 'object' &&
      (n.dataset === null || typeof n.dataset === 'string') &&
      (n.spec === null || (typeof n.spec === 'object' && Array.isArray(n.spec?.channels))) &&
      typeof n.preset === 'string' &&
      (n.current_run_id === null || typeof n.current_run_id === 'string');
    return ok ? { ...(n as SessionNote), settings: readSettings(n.settings) } : null;
  } catch {
    return null;
  }
}
