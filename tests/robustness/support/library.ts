/// <reference lib="dom" />
// What the studio's IndexedDB holds, read in the page without going through the studio
// (src/store/db.ts: `runs` = one summary per run, `payloads` = the full records), so a test
// can say "exactly this run, byte for byte, and nothing half-written".
import type { Page } from 'playwright-core';

export interface LibraryContents {
  /** Summaries, by id. */
  runs: Array<{ id: string; name: string; schema_version: number }>;
  /** Full records, by id. */
  payloads: Array<Record<string, unknown> & { id: string }>;
}

export function readLibrary(page: Page): Promise<LibraryContents> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const q = indexedDB.open('carryover');
      q.onsuccess = () => resolve(q.result);
      q.onerror = () => reject(q.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const q = db.transaction(store).objectStore(store).getAll();
        q.onsuccess = () => resolve(q.result as T[]);
        q.onerror = () => reject(q.error);
      });
    try {
      const byId = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : 1));
      return { runs: byId(await all<LibraryContents['runs'][number]>('runs')), payloads: byId(await all<LibraryContents['payloads'][number]>('payloads')) };
    } finally {
      db.close();
    }
  });
}

/** Ids that are in one object store but not the other (a partial write); empty when whole. */
export function partial(lib: LibraryContents): string[] {
  const a = new Set(lib.runs.map((r) => r.id));
  const b = new Set(lib.payloads.map((r) => r.id));
  return [...[...a].filter((id) => !b.has(id)), ...[...b].filter((id) => !a.has(id))];
}
