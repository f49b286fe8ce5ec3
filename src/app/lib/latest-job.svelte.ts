// One worker computing one value for the input the studio shows now (the open run's results,
// its calibration panel). The worker starts on first use; asking for another input while a
// computation runs terminates the worker (a new one starts), so a stale answer never lands
// and a long job for a run no longer shown does not hold a core. The caller spawns the
// worker itself (`new Worker(new URL(...))` must stay literal where Vite can see it).
import { wrap, type Remote } from 'comlink';
import type { UserError } from '../../core/types';

export type JobResult<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export class LatestJob<Api, T> {
  #value = $state.raw<T | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #worker: Worker | null = null;
  #api: Remote<Api> | null = null;
  #for: unknown = null;

  /** `failed` starts the message of a job that threw ("The results could not be computed"). */
  constructor(
    private readonly spawn: () => Worker,
    private readonly failed: string,
  ) {}

  get value(): T | null {
    return this.#value;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#busy;
  }

  #stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }

  /**
   * Computes `call` for `input`, once per input (the same input again is a no-op). A null
   * input, or a null `call` (nothing to compute for it), clears the value and stops any job.
   */
  async run(input: unknown, call: ((api: Remote<Api>) => Promise<JobResult<T>>) | null): Promise<void> {
    if (input === this.#for) return;
    this.#for = input;
    this.#value = null;
    this.#errors = [];
    if (this.#busy) this.#stop();
    if (input === null || call === null) {
      this.#busy = false;
      return;
    }
    this.#busy = true;
    try {
      if (!this.#api) {
        this.#worker = this.spawn();
        this.#api = wrap<Api>(this.#worker);
      }
      const out = await call(this.#api);
      if (this.#for !== input) return;
      if (out.ok) this.#value = out.value;
      else this.#errors = out.errors;
    } catch (e) {
      if (this.#for !== input) return;
      this.#errors = [{ message: `${this.failed}: ${(e as Error).message}`, hint: 'Reopen the run; if it persists, export it and report the problem.', severity: 'error' }];
    } finally {
      if (this.#for === input) this.#busy = false;
    }
  }
}
