// Work that switching to a new version of the studio must not interrupt (a fit, a long
// import). Whoever starts such work holds the flag and releases it when done; the update
// banner (UpdateBanner.svelte) reads it and will not activate a waiting service worker
// while anything is held, so an update is never forced mid-fit (issue 8).
//
//   const release = busy.hold('a fit is running');
//   try { await fit(); } finally { release(); }
import { untrack } from 'svelte';

export interface BusyFlag {
  readonly active: boolean;
  readonly reasons: readonly string[];
}

export class BusyRegistry implements BusyFlag {
  #holds = $state.raw<ReadonlyArray<{ token: symbol; reason: string }>>([]);

  /** True while any work is held. */
  get active(): boolean {
    return this.#holds.length > 0;
  }

  /** What is running, in the order it started (for the banner's message). */
  get reasons(): readonly string[] {
    return this.#holds.map((h) => h.reason);
  }

  /**
   * Marks work as running; the returned function releases it (calling it twice is harmless).
   * Safe to call from an effect: the list is read untracked, so holding does not make the
   * caller depend on the flag it writes (which would loop).
   */
  hold(reason: string): () => void {
    const token = Symbol(reason);
    this.#holds = [...untrack(() => this.#holds), { token, reason }];
    return () => {
      this.#holds = untrack(() => this.#holds).filter((h) => h.token !== token);
    };
  }
}

/** The studio's one registry. */
export const busy = new BusyRegistry();
