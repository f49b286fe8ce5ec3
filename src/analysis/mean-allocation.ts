// Maximising the posterior-mean outcome of a constant-per-period plan.
//
// Why this is correct: for constant plans the mean outcome is separable,
// Σ_c F_c(s_c) with F_c(s) = mean_d R_{c,d}(s) (plan-response.ts), under one budget equation
// and boxes. (1) A dynamic programme over a grid of the free budget (allocation-dp.ts)
// finds the best grid point globally, whether or not F_c is concave (Hill curves with slope
// > 1 make it S-shaped, where gradient methods can stop at a local optimum or at zero).
// This global stage may use an evenly thinned subset of the draws (it only chooses the
// basin). (2) The grid is then refined around that point on all draws: each channel gets a
// window of ±2 coarse steps, re-gridded Z/2 times finer, and solved again by the same
// programme, then ±1 step windows Z times finer for the further rounds; a window whose
// solution presses on its edge is re-centred and solved again while the objective rises (the
// thinned global stage can be many steps off); a refinement is kept only when it does not
// lower the full objective, so the result is never worse than the global stage's point
// evaluated on all draws. (3) Every candidate is projected exactly onto
// {Σ s = b, lo ≤ s ≤ hi} (projection.ts), so it is feasible.
import type { ResolvedBounds } from './constraints';
import { allocateOnGrid } from './allocation-dp';
import type { PlanResponse } from './plan-response';
import { projectOntoBudget } from './projection';

export interface AllocationOptions {
  /** Grid steps over the free budget in the global stage (default 200: 0.5% steps). */
  gridSteps?: number;
  /** Draws used by the global stage at most (evenly thinned; default 500). */
  globalDraws?: number;
  /** Refinement rounds (default 2) and the factor by which each one refines (default 10). */
  zoomRounds?: number;
  zoomFactor?: number;
}

export interface Allocation {
  plan: Float64Array;
  /** Posterior-mean outcome of the plan. */
  value: number;
}

/** One DP over windows [wlo, whi] sharing b − Σ wlo in G steps; null if the grid cannot place it. */
function solveWindows(resp: PlanResponse, bounds: ResolvedBounds, wlo: Float64Array, whi: Float64Array, G: number, stride: number): Float64Array | null {
  const C = resp.C;
  let free = bounds.perPeriod;
  for (let c = 0; c < C; c++) free -= wlo[c];
  if (!(free > 0) || G < 1) return null;
  const step = free / G;
  const tables: Float64Array[] = [];
  for (let c = 0; c < C; c++) {
    const room = whi[c] - wlo[c];
    const K = room > 0 ? Math.min(G, Math.ceil(room / step - 1e-9)) : 0;
    const t = new Float64Array(K + 1);
    for (let k = 0; k <= K; k++) t[k] = resp.channelMean(c, Math.min(wlo[c] + k * step, whi[c]), stride);
    tables.push(t);
  }
  const dp = allocateOnGrid(tables, G);
  if (!dp) return null;
  const raw = Float64Array.from(dp.units, (k, c) => Math.min(wlo[c] + k * step, whi[c]));
  return projectOntoBudget(raw, bounds.lo, bounds.hi, bounds.perPeriod);
}

/** Re-centred windows per refinement round at most (each moves the plan by up to a window). */
const MAX_WALKS = 200;

/** Whether some channel ended within half a grid step of a window edge that is not its own bound. */
function pressesWindow(plan: Float64Array, wlo: Float64Array, whi: Float64Array, bounds: ResolvedBounds, fine: number): boolean {
  for (let c = 0; c < plan.length; c++) {
    if (wlo[c] > bounds.lo[c] && plan[c] - wlo[c] < fine / 2) return true;
    if (whi[c] < bounds.hi[c] && whi[c] - plan[c] < fine / 2) return true;
  }
  return false;
}

export function maximiseMean(resp: PlanResponse, bounds: ResolvedBounds, opts: AllocationOptions = {}): Allocation {
  const C = resp.C;
  const G = opts.gridSteps ?? 200;
  const Z = opts.zoomFactor ?? 10;
  const stride = Math.max(1, Math.floor(resp.n / (opts.globalDraws ?? 500)));
  let free = bounds.perPeriod;
  for (let c = 0; c < C; c++) free -= bounds.lo[c];
  // Nothing to choose when the minimums use the whole budget (to rounding).
  const trivial = projectOntoBudget(bounds.lo, bounds.lo, bounds.hi, bounds.perPeriod);
  let best: Allocation = { plan: trivial, value: resp.meanOutcome(trivial) };
  if (!(free > 1e-12 * Math.max(1, bounds.perPeriod))) return best;
  const first = solveWindows(resp, bounds, bounds.lo, bounds.hi, G, stride);
  if (first) {
    const v = resp.meanOutcome(first);
    if (v >= best.value) best = { plan: first, value: v };
  }
  let step = free / G;
  for (let r = 0; r < (opts.zoomRounds ?? 2); r++) {
    const half = r === 0 ? 2 * step : step;
    // The first round spans ±2 coarse steps, so it refines by half as much to keep ~20 points a side.
    const fine = step / (r === 0 ? Math.max(1, Math.round(Z / 2)) : Z);
    // The global stage saw thinned draws; when a few draws carry the posterior mean (a
    // heavy-tailed ROAS) its point can lie many coarse steps from the full-draw optimum, beyond
    // one window. So the window follows the solution: while a channel ends on a window edge
    // that is not one of its bounds and the objective still rises, re-centre and solve again.
    for (let walk = 0; walk < MAX_WALKS; walk++) {
      const wlo = Float64Array.from(best.plan, (s, c) => Math.max(bounds.lo[c], s - half));
      const whi = Float64Array.from(best.plan, (s, c) => Math.min(bounds.hi[c], s + half));
      let wfree = bounds.perPeriod;
      for (let c = 0; c < C; c++) wfree -= wlo[c];
      const next = solveWindows(resp, bounds, wlo, whi, Math.max(1, Math.round(wfree / fine)), 1);
      if (!next) break;
      const v = resp.meanOutcome(next);
      const improved = v > best.value;
      if (v >= best.value) best = { plan: next, value: v };
      if (!improved || !pressesWindow(next, wlo, whi, bounds, fine)) break;
    }
    step = fine;
  }
  return best;
}
