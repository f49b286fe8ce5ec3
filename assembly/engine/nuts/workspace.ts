// Every buffer one NUTS transition needs, allocated once when the chain starts. Stan's
// base_nuts creates its vectors per call and per recursion level; here each recursion
// depth owns a fixed set of vectors instead, so the sampling loop never allocates.
import { Rng } from '../rng';
import { Point } from './point';
import { allocVec } from './vec';

/** The buffers of one build_tree recursion level (Stan ≥ 2.26 base_nuts::build_tree). */
export class TreeLevel {
  /** Momentum and sharp momentum at the end of the initial (first-built) half. */
  pInitEnd: usize;
  pSharpInitEnd: usize;
  /** Momentum and sharp momentum at the beginning of the final half. */
  pFinalBeg: usize;
  pSharpFinalBeg: usize;
  /** Summed momenta of each half. */
  rhoInit: usize;
  rhoFinal: usize;
  /** Multinomial proposal of the final half. */
  zProposeFinal: Point;

  constructor(dim: i32) {
    this.pInitEnd = allocVec(dim);
    this.pSharpInitEnd = allocVec(dim);
    this.pFinalBeg = allocVec(dim);
    this.pSharpFinalBeg = allocVec(dim);
    this.rhoInit = allocVec(dim);
    this.rhoFinal = allocVec(dim);
    this.zProposeFinal = new Point(dim);
  }
}

export class Workspace {
  readonly dim: i32;
  readonly maxDepth: i32;
  readonly rng: Rng;
  /** Diagonal of the inverse metric M⁻¹ (adapted during warmup). */
  readonly invMetric: usize;
  /** Step size used by the current transition. */
  eps: f64 = 1;
  /** Stan's max_deltaH: a step whose energy exceeds H0 by more than this diverges. */
  maxDeltaH: f64 = 1000;

  /** The integrator's moving point (Stan's z_), and the chain's state between transitions. */
  z: Point;
  zFwd: Point;
  zBck: Point;
  zSample: Point;
  zPropose: Point;

  // Momenta and sharp momenta at both ends of the forward and backward subtrees.
  pFwdFwd: usize;
  pSharpFwdFwd: usize;
  pFwdBck: usize;
  pSharpFwdBck: usize;
  pBckFwd: usize;
  pSharpBckFwd: usize;
  pBckBck: usize;
  pSharpBckBck: usize;
  rho: usize;
  rhoFwd: usize;
  rhoBck: usize;

  /** levels[d] serves build_tree at depth d (d >= 1). */
  levels: StaticArray<TreeLevel>;

  // Running totals of the current transition (Stan passes these by reference).
  nLeapfrog: i32 = 0;
  sumMetroProb: f64 = 0;
  divergent: bool = false;
  /** Log of the summed weights of the subtree build_tree just returned. */
  subtreeLogSumWeight: f64 = 0;

  // Results of the last transition.
  depth: i32 = 0;
  acceptStat: f64 = 0;
  energy: f64 = 0;

  /** Gradient evaluations over the chain's life (inits and step-size searches included). */
  gradientEvaluations: f64 = 0;

  constructor(dim: i32, maxDepth: i32, rng: Rng) {
    this.dim = dim;
    this.maxDepth = maxDepth;
    this.rng = rng;
    this.invMetric = allocVec(dim);
    this.z = new Point(dim);
    this.zFwd = new Point(dim);
    this.zBck = new Point(dim);
    this.zSample = new Point(dim);
    this.zPropose = new Point(dim);
    this.pFwdFwd = allocVec(dim);
    this.pSharpFwdFwd = allocVec(dim);
    this.pFwdBck = allocVec(dim);
    this.pSharpFwdBck = allocVec(dim);
    this.pBckFwd = allocVec(dim);
    this.pSharpBckFwd = allocVec(dim);
    this.pBckBck = allocVec(dim);
    this.pSharpBckBck = allocVec(dim);
    this.rho = allocVec(dim);
    this.rhoFwd = allocVec(dim);
    this.rhoBck = allocVec(dim);
    // The top-level loop calls build_tree with depth up to maxDepth - 1.
    const levels = new StaticArray<TreeLevel>(max(maxDepth, 1));
    for (let d = 0; d < levels.length; d++) levels[d] = new TreeLevel(dim);
    this.levels = levels;
  }
}
