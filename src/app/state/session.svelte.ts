// Keeps the studio's working state across reloads: restores the saved session at start,
// then saves the dataset, model, sampler settings and open run whenever they change
// (debounced; one put of one record). Storage failures here are shown once, not per save.
//
// A change made less than the debounce before a reload or a tab close would be lost, so a
// pending save is written at once when the page is hidden: `pagehide` (the last event a page
// is sure to get on a reload or navigation; HTML Standard, "unloading documents") and
// `visibilitychange` to hidden (the last reliable moment on mobile, where a backgrounded tab
// may be discarded without pagehide; Page Lifecycle API, developer.chrome.com/docs/web-platform/page-lifecycle-api).
// On a reload that put does not land (the page is gone before the store issues it), so at
// pagehide the small part of the state is also noted in this tab's sessionStorage and taken
// back on restore (session-note.ts).
import { SessionStore, loadDataset, storeDataset, type LostReason } from '../../store';
import type { DataOrigin } from './data.svelte';
import { takeNote, tabStorage, writeNote, type NoteStorage, type SessionNote } from './session-note';
import type { Studio } from './studio.svelte';

const SAVE_DELAY_MS = 400;

/** The working state one session record keeps. */
export type SessionSnapshot = {
  dataset: Parameters<typeof storeDataset>[0] | null;
  origin: DataOrigin | null;
  spec: Studio['model']['spec'];
  preset: string;
  settings: Studio['fit']['settings'];
  current_run_id: string | null;
};

/** Where the page says it is going away (window and document in the browser; stand-ins in tests). */
export interface PageEvents {
  window: EventTarget;
  document: EventTarget & { readonly visibilityState: string };
}

export interface SessionDeps {
  /** Opens the session store (null when storage is unavailable). */
  open?: (lost: (reason: LostReason) => void) => Promise<SessionStore | null>;
  page?: PageEvents | null;
  /** Where the last changes before a reload are noted (session-note.ts); this tab's sessionStorage by default. */
  notes?: NoteStorage | null;
}

const browserPage = (): PageEvents | null => (typeof window !== 'undefined' && typeof document !== 'undefined' ? { window, document } : null);

export class SessionSync {
  #store: Promise<SessionStore | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest state not yet handed to the store. */
  #pending: SessionSnapshot | null = null;
  /** The state noted in sessionStorage at the last pagehide (session-note.ts). */
  #noted: SessionSnapshot | null = null;
  #warned = false;
  readonly #open: NonNullable<SessionDeps['open']>;
  readonly #page: PageEvents | null;
  readonly #notes: NoteStorage | null;

  constructor(
    private readonly studio: Studio,
    deps: SessionDeps = {},
  ) {
    this.#open = deps.open ?? ((lost) => SessionStore.open(undefined, { lost }).then((r) => (r.ok ? r.value : null)));
    this.#page = deps.page === undefined ? browserPage() : deps.page;
    this.#notes = deps.notes === undefined ? tabStorage() : deps.notes;
  }

