// The runs library as the studio sees it: the list, the open run, the two runs picked for
// comparison, and the last problem to show. All storage goes through src/store.
// When another tab takes the library away (a newer Carryover upgrading it; store/connection.ts)
// the reason is shown at once and every later action answers with it.
import { roasPairs, type RoasPair } from '../runs/compare-roas';
import type { UserError } from '../../core/types';
import { RunStore, blockedWarning, compareRuns, runFileName, runFromFileText, runToFileText, type LostReason, type RunComparison, type RunRecord, type RunSummary } from '../../store';
import { libraryLostNotice } from './storage-lost';

export class RunsState {
  #store: Promise<RunStore | null> | null = null;
  #list = $state.raw<RunSummary[]>([]);
  #loaded = $state(false);
  #errors = $state.raw<UserError[]>([]);
  #comparison = $state.raw<{ a: RunSummary; b: RunSummary; result: RunComparison; roas: RoasPair[] } | null>(null);
  #notice = $state<string | null>(null);
  #lost = $state<LostReason | null>(null);

  /** `onLost` hears, once, that this tab can no longer use the library (the studio's unsaved work). */
  constructor(private readonly onLost?: (reason: LostReason) => void) {}

  get list(): RunSummary[] {
    return this.#list;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get comparison() {
    return this.#comparison;
  }
  /** A short confirmation for the live region ("Run imported."). */
  get notice(): string | null {
    return this.#notice;
  }
  /** Why this tab lost the library, or null while it has it. */
  get lost(): LostReason | null {
    return this.#lost;
  }

  #db(): Promise<RunStore | null> {
    this.#store ??= this.#open();
    return this.#store;
  }

  async #open(): Promise<RunStore | null> {
    const blocked = blockedWarning();
    const r = await RunStore.open(undefined, {
      lost: (reason) => this.connectionLost(reason),
      blocked: () => (this.#errors = [blocked]),
    });
    // The other tab let go: the waiting is over.
    if (this.#errors.includes(blocked)) this.#errors = [];
    if (r.ok) return r.value;
    this.#errors = r.errors;
    return null;
  }

  /** Another tab or the browser took the library away (from any of the studio's connections); told once. */
  connectionLost(reason: LostReason): void {
    if (this.#lost) return;
    this.#lost = reason;
    this.#errors = [libraryLostNotice(reason)];
    this.onLost?.(reason);
  }

  /** Runs a store operation; its failure becomes the problem shown, its success clears it (unless `keepErrors`). */
  async #do<T>(f: (s: RunStore) => Promise<{ ok: true; value: T } | { ok: false; errors: UserError[] }>, keepErrors = false): Promise<T | null> {
    const store = await this.#db();
    if (!store) return null;
    const r = await f(store);
    if (!r.ok) {
      this.#errors = r.errors;
      return null;
    }
    if (!keepErrors) this.#errors = [];
    return r.value;
  }

  async refresh(): Promise<void> {
    // A library lost to another tab cannot be read again here: keep the list shown and the
    // notice saying why and what to do, rather than an automatic re-read's "could not list".
    if (this.#lost) {
      this.#loaded = true;
      return;
    }
    // Refreshing after a failed save, rename or delete must not wipe the message saying why.
    const list = await this.#do((s) => s.list(), true);
    if (list) this.#list = list;
    this.#loaded = true;
  }

  /**
   * Saves a run and answers with this save's own outcome: the shared `errors` may be
   * replaced meanwhile (a failing session save reports there too), so a caller that shows
   * why a save failed takes the reasons from here.
   */
  async trySave(record: RunRecord): Promise<{ ok: true; value: RunSummary } | { ok: false; errors: UserError[] }> {
    const store = await this.#db();
    if (!store) return { ok: false, errors: this.#errors };
    const r = await store.save(record);
    this.#errors = r.ok ? [] : r.errors;
    await this.refresh();
    return r;
  }

  async save(record: RunRecord): Promise<RunSummary | null> {
    const r = await this.trySave(record);
    return r.ok ? r.value : null;
  }

  open(id: string): Promise<RunRecord | null> {
    return this.#do((s) => s.get(id));
  }

  async rename(id: string, name: string): Promise<boolean> {
    const r = await this.#do((s) => s.rename(id, name));
    await this.refresh();
    return r !== null;
  }

  async remove(id: string): Promise<void> {
    await this.#do((s) => s.remove(id));
    if (this.#comparison && (this.#comparison.a.id === id || this.#comparison.b.id === id)) this.#comparison = null;
    await this.refresh();
    this.#notice = 'Run deleted.';
  }

  async compare(idA: string, idB: string): Promise<void> {
    const a = await this.open(idA);
    const b = a && (await this.open(idB));
    if (!a || !b) return;
    const sa = this.#list.find((r) => r.id === idA)!;
    const sb = this.#list.find((r) => r.id === idB)!;
    this.#comparison = { a: sa, b: sb, result: compareRuns(a, b), roas: roasPairs(a.inference_data, b.inference_data) };
  }

  closeComparison(): void {
    this.#comparison = null;
  }

  /** Downloads the run as a JSON file (a local blob: URL; nothing leaves the machine). */
  async exportRun(id: string): Promise<void> {
    const rec = await this.open(id);
    if (!rec) return;
    const url = URL.createObjectURL(new Blob([runToFileText(rec)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = runFileName(rec);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async importFiles(files: Iterable<File>): Promise<void> {
    const errors: UserError[] = [];
    let imported = 0;
    for (const f of files) {
      const parsed = runFromFileText(await f.text(), f.name);
      if (!parsed.ok) {
        errors.push(...parsed.errors);
        continue;
      }
      const saved = await this.#do((s) => s.save(parsed.value));
      if (saved) imported++;
      else errors.push(...this.#errors);
    }
    await this.refresh();
    this.#errors = errors;
    this.#notice = imported ? `${imported} run${imported > 1 ? 's' : ''} imported.` : null;
  }

  /** Shows problems found elsewhere with storage (e.g. saving the session). */
  report(errors: UserError[]): void {
    this.#errors = errors;
  }

  dismissErrors(): void {
    this.#errors = [];
  }
}
