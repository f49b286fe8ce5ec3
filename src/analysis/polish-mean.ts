// The last digits of a posterior-mean plan: equal marginal returns, exact bounds.
//
// The grid searches of mean-allocation.ts end within ~1e-4 of the free budget of the best
// plan, and the exact projection onto the budget (projection.ts) spreads the last rounding
// remainder over every free channel. Two things a user reads suffer from that: a channel
// whose optimum is its maximum ends a hair inside it (Robyn's demo: print at 5,384 a week
// against a maximum of 5,385) and is reported as not binding; and the free channels' marginal
// returns, which the Karush–Kuhn–Tucker conditions make equal at the optimum (the budget's
// multiplier), differ in the third digit. Because the mean outcome is separable,
// Σ_c F_c(s_c), the classic remedy is exchange between two channels (the "equal marginal
// returns" rule; e.g. Luenberger & Ye, Linear and Nonlinear Programming, §11.8 on
// separable resource allocation): move spend from the free channel with the lowest marginal
// return to the one with the highest, by the amount that maximises the pair's sum — up to a
// bound if the gain is still positive there, else where the two marginals meet (bisection on
// the derivative's sign, which finds a local maximum even on S-shaped Hill curves). Every
// exchange keeps the budget and the bounds exactly and is kept only if the mean outcome does
// not fall (beyond the sum's rounding), so the polished plan is never worse than the grid's.
import type { ResolvedBounds } from './constraints';
import type { PlanResponse } from './plan-response';

/** Exchanges at most this many times the channel count (each one costs ~80 derivative passes). */
const ROUNDS_PER_CHANNEL = 8;
/** Largest single exchange, as a share of the budget per period (20× the grid's final step). */
const WINDOW_SHARE = 2e-3;
/** Bisection steps on the exchange amount: 2^-40 of the room, below any spend's precision. */
const BISECTIONS = 40;
/** Relative size of the mean outcome's rounding (a sum over draws and channels). */
const ROUNDING_REL = 1e-12;
/** Marginal returns closer than this (relative) count as equal. */
const EQUAL_REL = 1e-9;

function isFree(b: ResolvedBounds, c: number): boolean {
  return !b.fixed[c] && b.lo[c] < b.hi[c];
}

/** The free channel below its maximum with the highest marginal return, and the one above its minimum with the lowest. */
function pickPair(p: Float64Array, g: Float64Array, b: ResolvedBounds): [number, number] | null {
  let up = -1;
  for (let c = 0; c < p.length; c++) if (isFree(b, c) && p[c] < b.hi[c] && (up < 0 || g[c] > g[up])) up = c;
  if (up < 0) return null;
  let down = -1;
  for (let c = 0; c < p.length; c++) if (c !== up && isFree(b, c) && p[c] > b.lo[c] && (down < 0 || g[c] < g[down])) down = c;
  if (down < 0) return null;
  return g[up] - g[down] > EQUAL_REL * Math.max(Math.abs(g[up]), Math.abs(g[down])) ? [up, down] : null;
}

/** `plan` polished by exchanges (a new array); `plan` must meet the bounds and the budget. */
export function polishMeanPlan(resp: PlanResponse, b: ResolvedBounds, plan: Float64Array): Float64Array {
  const p = Float64Array.from(plan);
  const C = p.length;
  const g = new Float64Array(C);
  const q = new Float64Array(C);
  let value = resp.meanOutcome(p);
  for (let round = 0; round < ROUNDS_PER_CHANNEL * C; round++) {
    for (let c = 0; c < C; c++) g[c] = isFree(b, c) ? resp.channelMeanDeriv(c, p[c]) : NaN;
    const pair = pickPair(p, g, b);
    if (!pair) break;
    const [up, down] = pair;
    const toHi = b.hi[up] - p[up];
    const toLo = p[down] - b.lo[down];
    // Local steps only: the grid's plan is within ~1e-4 of the free budget of the optimum of
    // its basin, and on S-shaped Hill curves a long exchange can climb out of that basin and
    // fall into a worse one even when the pair still gains at its far end.
    const window = WINDOW_SHARE * b.perPeriod;
    const room = Math.min(toHi, toLo, window);
    // φ(δ) = F_up(s_up + δ) + F_down(s_down − δ); φ'(0) > 0 by the choice of the pair.
    const slope = (d: number) => resp.channelMeanDeriv(up, p[up] + d) - resp.channelMeanDeriv(down, p[down] - d);
    q.set(p);
    const gainsAtEnd = slope(room) >= 0;
    if (gainsAtEnd && room < window) {
      // Still gaining at the end of the room: the exchange stops on a bound, set exactly.
      if (toHi <= toLo) {
        q[up] = b.hi[up];
        q[down] = p[down] - toHi;
      } else {
        q[down] = b.lo[down];
        q[up] = p[up] + toLo;
      }
    } else if (gainsAtEnd) {
      // A full window's exchange and still gaining: take it; the next round goes on.
      q[up] = p[up] + room;
      q[down] = p[down] - room;
    } else {
      let lo = 0;
      let hi = room;
      for (let k = 0; k < BISECTIONS; k++) {
        const mid = 0.5 * (lo + hi);
        if (slope(mid) > 0) lo = mid;
        else hi = mid;
      }
      if (!(lo > 0)) break;
      q[up] = p[up] + lo;
      q[down] = p[down] - lo;
    }
    const v = resp.meanOutcome(q);
    // Near the optimum an exchange gains less than the sum's rounding (the gain is quadratic in
    // the marginal gap), so a loss within 1e-12 of the value is rounding, not a worse plan; a
    // real loss (an exchange across a non-concave stretch) is orders of magnitude larger.
    if (!(v >= value - ROUNDING_REL * Math.abs(value))) break;
    p.set(q);
    value = v;
  }
  return p;
}
