// Polishing an optimised plan onto the bounds it nearly touches.
//
// The allocation searches end each channel on a grid point, and the exact projection onto
// the budget (projection.ts) spreads the rounding remainder over every free channel, so a
// channel whose optimum is its maximum can end a fraction of a grid step inside it (seen on
// Robyn's demo: print at 5,384 per week against a maximum of 5,385). The plan is right to the
// solver's resolution, yet the report would say the bound does not bind — and "which
// constraints bind" is one of the optimizer's outputs (issue 5). Moving such channels onto
// the bound and re-projecting the others is kept only when the objective does not fall, so
// the polish never makes a plan worse, and a channel whose optimum lies just inside its bound
// stays where it is.
import { planSatisfies, type ResolvedBounds } from './constraints';
import { projectOntoBudget } from './projection';

/**
 * How near a bound (as a share of the budget per period) a channel is tried on the bound:
 * well above the searches' final resolution (1e-4 of the free budget, mean-allocation.ts)
 * and well below any step that changes a decision.
 */
export const SNAP_SHARE = 1e-3;

/** Channels within reach of a bound they do not touch: [channel, bound value]. */
function nearBounds(plan: Float64Array, b: ResolvedBounds, tol: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let c = 0; c < plan.length; c++) {
    if (b.fixed[c] || b.lo[c] === b.hi[c]) continue;
    if (plan[c] !== b.hi[c] && b.hi[c] - plan[c] <= tol) out.push([c, b.hi[c]]);
    else if (plan[c] !== b.lo[c] && plan[c] - b.lo[c] <= tol) out.push([c, b.lo[c]]);
  }
  return out;
}

/** The plan with `snaps` held on their bounds and the rest projected onto the budget; null if that is infeasible. */
function withSnaps(plan: Float64Array, b: ResolvedBounds, snaps: Array<[number, number]>): Float64Array | null {
  const lo = Float64Array.from(b.lo);
  const hi = Float64Array.from(b.hi);
  const y = Float64Array.from(plan);
  for (const [c, v] of snaps) lo[c] = hi[c] = y[c] = v;
  let sLo = 0;
  let sHi = 0;
  for (let c = 0; c < y.length; c++) {
    sLo += lo[c];
    sHi += hi[c];
  }
  if (sLo > b.perPeriod || sHi < b.perPeriod) return null;
  const p = projectOntoBudget(y, lo, hi, b.perPeriod);
  for (const [c, v] of snaps) p[c] = v;
  return planSatisfies(p, b) ? p : null;
}

/**
 * `plan` with the channels near a bound moved onto it: all together if that does not lower
 * `value`, else greedily one more at a time (those already moved stay on their bounds), each
 * kept if it does not lower `value`, until no channel near a bound gains; `plan` itself when
 * none does. At most C rounds of C trials.
 */
export function snapToBounds(plan: Float64Array, b: ResolvedBounds, value: (p: Float64Array) => number): Float64Array {
  const tol = SNAP_SHARE * Math.max(1, b.perPeriod);
  const near = nearBounds(plan, b, tol);
  if (near.length === 0) return plan;
  let best = plan;
  let bestValue = value(plan);
  const tryPlan = (snaps: Array<[number, number]>): boolean => {
    const p = withSnaps(best, b, snaps);
    if (!p) return false;
    const v = value(p);
    if (!(v >= bestValue)) return false;
    best = p;
    bestValue = v;
    return true;
  };
  if (near.length > 1 && tryPlan(near)) return best;
  const held: Array<[number, number]> = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of nearBounds(best, b, tol)) {
      if (held.some(([c]) => c === s[0])) continue;
      if (tryPlan([...held, s])) {
        held.push(s);
        changed = true;
      }
    }
  }
  return best;
}
