// The only TypeScript module that does pointer arithmetic on the engine's WASM memory.
// One WasmEngine wraps one instance, and one instance runs one chain. The boundary is
// crossed once per phase: load a data block, run a chunk of iterations, read the draws.
//
// Memory: the module uses AssemblyScript's stub (bump) runtime. Memory grows on alloc and
// growth detaches every view, so views are made fresh after the last alloc of a phase.

/** The raw exports of assembly/engine/index.ts. */
export interface EngineExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  dim(): number;
  outDim(): number;
  logDensityGradient(q: number, grad: number): number;
  constrain(q: number, out: number): void;
  /** Loads an MMM data block (src/engine/mmm/pack.ts); returns the dimension, or a negative error code. */
  mmmLoad(ptr: number, len: number): number;
  /** Loads a test target (src/engine/test-targets.ts); returns the dimension, or a negative error code. */
  testTargetLoad(kind: number, ptr: number, len: number): number;
  /**
   * 0 = ok, 1 = no finite initial point after 100 attempts, 2 = the step-size search grew
   * past 1e7 (improper posterior), 3 = it shrank to 0, -1 = invalid settings or no target.
   * initPtr = 0 draws inits Uniform(-r, r).
   */
  samplerInit(
    seedLo: number,
    seedHi: number,
    chain: number,
    numWarmup: number,
    numDraws: number,
    adaptDelta: number,
    maxTreeDepth: number,
    initRadius: number,
    initPtr: number,
  ): number;
  /** Runs up to maxIterations more iterations; returns the total number done so far. */
  samplerRun(maxIterations: number): number;
  samplerIteration(): number;
  samplerDivergences(): number;
  samplerStepSize(): number;
  samplerGradientEvaluations(): number;
  /** 0 while the chain is healthy, else the code that stopped it (samplerInit's codes; 4 = metric overflow). */
  samplerError(): number;
  /** (warmup + draws) × outDim constrained values, row-major. */
  samplerDrawsPtr(): number;
  /** (warmup + draws) × 7 stats: lp, acceptance_rate, step_size, tree_depth, n_steps, diverging, energy. */
  samplerStatsPtr(): number;
  /** dim values: the adapted diagonal inverse metric. */
  samplerInvMetricPtr(): number;
}

export const N_STATS = 7;

export interface SamplerInitOptions {
  seed: number;
  chain: number;
  warmup: number;
  draws: number;
  adaptDelta: number;
  maxTreeDepth: number;
  /** Inits drawn Uniform(-r, r) on the unconstrained scale (Stan's default r = 2). */
  initRadius?: number;
  /** Explicit initial point on the unconstrained scale (length dim). */
  init?: Float64Array;
}

export class WasmEngine {
  readonly exports: EngineExports;
  private qPtr = 0;
  private gPtr = 0;
  private outPtr = 0;
  private warmup = 0;
  private draws = 0;

  private constructor(instance: WebAssembly.Instance) {
    this.exports = instance.exports as unknown as EngineExports;
  }

  static async create(module: WebAssembly.Module): Promise<WasmEngine> {
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmEngine(instance);
  }

  static createSync(module: WebAssembly.Module): WasmEngine {
    return new WasmEngine(new WebAssembly.Instance(module, {}));
  }

  private f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }

  /** Copies a block into fresh WASM memory and returns its pointer. */
  private copyIn(block: Float64Array): number {
    const ptr = this.exports.alloc(Math.max(8, block.length * 8));
    this.f64(ptr, block.length).set(block);
    return ptr;
  }

  private afterLoad(dim: number, what: string): number {
    if (dim < 0) throw new Error(`engine: ${what} rejected its data block (code ${dim})`);
    this.qPtr = this.exports.alloc(Math.max(8, dim * 8));
    this.gPtr = this.exports.alloc(Math.max(8, dim * 8));
    this.outPtr = this.exports.alloc(Math.max(8, this.exports.outDim() * 8));
    return dim;
  }

  /** Loads the MMM (data block from src/engine/mmm/pack.ts); returns the dimension. */
  loadMmm(block: Float64Array): number {
    const ptr = this.copyIn(block);
    return this.afterLoad(this.exports.mmmLoad(ptr, block.length), 'the MMM');
  }

  /** Loads a test target (src/engine/test-targets.ts); returns the dimension. */
  loadTestTarget(kind: number, block: Float64Array): number {
    const ptr = this.copyIn(block);
    return this.afterLoad(this.exports.testTargetLoad(kind, ptr, block.length), `test target ${kind}`);
  }

  get dim(): number {
    return this.exports.dim();
  }

  get outDim(): number {
    return this.exports.outDim();
  }

  /** log p at q with its gradient written into grad (both unconstrained, length dim). */
  logDensityGradient(q: Float64Array, grad: Float64Array): number {
    const d = this.dim;
    this.f64(this.qPtr, d).set(q.subarray(0, d));
    const lp = this.exports.logDensityGradient(this.qPtr, this.gPtr);
    grad.set(this.f64(this.gPtr, d));
    return lp;
  }

  /** Constrained output vector at q. */
  constrain(q: Float64Array, out = new Float64Array(this.outDim)): Float64Array {
    this.f64(this.qPtr, this.dim).set(q.subarray(0, this.dim));
    this.exports.constrain(this.qPtr, this.outPtr);
    out.set(this.f64(this.outPtr, this.outDim));
    return out;
  }

  /**
   * Times `reps` gradient evaluations at q inside WASM memory (no copies per call), for
   * the benchmark. Returns the last log density.
   */
  repeatGradient(q: Float64Array, reps: number): number {
    this.f64(this.qPtr, this.dim).set(q);
    let lp = 0;
    for (let i = 0; i < reps; i++) lp = this.exports.logDensityGradient(this.qPtr, this.gPtr);
    return lp;
  }

  samplerInit(o: SamplerInitOptions): number {
    if (!Number.isSafeInteger(o.seed) || o.seed < 0) throw new Error(`engine: seed must be a non-negative integer, got ${o.seed}`);
    const initPtr = o.init ? this.copyIn(o.init) : 0;
    this.warmup = o.warmup;
    this.draws = o.draws;
    return this.exports.samplerInit(
      o.seed >>> 0,
      Math.floor(o.seed / 2 ** 32) >>> 0,
      o.chain,
      o.warmup,
      o.draws,
      o.adaptDelta,
      o.maxTreeDepth,
      o.initRadius ?? 2,
      initPtr,
    );
  }

  /** Runs up to n more iterations; returns the total done. */
  samplerRun(n: number): number {
    return this.exports.samplerRun(n);
  }

  progress(): { iteration: number; divergences: number; stepSize: number; gradientEvaluations: number; error: number } {
    const e = this.exports;
    return {
      iteration: e.samplerIteration(),
      divergences: e.samplerDivergences(),
      stepSize: e.samplerStepSize(),
      gradientEvaluations: e.samplerGradientEvaluations(),
      error: e.samplerError(),
    };
  }

  /** Copies out the draws, stats and adapted metric (copies, so they can be transferred). */
  collect(): { draws: Float64Array; stats: Float64Array; invMetric: Float64Array } {
    const rows = this.warmup + this.draws;
    const e = this.exports;
    return {
      draws: this.f64(e.samplerDrawsPtr(), rows * this.outDim).slice(),
      stats: this.f64(e.samplerStatsPtr(), rows * N_STATS).slice(),
      invMetric: this.f64(e.samplerInvMetricPtr(), this.dim).slice(),
    };
  }
}
