// Markov-chain attribution of order k: build the chain (markov-chain.ts), solve it with and
// without each channel (markov-solve.ts), and turn removal effects into credit.
import { emptyCredit } from './heuristics';
import { buildChain, type MarkovChain } from './markov-chain';
import { absorb, toSparse } from './markov-solve';
import type { MarkovResult, PathTable, TransitionMatrix } from './types';

/** `chain` may be passed when already built (the order-1 chain is also the heatmap's). */
export function markovAttribution(t: PathTable, order: number, chain: MarkovChain = buildChain(t, order)): MarkovResult {
  const sparse = toSparse(chain);
  const S = chain.states;
  const n = chain.channels;
  const x = new Float64Array(S);
  const y = new Float64Array(S);
  const full = absorb(sparse, null, x, y);
  const removalConversions = new Float64Array(n);
  const removalValue = new Float64Array(n);
  const removed = new Uint8Array(S);
  const members = statesByChannel(chain);
  let sweeps = full.sweeps;
  let residual = full.residual;
  for (let c = 0; c < n; c++) {
    if (members[c].length === 0) continue; // never on a weighted path: removing it changes nothing
    removed.fill(0);
    for (const s of members[c]) removed[s] = 1;
    const r = absorb(sparse, removed, x, y);
    sweeps = Math.max(sweeps, r.sweeps);
    residual = Math.max(residual, r.residual);
    removalConversions[c] = full.pConversion > 0 ? 1 - r.pConversion / full.pConversion : NaN;
    removalValue[c] = full.expectedValue !== 0 ? 1 - r.expectedValue / full.expectedValue : NaN;
  }
  return {
    order,
    states: S,
    pConversion: full.pConversion,
    expectedValue: full.expectedValue,
    removalConversions,
    removalValue,
    credit: creditFromRemoval(t, removalConversions, removalValue),
    sweeps,
    residual,
  };
}

function statesByChannel(chain: MarkovChain): number[][] {
  const out: number[][] = Array.from({ length: chain.channels }, () => []);
  const k = chain.order;
  for (let s = 0; s < chain.states; s++) {
    for (let j = 0; j < k; j++) {
      const c = chain.stateChannels[s * k + j];
      if (c === 0xffff) break;
      // A window may hold a channel twice; list the state once per channel.
      const list = out[c];
      if (list.length === 0 || list[list.length - 1] !== s) list.push(s);
    }
  }
  return out;
}

/** RE_c / sum RE * total, for conversions and for value (ChannelAttribution's normalisation). */
export function creditFromRemoval(t: PathTable, re: Float64Array, reValue: Float64Array) {
  const n = re.length;
  const credit = emptyCredit(n);
  let totalConv = 0;
  let totalValue = 0;
  for (let r = 0; r < t.conversions.length; r++) {
    totalConv += t.conversions[r];
    totalValue += t.value[r];
  }
  let sum = 0;
  let sumV = 0;
  for (let c = 0; c < n; c++) {
    if (Number.isFinite(re[c])) sum += re[c];
    if (Number.isFinite(reValue[c])) sumV += reValue[c];
  }
  for (let c = 0; c < n; c++) {
    credit.conversions[c] = sum > 0 && Number.isFinite(re[c]) ? (re[c] / sum) * totalConv : 0;
    credit.value[c] = sumV !== 0 && Number.isFinite(reValue[c]) ? (reValue[c] / sumV) * totalValue : 0;
  }
  return credit;
}

/**
 * Order-1 transition probabilities for display. With mergeRepeats false a channel may move
 * to itself, as ChannelAttribution's transition_matrix(..., flg_equal = TRUE) reports.
 */
export function transitionMatrix(t: PathTable, mergeRepeats = true, chain: MarkovChain = buildChain(t, 1, mergeRepeats)): TransitionMatrix {
  const n = t.channels.length;
  const rows = ['(start)', ...t.channels];
  const columns = [...t.channels, '(conversion)', '(null)'];
  const P = new Float64Array(rows.length * columns.length);
  const W = columns.length;
  let startTotal = 0;
  for (let s = 0; s < chain.states; s++) startTotal += chain.start[s];
  for (let s = 0; s < chain.states; s++) {
    const c = chain.stateChannels[s];
    if (startTotal > 0) P[c] = chain.start[s] / startTotal;
    let out = chain.conversions[s] + chain.nulls[s];
    for (let d = 0; d < n; d++) out += chain.edges[s * n + d];
    if (out === 0) continue;
    const row = (1 + c) * W;
    for (let d = 0; d < n; d++) P[row + d] = chain.edges[s * n + d] / out;
    P[row + n] = chain.conversions[s] / out;
    P[row + n + 1] = chain.nulls[s] / out;
  }
  return { rows, columns, probabilities: P, mergedRepeats: mergeRepeats };
}
