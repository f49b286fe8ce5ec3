// Test-only exports (re-exported by ./exports.ts): the generator, the warmup schedule and
// the bare transition kernel, each driven in one crossing so tests can check them against
// independent oracles. The sampler itself never calls these.
import { Rng } from '../rng';
import { targetLogDensity } from '../target';
import { currentChain } from './current';
import { MetricAdaptation } from './metric-adaptation';
import { transition } from './transition';
import { allocVec } from './vec';

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
  const c = currentChain();
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
