// Runs one chain synchronously inside the calling thread: the same code serves the browser
// worker, the Node worker thread and in-process tests, and the draws depend only on the job
// (never on the chunk size or on where it runs).
import type { ChainProgress, ChainResult, FitPhase } from '../core/types';
import type { ChainHooks, ChainJob } from './chain-job';
import { WasmEngine } from './wasm-engine';

/** Why a chain could not start or had to stop, by the engine's status code (nuts/exports.ts). */
export function samplerErrorMessage(code: number): string {
  switch (code) {
    case 1:
      return 'no initial point with a finite log density and gradient after 100 attempts; check the data and priors, or give inits';
    case 2:
      return 'the step size grew without bound while initialising it (Stan: "posterior is improper"); check that every parameter has a proper prior or enough data';
    case 3:
      return 'no acceptably small step size could be found; the log density may be discontinuous';
    case 4:
      return 'the metric adaptation overflowed (non-finite posterior variance estimate)';
    case -1:
      return 'invalid sampler settings (warmup and draws >= 0, 0 < adapt_delta < 1, max_treedepth >= 1) or no target loaded';
    default:
      return `sampler error code ${code}`;
  }
}

/** Status 1 for an explicit init: it is tried once (as Stan does with user inits), not 100 times. */
const GIVEN_INIT_FAILED =
  "no initial point with a finite log density and gradient: the one given has none (a given init is tried once); give finite inits inside the parameters' supports";

function abortError(chain: number): Error {
  const e = new Error(`chain ${chain} cancelled`);
  e.name = 'AbortError';
  return e;
}

function loadTarget(engine: WasmEngine, job: ChainJob): void {
  const t = job.target;
  if (t.kind === 'mmm') engine.loadMmm(t.block);
  else engine.loadTestTarget(t.id, t.block);
}

/**
 * Loads the target, initialises the sampler and runs warmup + draws in chunks of
 * job.chunk_size iterations, reporting after each chunk. Throws an AbortError when
 * hooks.shouldStop() turns true between chunks. A chain that cannot start or stops on a
 * sampler error returns a result with `error` set (draws up to that point are kept).
 */
export function runChain(module: WebAssembly.Module, job: ChainJob, hooks: ChainHooks = {}): ChainResult {
  const t0 = performance.now();
  const engine = WasmEngine.createSync(module);
  loadTarget(engine, job);
  const status = engine.samplerInit({
    seed: job.seed,
    chain: job.chain,
    warmup: job.warmup,
    draws: job.draws,
    adaptDelta: job.adapt_delta,
    maxTreeDepth: job.max_treedepth,
    init: job.init,
    initRadius: job.init_radius,
  });
  const total = job.warmup + job.draws;
  const chunk = Math.max(1, Math.floor(job.chunk_size));
  // Chains are numbered from 1 in messages, as the studio and the CLI's progress show them (and CmdStan).
  let error = status === 0 ? undefined : `chain ${job.chain + 1}: ${status === 1 && job.init ? GIVEN_INIT_FAILED : samplerErrorMessage(status)}`;
  // Warmup ends inside some chunk; its time is taken at the end of that chunk (chunk-sized error).
  let warmupEnd = job.warmup === 0 ? performance.now() : NaN;
  while (error === undefined) {
    if (hooks.shouldStop?.()) throw abortError(job.chain);
    const done = engine.samplerRun(chunk);
    if (Number.isNaN(warmupEnd) && done >= job.warmup) warmupEnd = performance.now();
    const p = engine.progress();
    if (p.error !== 0) error = `chain ${job.chain + 1}, iteration ${done + 1}: ${samplerErrorMessage(p.error)}`;
    hooks.onProgress?.(progressOf(job, done, total, p, t0));
    if (done >= total) break;
  }
  return result(engine, job, error, t0, warmupEnd);
}

function progressOf(
  job: ChainJob,
  done: number,
  total: number,
  p: { divergences: number; stepSize: number },
  t0: number,
): ChainProgress {
  const phase: FitPhase = done >= total ? 'done' : done < job.warmup ? 'warmup' : 'sampling';
  return {
    chain: job.chain,
    phase,
    iteration: done,
    total,
    divergences: p.divergences,
    step_size: p.stepSize,
    elapsed_ms: performance.now() - t0,
  };
}

function result(engine: WasmEngine, job: ChainJob, error: string | undefined, t0: number, warmupEnd: number): ChainResult {
  const end = performance.now();
  const { draws, stats, invMetric } = engine.collect();
  const p = engine.progress();
  const out: ChainResult = {
    chain: job.chain,
    draws,
    stats,
    n_out: engine.outDim,
    warmup: job.warmup,
    draws_count: job.draws,
    gradient_evaluations: p.gradientEvaluations,
    inv_metric: invMetric,
    step_size: p.stepSize,
    wall_ms: end - t0,
  };
  if (!Number.isNaN(warmupEnd)) {
    out.warmup_ms = warmupEnd - t0;
    out.sampling_ms = end - warmupEnd;
  }
  if (error !== undefined) out.error = error;
  return out;
}