  #db(): Promise<SessionStore | null> {
    // Its connection hears another tab taking the library away as the runs library's does.
    this.#store ??= this.#open((reason) => this.studio.runs.connectionLost(reason));
    return this.#store;
  }

  async restore(): Promise<void> {
    const s = await (await this.#db())?.load();
    const note = this.#notes ? takeNote(this.#notes) : null;
    if (s) await this.#restoreSaved(s);
    if (note) await this.#restoreNote(note);
  }

  async #restoreSaved(s: NonNullable<Awaited<ReturnType<SessionStore['load']>>>): Promise<void> {
    const { studio } = this;
    if (s.dataset) studio.data.set(loadDataset(s.dataset), (s.origin as DataOrigin | null) ?? null);
    studio.model.restore(s.spec, s.preset);
    // The values come back; which of them were typed is this visit's own ("Try the demo"
    // keeps what was typed in this visit and uses its recommended settings for the rest).
    if (s.settings) studio.fit.updateSettings(s.settings);
    // The open run comes back as the current results only: opening it the usual way would put
    // its data, model and settings over the ones saved after it (new data loaded, a model edit,
    // another seed), and the user's working state would be lost on a reload.
    if (s.current_run_id) await studio.resumeRun(s.current_run_id);
  }

  /** The changes noted at this tab's last pagehide, newer than the saved session (session-note.ts). */
  async #restoreNote(n: SessionNote): Promise<void> {
    const { studio } = this;
    studio.fit.updateSettings(n.settings);
    // A model belongs to its dataset: only onto the same data (a dataset loaded in the last moments is not in the saved session).
    if (n.dataset === (studio.data.dataset?.fingerprint ?? null)) studio.model.restore(n.spec, n.preset);
    if (n.current_run_id && n.current_run_id !== studio.current?.id) await studio.resumeRun(n.current_run_id);
  }

  /** Starts saving on every change, and at once when the page is hidden; returns the stopper. */
  start(): () => void {
    const stopEffect = $effect.root(() => {
      $effect(() => {
        const { studio } = this;
        this.changed({
          dataset: studio.data.dataset,
          origin: studio.data.origin,
          spec: studio.model.spec,
          preset: studio.model.preset,
          settings: { ...studio.fit.settings },
          current_run_id: studio.current?.id ?? null,
        });
      });
      return () => clearTimeout(this.#timer);
    });
    const stopListening = this.listen();
    return () => {
      stopListening();
      stopEffect();
    };
  }

  /** A new state to keep: saved once no change has followed for SAVE_DELAY_MS, or at the next flush. */
  changed(s: SessionSnapshot): void {
    this.#pending = s;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Flushes whenever the page is hidden (see the top of the file); returns the stopper. */
  listen(): () => void {
    const page = this.#page;
    if (!page) return () => undefined;
    const onHidden = () => {
      if (page.document.visibilityState === 'hidden') this.flush();
    };
    const onPageHide = () => {
      const s = this.#pending;
      if (s && this.#notes) {
        const { spec, preset, settings, current_run_id } = s;
        writeNote(this.#notes, { dataset: s.dataset?.fingerprint ?? null, spec, preset, settings, current_run_id });
        this.#noted = s;
      }
      this.flush();
    };
    // Back from the back/forward cache, the page lives on and no restore reads the note: drop
    // it (a later reload must not take it over newer saves) and save its state the usual way,
    // in case the write at pagehide did not land.
    const onPageShow = (e: Event) => {
      const s = this.#noted;
      this.#noted = null;
      if (!(e as PageTransitionEvent).persisted || !s) return;
      if (this.#notes) takeNote(this.#notes);
      if (!this.#pending) this.changed(s);
    };
    page.window.addEventListener('pagehide', onPageHide);
    page.window.addEventListener('pageshow', onPageShow);
    page.document.addEventListener('visibilitychange', onHidden);
    return () => {
      page.window.removeEventListener('pagehide', onPageHide);
      page.window.removeEventListener('pageshow', onPageShow);
      page.document.removeEventListener('visibilitychange', onHidden);
    };
  }

  /**
   * Hands the pending state to the store now (nothing when none is pending). On a page being
   * hidden the put must be issued within the event's task: the store is already open then, so
   * only microtasks stand between this call and the request.
   */
  flush(): void {
    clearTimeout(this.#timer);
    const s = this.#pending;
    if (!s) return;
    this.#pending = null;
    void this.#save(s);
  }

  async #save(s: SessionSnapshot): Promise<void> {
    const store = await this.#db();
    if (!store) return;
    const r = await store.save({ ...s, origin: s.origin ? $state.snapshot(s.origin) : null, dataset: s.dataset ? storeDataset(s.dataset) : null });
    // A library taken away by another tab is already shown, with what to do, by the runs library.
    if (!r.ok && !this.#warned && !this.studio.runs.lost) {
      this.#warned = true;
      this.studio.runs.report(r.errors);
    }
  }
}
