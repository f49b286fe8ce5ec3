// What one chain needs to run, and the hooks it reports through. The same job runs in a
// browser worker, a Node worker thread, or in-process (tests): the draws depend only on
// the job, never on where or in how many chunks it runs.
import type { ChainProgress } from '../core/types';

export type ChainTarget =
  /** Data block made by src/engine/mmm/pack.ts. */
  | { kind: 'mmm'; block: Float64Array }
  /** A test target (analytic or posteriordb), see src/engine/test-targets.ts. */
  | { kind: 'test'; id: number; block: Float64Array };

export interface ChainJob {
  target: ChainTarget;
  chain: number;
  seed: number;
  warmup: number;
  draws: number;
  adapt_delta: number;
  max_treedepth: number;
  /** Iterations per crossing of the WASM boundary (progress and cancellation granularity). */
  chunk_size: number;
  /** Explicit initial point on the unconstrained scale; default Uniform(-2, 2) from the chain's stream. */
  init?: Float64Array;
  /** Radius r of the random inits, Uniform(-r, r) on the unconstrained scale (CmdStan's init=r); default 2. */
  init_radius?: number;
}

export interface ChainHooks {
  /** Called after every chunk; callers throttle. */
  onProgress?(p: ChainProgress): void;
  /** Checked between chunks; when true the run stops with an AbortError. */
  shouldStop?(): boolean;
}
