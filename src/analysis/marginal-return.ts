// The marginal return of a plan per channel, with its posterior uncertainty (issue 5: "every
// number carries its posterior uncertainty"). For channel c at a constant plan s (spend per
// period) and posterior draw d,
//   m_{c,d} = (1/N) · ∂R_{c,d}/∂s_c,
// where R_{c,d} is the channel's outcome over the N-period horizon plus the l_max − 1
// carry-over periods (plan-response.ts, exact derivative of its compressed form). Spending
// δ more in total spreads δ/N over each period, so m is the extra outcome per extra unit of
// total spend — the optimizer's posterior-mean `marginal_return` is the mean of these draws.
// At a posterior-mean optimum the free channels share one mean marginal return (the budget's
// Lagrange multiplier, Karush–Kuhn–Tucker conditions); a channel at its maximum returns more,
// one at its minimum less, which is why the report shows it next to the binding bounds.
import type { Estimate } from '../core/types';
import { estimate } from './estimate';
import type { PlanResponse } from './plan-response';

/** Channel c's marginal return per draw at `s` per period, into `out` (n); allocation-free. */
export function marginalReturnDraws(resp: PlanResponse, c: number, s: number, out: Float64Array = new Float64Array(resp.n)): Float64Array {
  resp.channelDerivDraws(c, s, out);
  const inv = 1 / resp.horizon;
  for (let d = 0; d < out.length; d++) out[d] *= inv;
  return out;
}

/** Per channel (in resp.channels order), the marginal return's Estimate at a plan (spend per period). */
export function marginalReturns(resp: PlanResponse, plan: ArrayLike<number>, buf: Float64Array = new Float64Array(resp.n)): Estimate[] {
  return resp.channels.map((_, c) => estimate(marginalReturnDraws(resp, c, plan[c], buf)));
}
