// The runs library over IndexedDB: list, save, open, rename, delete. Every write touches
// both object stores in one transaction (see db.ts); every read of a full run goes
// through the migration hook and validation, so a damaged record is reported, not shown.
// Draw arrays are stored packed as Float64Arrays (packed.ts) and unpacked on read.
import { storageError } from './errors';
import { openRunsDb, type Db } from './db';
import { migrateRecord } from './migrate';
import { packRecord, unpackRecord } from './packed';
import { fail, ok, type Result } from './result';
import { summarize, type RunRecord, type RunSummary } from './schema';
import { validateRunRecord } from './validate';

type Tx = { done: Promise<void>; abort(): void };
type Track = (request: Promise<unknown>) => void;

/**
 * Runs the requests `work` issues (each passed through `track`) and waits for the
 * transaction to commit; on the first failure, aborts it so none of its writes persist.
 * Every request promise gets a handler as soon as it exists, so a request that fails after
 * the abort is not an unhandled rejection.
 */
async function commit(tx: Tx, work: (track: Track) => void | Promise<void>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const track: Track = (p) => {
    p.catch(() => undefined);
    pending.push(p);
  };
  track(tx.done);
  try {
    await work(track);
    await Promise.all(pending);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    throw e;
  }
}

export class RunStore {
  private constructor(private readonly db: Db) {}

  static async open(dbName?: string): Promise<Result<RunStore>> {
    try {
      return ok(new RunStore(await openRunsDb(dbName)));
    } catch (e) {
      return fail(storageError(e, 'open the runs library'));
    }
  }

  /** Newest first. */
  async list(): Promise<Result<RunSummary[]>> {
    try {
      const all = await this.db.getAllFromIndex('runs', 'created_at');
      return ok(all.reverse());
    } catch (e) {
      return fail(storageError(e, 'list the saved runs'));
    }
  }

  /**
   * Brings the record up to the active schema (a run made by code that writes an older
   * schema is kept at the current one, as an import would be), validates it, then writes
   * the run and its summary atomically.
   */
  async save(input: RunRecord): Promise<Result<RunSummary>> {
    const m = migrateRecord(input);
    if (!m.ok) return m;
    const record = m.value.record as unknown as RunRecord;
    const problems = validateRunRecord(record);
    if (problems.length > 0) return fail(...problems);
    const summary = summarize(record);
    const stored = packRecord(record);
    const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
    try {
      await commit(tx, (track) => {
        track(tx.objectStore('payloads').put(stored));
        track(tx.objectStore('runs').put(summary));
      });
      return ok(summary);
    } catch (e) {
      return fail(storageError(e, 'save the run'));
    }
  }

  async get(id: string): Promise<Result<RunRecord>> {
    let raw: unknown;
    try {
      raw = await this.db.get('payloads', id);
    } catch (e) {
      return fail(storageError(e, 'open the run'));
    }
    if (raw === undefined) {
      return fail({ message: 'This run is no longer in the library.', hint: 'It may have been deleted in another tab; refresh the list.', severity: 'error' });
    }
    const m = migrateRecord(unpackRecord(raw));
    if (!m.ok) return m;
    const problems = validateRunRecord(m.value.record);
    if (problems.length > 0) return fail(...problems);
    const record = m.value.record as unknown as RunRecord;
    // Keep the upgraded record so the migration runs once; failing to write it back is harmless.
    if (m.value.from !== record.schema_version) await this.save(record);
    return ok(record);
  }

  async rename(id: string, name: string): Promise<Result<RunSummary>> {
    const trimmed = name.trim();
    if (!trimmed) return fail({ message: 'A run needs a name.', column: 'name', hint: 'Type at least one character.', severity: 'error' });
    const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
    try {
      let summary: RunSummary | undefined;
      await commit(tx, async (track) => {
        const rec = await tx.objectStore('payloads').get(id);
        const sum = await tx.objectStore('runs').get(id);
        if (!rec || !sum) throw new DOMException(`run ${id} not found`, 'NotFoundError');
        summary = { ...sum, name: trimmed };
        track(tx.objectStore('payloads').put({ ...rec, name: trimmed }));
        track(tx.objectStore('runs').put(summary));
      });
      return ok(summary!);
    } catch (e) {
      return fail(storageError(e, 'rename the run'));
    }
  }

  async remove(id: string): Promise<Result<void>> {
    const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
    try {
      await commit(tx, (track) => {
        track(tx.objectStore('payloads').delete(id));
        track(tx.objectStore('runs').delete(id));
      });
      return ok(undefined);
    } catch (e) {
      return fail(storageError(e, 'delete the run'));
    }
  }

  /** Ids in `payloads` without a summary or the other way round; empty unless something bypassed the store. */
  async orphans(): Promise<string[]> {
    const [a, b] = await Promise.all([this.db.getAllKeys('payloads'), this.db.getAllKeys('runs')]);
    const sa = new Set(a);
    const sb = new Set(b);
    return [...a.filter((k) => !sb.has(k)), ...b.filter((k) => !sa.has(k))];
  }

  close(): void {
    this.db.close();
  }
}
