// The runs library over IndexedDB: list, save, open, rename, delete. Every write touches
// both object stores in one transaction (see db.ts); every read of a full run goes
// through the migration hook and validation, so a damaged record is reported, not shown.
// Draw arrays are stored packed as Float64Arrays (packed.ts) and unpacked on read.
// A connection another tab took away (connection.ts) answers every call with why and what to do.
import { DbLink, type ConnectionEvents } from './connection';
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
/**
 * A read-only transaction whose completion promise is handled. idb's shortcut reads
 * (db.get, db.getAll…) create that promise and leave it unawaited, so a read aborted by a
 * connection the browser closed raised an unhandled 'AbortError' besides failing the read.
 */
function readTx<N extends 'payloads' | 'runs'>(db: Db, stores: N[]) {
  const tx = db.transaction(stores, 'readonly');
  tx.done.catch(() => undefined);
  return tx;
}

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
  private constructor(
    private readonly db: Db,
    private readonly link: DbLink,
  ) {}

  /** `on` hears when the connection is taken away or the open waits for another tab. */
  static async open(dbName?: string, on?: ConnectionEvents): Promise<Result<RunStore>> {
    const link = new DbLink(on);
    try {
      return ok(new RunStore(await openRunsDb(dbName, link.events), link));
    } catch (e) {
      return fail(storageError(e, 'open the runs library'));
    }
  }

  /** Runs `f`, unless the connection is gone; a throw becomes the message for `action`. */
  async #try<T>(action: string, f: () => Promise<T>): Promise<Result<T>> {
    const refused = this.link.refuse(action);
    if (refused) return fail(refused);
    try {
      return ok(await f());
    } catch (e) {
      return fail(this.link.error(e, action));
    }
  }

  /** Newest first. */
  list(): Promise<Result<RunSummary[]>> {
    return this.#try('list the saved runs', async () => {
      const tx = readTx(this.db, ['runs']);
      return (await tx.objectStore('runs').index('created_at').getAll()).reverse();
    });
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
    return this.#try('save the run', async () => {
      const stored = packRecord(record);
      const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
      await commit(tx, (track) => {
        track(tx.objectStore('payloads').put(stored));
        track(tx.objectStore('runs').put(summary));
      });
      return summary;
    });
  }

  async get(id: string): Promise<Result<RunRecord>> {
    const got = await this.#try<unknown>('open the run', () => readTx(this.db, ['payloads']).objectStore('payloads').get(id));
    if (!got.ok) return got;
    const raw = got.value;
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
    return this.#try('rename the run', async () => {
      const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
      let summary: RunSummary | undefined;
      await commit(tx, async (track) => {
        const rec = await tx.objectStore('payloads').get(id);
        const sum = await tx.objectStore('runs').get(id);
        if (!rec || !sum) throw new DOMException(`run ${id} not found`, 'NotFoundError');
        summary = { ...sum, name: trimmed };
        track(tx.objectStore('payloads').put({ ...rec, name: trimmed }));
        track(tx.objectStore('runs').put(summary));
      });
      return summary!;
    });
  }

  remove(id: string): Promise<Result<void>> {
    return this.#try('delete the run', async () => {
      const tx = this.db.transaction(['payloads', 'runs'], 'readwrite');
      await commit(tx, (track) => {
        track(tx.objectStore('payloads').delete(id));
        track(tx.objectStore('runs').delete(id));
      });
    });
  }

  /** Ids in `payloads` without a summary or the other way round; empty unless something bypassed the store. */
  async orphans(): Promise<string[]> {
    const tx = readTx(this.db, ['payloads', 'runs']);
    const [a, b] = await Promise.all([tx.objectStore('payloads').getAllKeys(), tx.objectStore('runs').getAllKeys()]);
    const sa = new Set(a);
    const sb = new Set(b);
    return [...a.filter((k) => !sb.has(k)), ...b.filter((k) => !sa.has(k))];
  }

  close(): void {
    this.db.close();
  }
}
