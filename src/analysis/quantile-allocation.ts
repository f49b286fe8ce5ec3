// The risk-averse objective: maximise a lower quantile q_p (default p = 0.05) of the
// outcome across posterior draws. The quantile is estimated by Harrell & Davis (1982,
// Biometrika 69, "A new distribution-free quantile estimator"): a Beta((n+1)p, (n+1)(1−p))-
// weighted sum of the order statistics (weights here by the midpoint rule). Unlike the
// type-7 quantile, which follows one or two draws and jumps as their order changes, it is
// a smooth function of the plan with a lower variance, so its maximiser is not chasing
// Monte Carlo noise; it is the objective reported as `objective_value`.
// It is not separable and not concave, so no method certifies a global optimum; this one
// is monotone from every start: projected gradient ascent (exact projection,
// projection.ts) with Armijo backtracking along the projection arc (Bertsekas 1976, "On the
// Goldstein–Levitin–Polyak gradient projection method") and Barzilai–Borwein step lengths,
// from several starts that include the mean-optimal plan and the current plan. The plan
// returned is the start or end point with the best objective, so it is never worse than
// any start.
import type { ResolvedBounds } from './constraints';
import type { Allocation } from './mean-allocation';
import type { PlanResponse } from './plan-response';
import { projectOntoBudget } from './projection';
import { Rng } from '../core/rng';

/** Harrell–Davis weights over order statistics 0..n−1 (midpoint rule, normalised). */
export function harrellDavisWeights(n: number, p: number): Float64Array {
  const a = (n + 1) * p;
  const b = (n + 1) * (1 - p);
  const w = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    w[i] = (a - 1) * Math.log(u) + (b - 1) * Math.log1p(-u);
    max = Math.max(max, w[i]);
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] = Math.exp(w[i] - max);
  for (let i = 0; i < n; i++) w[i] /= s;
  return w;
}

class SmoothQuantile {
  readonly y: Float64Array;
  readonly order: Int32Array;
  readonly weights: Float64Array;
  readonly grad: Float64Array;

  constructor(
    private readonly resp: PlanResponse,
    readonly p: number,
  ) {
    this.y = new Float64Array(resp.n);
    this.order = new Int32Array(resp.n);
    this.weights = harrellDavisWeights(resp.n, p);
    this.grad = new Float64Array(resp.C);
  }

  /** Smoothed quantile at `plan`; fills y (per-draw outcomes) and order (ascending). */
  value(plan: Float64Array): number {
    this.resp.outcomes(plan, this.y);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.order.sort((i, j) => this.y[i] - this.y[j]);
    let q = 0;
    for (let i = 0; i < this.order.length; i++) q += this.weights[i] * this.y[this.order[i]];
    return q;
  }

  /** Gradient at the plan of the last `value` call (draws with negligible weight skipped). */
  gradient(plan: Float64Array): Float64Array {
    this.grad.fill(0);
    for (let i = 0; i < this.order.length; i++) {
      const w = this.weights[i];
      if (w < 1e-14) continue;
      const d = this.order[i];
      for (let c = 0; c < this.resp.C; c++) {
        this.resp.channelValueDeriv(c, d, plan[c]);
        this.grad[c] += w * this.resp.lastDeriv;
      }
    }
    return this.grad;
  }

}

/** Harrell–Davis estimate of the p-quantile of a set of values. */
export function harrellDavisQuantile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const w = harrellDavisWeights(sorted.length, p);
  let q = 0;
  for (let i = 0; i < sorted.length; i++) q += w[i] * sorted[i];
  return q;
}

function ascend(f: SmoothQuantile, bounds: ResolvedBounds, start: Float64Array, maxIter: number): Float64Array {
  const C = start.length;
  let x = Float64Array.from(start);
  let fx = f.value(x);
  let g = Float64Array.from(f.gradient(x));
  let gmax = 0;
  for (let c = 0; c < C; c++) gmax = Math.max(gmax, Math.abs(g[c]));
  if (!(gmax > 0)) return x;
  let alpha = (0.05 * bounds.perPeriod) / gmax;
  const y = new Float64Array(C);
  const tol = 1e-10 * Math.max(1, bounds.perPeriod);
  for (let it = 0; it < maxIter; it++) {
    let accepted = false;
    let fy = -Infinity;
    for (let halvings = 0; halvings < 40; halvings++) {
      for (let c = 0; c < C; c++) y[c] = x[c] + alpha * g[c];
      projectOntoBudget(y, bounds.lo, bounds.hi, bounds.perPeriod, y);
      let dir = 0;
      for (let c = 0; c < C; c++) dir += g[c] * (y[c] - x[c]);
      fy = f.value(y);
      if (fy >= fx + 1e-4 * dir) {
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) break;
    const gy = Float64Array.from(f.gradient(y));
    let sx = 0;
    let sg = 0;
    let move = 0;
    for (let c = 0; c < C; c++) {
      const dx = y[c] - x[c];
      sx += dx * dx;
      sg += dx * (gy[c] - g[c]);
      move = Math.max(move, Math.abs(dx));
    }
    const gain = fy - fx;
    x = Float64Array.from(y);
    fx = fy;
    g = gy;
    if (move < tol || gain <= 1e-12 * Math.abs(fx)) break;
    // Barzilai–Borwein: for ascent on a locally concave function sg < 0.
    alpha = sg < 0 ? sx / -sg : alpha * 2;
  }
  return x;
}

export interface QuantileOptions {
  p?: number;
  maxIter?: number;
  randomStarts?: number;
  seed?: number;
}

export function maximiseQuantile(resp: PlanResponse, bounds: ResolvedBounds, starts: Float64Array[], opts: QuantileOptions = {}): Allocation & { quantile: number } {
  const p = opts.p ?? 0.05;
  const f = new SmoothQuantile(resp, p);
  const { lo, hi, perPeriod } = bounds;
  const all = starts.map((s) => projectOntoBudget(s, lo, hi, perPeriod));
  const rng = new Rng(opts.seed ?? 1);
  for (let r = 0; r < (opts.randomStarts ?? 1); r++)
    all.push(projectOntoBudget(Float64Array.from(lo, (l, c) => l + rng.uniform() * (Math.min(hi[c], perPeriod) - l)), lo, hi, perPeriod));
  let best = all[0];
  let bestQ = f.value(best);
  for (const s of all) {
    for (const cand of [s, ascend(f, bounds, s, opts.maxIter ?? 25)]) {
      const q = f.value(cand);
      if (q > bestQ) {
        bestQ = q;
        best = cand;
      }
    }
  }
  return { plan: best, value: resp.meanOutcome(best), quantile: bestQ };
}
