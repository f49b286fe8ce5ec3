// One chain: initial point, Stan's adaptive warmup, then sampling, run in chunks of
// iterations that continue exactly where the previous chunk stopped (every piece of state,
// the RNG included, lives here), so the draws do not depend on the chunk sizes.
//
// The warmup follows Stan's adapt_diag_e_nuts::transition and services run_adaptive_sampler:
// after each warmup transition the step size takes a dual-averaging step; when a metric
// window closes, the step size is re-initialised by the heuristic at the current point and
// dual averaging restarts with mu = log(10 ε). After warmup ε = exp(x̄).
import { Rng } from '../rng';
import { targetConstrain, targetOutDim } from '../target';
import { DualAveraging } from './dual-averaging';
import { initStepsize, STEPSIZE_OK } from './init-stepsize';
import { findInitialPoint } from './inits';
import { MetricAdaptation } from './metric-adaptation';
import { Point } from './point';
import { transition } from './transition';
import { Workspace } from './workspace';
import { allocVec, st, vfill } from './vec';

/** Columns of the stats block (ArviZ names, SAMPLE_STAT_NAMES in src/core/types.ts). */
export const N_STATS = 7;

export const INIT_OK = 0;
export const INIT_NO_FINITE_POINT = 1;
/** Metric adaptation produced a non-finite variance (Stan: "Numerical overflow in metric adaptation"). */
export const ERROR_METRIC_OVERFLOW = 4;

// Stan's defaults for the adaptation windows.
const INIT_BUFFER = 75;
const TERM_BUFFER = 50;
const BASE_WINDOW = 25;

export class Chain {
  readonly ws: Workspace;
  readonly stepsize: DualAveraging = new DualAveraging();
  readonly metric: MetricAdaptation;
  readonly zInit: Point;
  readonly numWarmup: i32;
  readonly numDraws: i32;
  readonly outDim: i32;
  /** (numWarmup + numDraws) × outDim constrained draws. */
  readonly draws: usize;
  /** (numWarmup + numDraws) × N_STATS. */
  readonly stats: usize;
  iteration: i32 = 0;
  divergences: i32 = 0;
  /** 0 while healthy; otherwise an error code (init-stepsize.ts, ERROR_METRIC_OVERFLOW). The chain stops. */
  error: i32 = 0;

  constructor(dim: i32, numWarmup: i32, numDraws: i32, adaptDelta: f64, maxDepth: i32, rng: Rng) {
    this.ws = new Workspace(dim, maxDepth, rng);
    this.metric = new MetricAdaptation(dim);
    this.zInit = new Point(dim);
    this.numWarmup = numWarmup;
    this.numDraws = numDraws;
    this.outDim = targetOutDim;
    const rows = numWarmup + numDraws;
    this.draws = allocVec(rows * targetOutDim);
    this.stats = allocVec(rows * N_STATS);
    vfill(this.ws.invMetric, 1, dim);
    // Stan's services: mu = log(10 ε) with the user's initial ε = 1, set before the heuristic runs.
    this.ws.eps = 1;
    this.stepsize.delta = adaptDelta;
    this.stepsize.mu = Math.log(10 * this.ws.eps);
    this.metric.schedule.configure(numWarmup, INIT_BUFFER, TERM_BUFFER, BASE_WINDOW);
  }

  /** Initial point, then the first step-size heuristic. Returns INIT_OK or an error code. */
  start(radius: f64, initPtr: usize): i32 {
    if (!findInitialPoint(this.ws, radius, initPtr)) return INIT_NO_FINITE_POINT;
    return initStepsize(this.ws, this.zInit);
  }

  get total(): i32 {
    return this.numWarmup + this.numDraws;
  }

  /** Runs up to n more iterations (fewer if the chain ends or fails); returns the total done. */
  run(n: i32): i32 {
    const end = min(this.total, this.iteration + max(n, 0));
    while (this.iteration < end && this.error == 0) this.step();
    return this.iteration;
  }

  private step(): void {
    const ws = this.ws;
    const it = this.iteration;
    const epsUsed = ws.eps;
    transition(ws);
    this.record(it, epsUsed);
    if (it < this.numWarmup) this.adapt();
    this.iteration = it + 1;
    if (this.iteration == this.numWarmup && this.numWarmup > 0) ws.eps = this.stepsize.final();
  }

  private adapt(): void {
    const ws = this.ws;
    ws.eps = this.stepsize.learn(ws.acceptStat);
    const updated = this.metric.learn(ws.invMetric, ws.z.q);
    if (updated < 0) {
      this.error = ERROR_METRIC_OVERFLOW;
    } else if (updated > 0) {
      const status = initStepsize(ws, this.zInit);
      if (status != STEPSIZE_OK) this.error = status;
      this.stepsize.mu = Math.log(10 * ws.eps);
      this.stepsize.restart();
    }
  }

  private record(row: i32, epsUsed: f64): void {
    const ws = this.ws;
    targetConstrain(ws.z.q, this.draws + (<usize>(row * this.outDim) << 3));
    const s = this.stats + (<usize>(row * N_STATS) << 3);
    st(s, 0, ws.z.lp);
    st(s, 1, ws.acceptStat);
    st(s, 2, epsUsed);
    st(s, 3, <f64>ws.depth);
    st(s, 4, <f64>ws.nLeapfrog);
    st(s, 5, ws.divergent ? 1 : 0);
    st(s, 6, ws.energy);
    if (ws.divergent) this.divergences++;
  }
}
