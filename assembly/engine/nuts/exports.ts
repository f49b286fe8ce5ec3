// Exports of the nuts part of the engine (see ../index.ts): the sampler ABI driven by
// src/engine/wasm-engine.ts. One instance runs one chain at a time.
import { Rng } from '../rng';
import { targetDim } from '../target';
import { Chain, N_STATS } from './chain';
import { currentChain, setCurrentChain } from './current';

/** Kept so a failed init can still report the gradient evaluations it spent. */
let lastGradientEvaluations: f64 = 0;

/**
 * Sets up a chain on the current target: allocates every buffer, finds the initial point
 * (Uniform(-initRadius, initRadius), up to 100 attempts, or the dim values at initPtr) and
 * runs Stan's step-size heuristic. The seed is the u64 seedHi·2^32 + seedLo; the chain index
 * selects an independent random stream.
 * Returns 0 = ok, 1 = no finite initial point, 2 = the step-size search diverged (improper
 * posterior), 3 = it shrank to 0, -1 = invalid settings or no target loaded.
 */
export function samplerInit(
  seedLo: u32,
  seedHi: u32,
  chainIndex: i32,
  numWarmup: i32,
  numDraws: i32,
  adaptDelta: f64,
  maxTreeDepth: i32,
  initRadius: f64,
  initPtr: usize,
): i32 {
  setCurrentChain(null);
  const dim = targetDim;
  if (dim <= 0 || chainIndex < 0 || numWarmup < 0 || numDraws < 0 || maxTreeDepth < 1) return -1;
  if (!(adaptDelta > 0 && adaptDelta < 1) || !(initRadius >= 0)) return -1;
  const rng = new Rng();
  rng.seed((<u64>seedHi << 32) | <u64>seedLo, chainIndex);
  const c = new Chain(dim, numWarmup, numDraws, adaptDelta, maxTreeDepth, rng);
  setCurrentChain(c);
  const status = c.start(initRadius, initPtr);
  lastGradientEvaluations = c.ws.gradientEvaluations;
  if (status != 0) c.error = status;
  return status;
}

/** Runs up to maxIterations more iterations; returns the total number done so far. */
export function samplerRun(maxIterations: i32): i32 {
  const c = currentChain();
  if (c == null) return 0;
  const done = c.run(maxIterations);
  lastGradientEvaluations = c.ws.gradientEvaluations;
  return done;
}

export function samplerIteration(): i32 {
  const c = currentChain();
  return c == null ? 0 : c.iteration;
}

/** Divergent transitions so far, warmup included. */
export function samplerDivergences(): i32 {
  const c = currentChain();
  return c == null ? 0 : c.divergences;
}

/** The step size the next iteration will use (the final one after warmup). */
export function samplerStepSize(): f64 {
  const c = currentChain();
  return c == null ? NaN : c.ws.eps;
}

/** Gradient evaluations so far (inits and step-size searches included), as f64 to avoid BigInt. */
export function samplerGradientEvaluations(): f64 {
  return lastGradientEvaluations;
}

/** 0 while the chain is healthy; otherwise the code that stopped it (see samplerInit, 4 = metric overflow). */
export function samplerError(): i32 {
  const c = currentChain();
  return c == null ? -1 : c.error;
}

export function samplerDrawsPtr(): usize {
  const c = currentChain();
  return c == null ? 0 : c.draws;
}

export function samplerStatsPtr(): usize {
  const c = currentChain();
  return c == null ? 0 : c.stats;
}

export function samplerInvMetricPtr(): usize {
  const c = currentChain();
  return c == null ? 0 : c.ws.invMetric;
}

export function samplerStatsColumns(): i32 {
  return N_STATS;
}

export * from './test-hooks';
