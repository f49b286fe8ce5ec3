// Exports of the nuts part of the engine (see ../index.ts): the sampler ABI driven by
// src/engine/wasm-engine.ts. One instance runs one chain at a time.
import { Rng } from '../rng';
import { targetDim } from '../target';
import { Chain, N_STATS } from './chain';
import { transition } from './transition';
import { targetLogDensity } from '../target';
import { MetricAdaptation } from './metric-adaptation';
import { allocVec } from './vec';

let chain: Chain | null = null;
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
  chain = null;
  const dim = targetDim;
  if (dim <= 0 || chainIndex < 0 || numWarmup < 0 || numDraws < 0 || maxTreeDepth < 1) return -1;
  if (!(adaptDelta > 0 && adaptDelta < 1) || !(initRadius >= 0)) return -1;
  const rng = new Rng();
  rng.seed((<u64>seedHi << 32) | <u64>seedLo, chainIndex);
  const c = new Chain(dim, numWarmup, numDraws, adaptDelta, maxTreeDepth, rng);
  chain = c;
  const status = c.start(initRadius, initPtr);
  lastGradientEvaluations = c.ws.gradientEvaluations;
  if (status != 0) c.error = status;
  return status;
}

/** Runs up to maxIterations more iterations; returns the total number done so far. */
export function samplerRun(maxIterations: i32): i32 {
  const c = chain;
  if (c == null) return 0;
  const done = c.run(maxIterations);
  lastGradientEvaluations = c.ws.gradientEvaluations;
  return done;
}

export function samplerIteration(): i32 {
  const c = chain;
  return c == null ? 0 : c.iteration;
}

/** Divergent transitions so far, warmup included. */
export function samplerDivergences(): i32 {
  const c = chain;
  return c == null ? 0 : c.divergences;
}

/** The step size the next iteration will use (the final one after warmup). */
export function samplerStepSize(): f64 {
  const c = chain;
  return c == null ? NaN : c.ws.eps;
}

/** Gradient evaluations so far (inits and step-size searches included), as f64 to avoid BigInt. */
export function samplerGradientEvaluations(): f64 {
  return lastGradientEvaluations;
}

/** 0 while the chain is healthy; otherwise the code that stopped it (see samplerInit, 4 = metric overflow). */
export function samplerError(): i32 {
  const c = chain;
  return c == null ? -1 : c.error;
}

export function samplerDrawsPtr(): usize {
  const c = chain;
  return c == null ? 0 : c.draws;
}

export function samplerStatsPtr(): usize {
  const c = chain;
  return c == null ? 0 : c.stats;
}

export function samplerInvMetricPtr(): usize {
  const c = chain;
  return c == null ? 0 : c.ws.invMetric;
}

export function samplerStatsColumns(): i32 {
  return N_STATS;
}

// Test hooks for the generator (tests/engine/nuts-rng.test.ts checks them against an
// independent BigInt implementation of the reference C): one crossing per batch.
const testRng = new Rng();

export function rngTestSeed(seedLo: u32, seedHi: u32, stream: i32): void {
  testRng.seed((<u64>seedHi << 32) | <u64>seedLo, stream);
}

/** Writes n raw 64-bit outputs at out. */
export function rngTestNext(out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u64>(out + (<usize>i << 3), testRng.next());
}

/** Writes n uniforms on (0, 1) at out. */
export function rngTestUniform(out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), testRng.uniform());
}

/** Writes n standard normals at out. */
export function rngTestNormal(out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), testRng.normal());
}

/**
 * Test hook for the warmup schedule: runs the metric adaptation of a 1-d chain for
 * numWarmup iterations on dummy draws and writes the 0-based iterations at which the
 * metric was updated (up to maxOut of them) as f64 at out. Returns how many there were.
 */
export function windowTestSchedule(numWarmup: i32, out: usize, maxOut: i32): i32 {
  const adaptation = new MetricAdaptation(1);
  adaptation.schedule.configure(numWarmup, 75, 50, 25);
  const invMetric = allocVec(1);
  const q = allocVec(1);
  let n = 0;
  for (let it = 0; it < numWarmup; it++) {
    store<f64>(q, <f64>(it % 7));
    if (adaptation.learn(invMetric, q) != 0) {
      if (n < maxOut) store<f64>(out + (<usize>n << 3), <f64>it);
      n++;
    }
  }
  return n;
}

/**
 * Test hook for the transition kernel alone (tests/engine/nuts-invariance.test.ts): with
 * the current chain's workspace and metric, a fixed step size eps and no adaptation, moves
 * each of the n starting points at startsPtr (n × dim, unconstrained) through `steps`
 * transitions and writes the end points at outPtr. Started from exact draws of the target,
 * the end points must again be exact draws. Returns the number of divergent transitions.
 */
export function samplerTestKernel(startsPtr: usize, n: i32, steps: i32, eps: f64, outPtr: usize): i32 {
  const c = chain;
  if (c == null) return -1;
  const ws = c.ws;
  const dim = ws.dim;
  const bytes = <usize>dim << 3;
  let divergent = 0;
  ws.eps = eps;
  for (let i = 0; i < n; i++) {
    memory.copy(ws.z.q, startsPtr + <usize>i * bytes, bytes);
    ws.z.lp = targetLogDensity(ws.z.q, ws.z.g);
    for (let s = 0; s < steps; s++) {
      transition(ws);
      if (ws.divergent) divergent++;
    }
    memory.copy(outPtr + <usize>i * bytes, ws.z.q, bytes);
  }
  return divergent;
}
