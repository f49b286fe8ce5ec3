// "A new version is ready — reload": the page's side of a service-worker update.
//
// The browser installs a new sw.js next to the running one and leaves it *waiting*
// (sw.worker.ts never calls skipWaiting on its own). This class notices the waiting
// worker, lets the banner offer a reload, and on the user's click — only when nothing is
// busy (busy.svelte.ts) — asks it to take over, then reloads once it controls the page.
// Lifecycle: W3C Service Workers, "Service Worker Lifecycle" (installing → installed/
// waiting → activating → activated; `controllerchange` when a new worker takes control).
import type { BusyFlag } from './busy.svelte';

/** The parts of ServiceWorker, ServiceWorkerRegistration and ServiceWorkerContainer used here. */
export interface WorkerLike {
  readonly state: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}
export interface RegistrationLike {
  readonly waiting: WorkerLike | null;
  readonly installing: WorkerLike | null;
  addEventListener(type: 'updatefound', listener: () => void): void;
}
export interface ContainerLike {
  readonly controller: unknown;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

/**
 * idle: nothing to offer; ready: a new version waits; applying: the user asked for it and
 * it is taking over; elsewhere: another tab switched to the new version, this one still
 * runs the old code and should reload.
 */
export type UpdatePhase = 'idle' | 'ready' | 'applying' | 'elsewhere';

export const SKIP_WAITING = { type: 'skip-waiting' } as const;

export class UpdateState {
  #phase = $state<UpdatePhase>('idle');
  #dismissed = $state(false);
  #waiting: WorkerLike | null = null;
  #controlled = false;

  constructor(
    private readonly busy: BusyFlag,
    private readonly reload: () => void,
  ) {}

  get phase(): UpdatePhase {
    return this.#phase;
  }
  /** The banner shows: a version is ready (or active elsewhere) and the user has not said "later". */
  get visible(): boolean {
    return (this.#phase === 'ready' || this.#phase === 'elsewhere' || this.#phase === 'applying') && !this.#dismissed;
  }
  /** Switching now would interrupt running work. */
  get blocked(): boolean {
    return this.busy.active;
  }

  /** Follows a registration's updates. Call once, right after `register()` resolves. */
  watch(reg: RegistrationLike, container: ContainerLike): void {
    this.#controlled = container.controller != null;
    if (reg.waiting && this.#controlled) this.#offer(reg.waiting);
    if (reg.installing) this.#track(reg.installing);
    reg.addEventListener('updatefound', () => {
      if (reg.installing) this.#track(reg.installing);
    });
    container.addEventListener('controllerchange', () => {
      const first = !this.#controlled;
      this.#controlled = true;
      // The very first install claims the page: not an update, nothing to announce.
      if (first) return;
      if (this.#phase === 'applying') this.reload();
      else {
        this.#waiting = null;
        this.#phase = 'elsewhere';
        this.#dismissed = false;
      }
    });
  }

  /** The user's "Reload": false (and nothing happens) while work is running. */
  apply(): boolean {
    if (this.busy.active) return false;
    if (this.#phase === 'elsewhere') {
      this.reload();
      return true;
    }
    if (this.#phase !== 'ready' || !this.#waiting) return false;
    this.#phase = 'applying';
    this.#waiting.postMessage(SKIP_WAITING);
    return true;
  }

  /** "Later": hides the banner until another version arrives; the update waits. */
  dismiss(): void {
    this.#dismissed = true;
  }

  #track(worker: WorkerLike): void {
    worker.addEventListener('statechange', () => {
      // Installed while a worker controls the page = an update (the first install has no controller).
      if (worker.state === 'installed' && this.#controlled) this.#offer(worker);
      if (worker.state === 'redundant' && this.#waiting === worker) {
        this.#waiting = null;
        if (this.#phase === 'ready' || this.#phase === 'applying') this.#phase = 'idle';
      }
    });
  }

  #offer(worker: WorkerLike): void {
    this.#waiting = worker;
    this.#phase = 'ready';
    this.#dismissed = false;
  }
}
