// One import at a time on the Data step: starting one cancels the one in flight (its signal
// aborts, and DataClient terminates the worker), Cancel stops it, and while one runs the
// PWA busy flag is held so that an update never reloads the tab mid-import (issue 8).
import type { BusyRegistry } from '../../pwa/busy.svelte';

export class ImportJobs {
  #controller: AbortController | null = null;
  #busy = $state(false);
  /** The last import was cancelled with Cancel (the Data step says so until the next one). */
  #cancelled = $state(false);

  constructor(
    private readonly flag: BusyRegistry,
    private readonly reason: string,
  ) {}

  get busy(): boolean {
    return this.#busy;
  }
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Starts an import (cancelling the one in flight); `release` ends its hold on the busy flag. */
  begin(): { signal: AbortSignal; release: () => void } {
    this.#controller?.abort();
    this.#controller = new AbortController();
    this.#busy = true;
    this.#cancelled = false;
    return { signal: this.#controller.signal, release: this.flag.hold(this.reason) };
  }

  end(release: () => void, signal: AbortSignal): void {
    release();
    // A newer import that cancelled this one is still running: it stays busy.
    if (!signal.aborted) this.#busy = false;
  }

  /** Stops the import in flight, if any; true when one was stopped. */
  cancel(): boolean {
    if (!this.#busy || !this.#controller) return false;
    this.#controller.abort();
    this.#busy = false;
    this.#cancelled = true;
    return true;
  }

  /** Stops whatever runs and forgets the last cancel (the import itself is being forgotten). */
  reset(): void {
    this.#controller?.abort();
    this.#busy = false;
    this.#cancelled = false;
  }
}
