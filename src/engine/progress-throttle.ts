// Time-based throttle for one chain's progress reports. The runner reports after every chunk
// of iterations, which on a small model is hundreds of times a second per chain; each report
// is a message the main thread must handle, and a flooded main thread handles the Cancel
// click late. So a chain passes on at most one report per interval, plus the reports an
// analyst must see: the first of each phase (warmup starts, sampling starts, done) and the
// last of each phase (where warmup ended; where a chain stopped on a sampler error).
//
// It is a leading-and-trailing throttle (as lodash's `throttle` with both edges): a report
// inside the interval is held, not dropped, and goes out when the phase changes or the run
// ends (`flush`), so the last state of every phase is always shown. The clock is injected so
// tests can run it on a fake one. Reports are plain values: nothing here touches the sampler.
import type { ChainProgress } from '../core/types';

/** Minimum time between two reports of one chain inside a phase (ms). */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressThrottle {
  #lastSent = -Infinity;
  #phase: ChainProgress['phase'] | null = null;
  /** The latest report not passed on yet (inside the interval), or null. */
  #held: ChainProgress | null = null;

  constructor(
    private readonly send: (p: ChainProgress) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs: number = PROGRESS_INTERVAL_MS,
  ) {}

  /** Takes one report from the runner; passes it on now, or holds it. */
  report(p: ChainProgress): void {
    if (p.phase !== this.#phase) {
      // The held report is the last of the phase that just ended: it goes out first.
      this.flush();
      this.#phase = p.phase;
      this.#emit(p);
      return;
    }
    if (this.now() - this.#lastSent >= this.intervalMs) this.#emit(p);
    else this.#held = p;
  }

  /** Passes on the held report, if any (the run ended, or a phase did). */
  flush(): void {
    if (this.#held) this.#emit(this.#held);
  }

  /** Drops the held report: after a cancel nothing more is sent. */
  discard(): void {
    this.#held = null;
  }

  #emit(p: ChainProgress): void {
    this.#held = null;
    this.#lastSent = this.now();
    this.send(p);
  }
}
