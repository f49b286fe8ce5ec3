// ROAS and marginal ROAS per channel and draw (MODEL.md §5).
// ROAS_c = Σ_t contribution_{c,t} / Σ_t spend_{c,t} over the data window (no carry-over
// tail; PyMC-Marketing's "elementwise" ROAS).
// Marginal ROAS_c = lim_{ε→0} [contribution_c(x·(1+ε)) − contribution_c(x)] / (ε·Σ_t x_t):
// the return on the next unit of spend when it is added in proportion to current spend.
import type { Estimate } from '../core/types';
import type { Decomposition } from './decomposition';
import { column, estimate, NULL_ESTIMATE } from './estimate';

/** n draws of channel c's ROAS; NaN draws when the channel spent nothing in the window. */
export function roasDraws(dec: Decomposition, c: number): Float64Array {
  const C = dec.channels.length;
  const out = column(dec.channelTotal, dec.n, C, c);
  const s = dec.spendTotal[c];
  for (let d = 0; d < dec.n; d++) out[d] = s > 0 ? out[d] / s : NaN;
  return out;
}

export function marginalRoasDraws(dec: Decomposition, c: number): Float64Array {
  const C = dec.channels.length;
  const out = column(dec.marginalTotal, dec.n, C, c);
  const s = dec.spendTotal[c];
  for (let d = 0; d < dec.n; d++) out[d] = s > 0 ? out[d] / s : NaN;
  return out;
}

export interface ChannelRoas {
  channel: string;
  spend: number;
  roas: Estimate;
  marginal_roas: Estimate;
}

/** ROAS and marginal ROAS of every channel; null estimates for a channel with no spend. */
export function channelRoas(dec: Decomposition): ChannelRoas[] {
  return dec.channels.map((channel, c) => {
    const spend = dec.spendTotal[c];
    if (!(spend > 0)) return { channel, spend, roas: { ...NULL_ESTIMATE }, marginal_roas: { ...NULL_ESTIMATE } };
    return { channel, spend, roas: estimate(roasDraws(dec, c)), marginal_roas: estimate(marginalRoasDraws(dec, c)) };
  });
}
