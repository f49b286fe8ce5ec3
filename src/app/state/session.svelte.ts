// Keeps the studio's working state across reloads: restores the saved session at start,
// then saves the dataset, model, sampler settings and open run whenever they change
// (debounced; one put of one record). Storage failures here are shown once, not per save.
import { SessionStore, loadDataset, storeDataset } from '../../store';
import type { DataOrigin } from './data.svelte';
import type { Studio } from './studio.svelte';

const SAVE_DELAY_MS = 400;

export class SessionSync {
  #store: Promise<SessionStore | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #warned = false;

  constructor(private readonly studio: Studio) {}

  #db(): Promise<SessionStore | null> {
    // Its connection hears another tab taking the library away as the runs library's does.
    this.#store ??= SessionStore.open(undefined, { lost: (reason) => this.studio.runs.connectionLost(reason) }).then((r) => (r.ok ? r.value : null));
    return this.#store;
  }

  async restore(): Promise<void> {
    const s = await (await this.#db())?.load();
    if (!s) return;
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

  /** Starts saving on every change; returns the stopper. */
  start(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const { studio } = this;
        const snapshot = {
          dataset: studio.data.dataset,
          origin: studio.data.origin,
          spec: studio.model.spec,
          preset: studio.model.preset,
          settings: { ...studio.fit.settings },
          current_run_id: studio.current?.id ?? null,
        };
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.#save(snapshot), SAVE_DELAY_MS);
      });
      return () => clearTimeout(this.#timer);
    });
  }

  async #save(s: {
    dataset: Parameters<typeof storeDataset>[0] | null;
    origin: DataOrigin | null;
    spec: Studio['model']['spec'];
    preset: string;
    settings: Studio['fit']['settings'];
    current_run_id: string | null;
  }): Promise<void> {
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
