// Removal effects solved on the absorbing chain instead of simulated.
//
// With x_s = P(reach (conversion) from state s), the absorbing-chain equations are
// x = Q x + r, r_s = P(s -> conversion) (Kemeny & Snell 1960, "Finite Markov Chains", ch. III).
// Removing channel c sends every transition into a state containing c to (null), i.e. x_s = 0
// on those states. ChannelAttribution's removal effect is RE_c = 1 - P(conv | c removed) / P(conv)
// (its simulation counts converting paths that visit c, the same quantity), and the credit is
// RE_c / sum RE * total conversions (R/src/ChannelAttribution.cpp, W_markov_model_1).
//
// Value: ChannelAttribution draws a conversion value from the values of the journeys that
// ended in the last state. Its mean is value_s / conversions_s, so the expected value is the
// same system with reward y-side r_s = P(s -> conversion) * value_s / conversions_s.
//
// The system is solved by Gauss-Seidel sweeps to a fixed point (relative change below 1e-15);
// the spectral radius of Q is well below 1 on real paths (0.59 at order 1 and 0.73 at order 3
// on PathData), so this takes tens of sweeps and leaves a residual at rounding level, which we
// report. It is exact in the sense of having no sampling error.
import type { MarkovChain } from './markov-chain';

const MAX_SWEEPS = 100_000;
const TOLERANCE = 1e-15;

/** The chain as sparse rows: transitions out of s are adjTo/adjP[adjStart[s] .. adjStart[s+1]). */
export interface SparseChain {
  states: number;
  adjStart: Int32Array;
  adjTo: Int32Array;
  adjP: Float64Array;
  /** P(s -> conversion) and P(s -> conversion) * mean value at s. */
  rewardConv: Float64Array;
  rewardValue: Float64Array;
  /** P(start -> s). */
  startP: Float64Array;
  /** Total weight leaving s (0 for a state never left, which cannot happen for a visited state). */
  outWeight: Float64Array;
}

export function toSparse(ch: MarkovChain): SparseChain {
  const { states: S, channels: n } = ch;
  const outWeight = new Float64Array(S);
  let nnz = 0;
  for (let s = 0; s < S; s++) {
    let w = ch.conversions[s] + ch.nulls[s];
    for (let d = 0; d < n; d++) {
      const e = ch.edges[s * n + d];
      if (e > 0) {
        w += e;
        nnz++;
      }
    }
    outWeight[s] = w;
  }
  const adjStart = new Int32Array(S + 1);
  const adjTo = new Int32Array(nnz);
  const adjP = new Float64Array(nnz);
  const rewardConv = new Float64Array(S);
  const rewardValue = new Float64Array(S);
  let k = 0;
  for (let s = 0; s < S; s++) {
    adjStart[s] = k;
    const w = outWeight[s];
    if (w === 0) continue;
    for (let d = 0; d < n; d++) {
      const e = ch.edges[s * n + d];
      if (e > 0) {
        adjTo[k] = ch.succ[s * n + d];
        adjP[k++] = e / w;
      }
    }
    rewardConv[s] = ch.conversions[s] / w;
    rewardValue[s] = ch.value[s] / w;
  }
  adjStart[S] = k;
  let startTotal = 0;
  for (let s = 0; s < S; s++) startTotal += ch.start[s];
  const startP = new Float64Array(S);
  if (startTotal > 0) for (let s = 0; s < S; s++) startP[s] = ch.start[s] / startTotal;
  return { states: S, adjStart, adjTo, adjP, rewardConv, rewardValue, startP, outWeight };
}

export interface Absorption {
  pConversion: number;
  expectedValue: number;
  sweeps: number;
  residual: number;
}

/**
 * Solves x = Qx + r (and the value system) with the states flagged in `removed` held at 0.
 * x and y are work buffers of length S, overwritten.
 */
export function absorb(c: SparseChain, removed: Uint8Array | null, x: Float64Array, y: Float64Array): Absorption {
  const S = c.states;
  const { adjStart, adjTo, adjP, rewardConv, rewardValue } = c;
  x.fill(0);
  y.fill(0);
  let sweeps = 0;
  let best = Infinity;
  let sinceBest = 0;
  while (sweeps < MAX_SWEEPS) {
    sweeps++;
    let maxDx = 0;
    let maxDy = 0;
    let maxX = 0;
    let maxY = 0;
    // States are numbered in order of first appearance, so successors tend to have larger
    // ids; sweeping from the end lets each update use already-updated successors.
    for (let s = S - 1; s >= 0; s--) {
      if (removed !== null && removed[s]) continue;
      let ax = rewardConv[s];
      let ay = rewardValue[s];
      for (let e = adjStart[s]; e < adjStart[s + 1]; e++) {
        const p = adjP[e];
        const to = adjTo[e];
        ax += p * x[to];
        ay += p * y[to];
      }
      maxDx = Math.max(maxDx, Math.abs(ax - x[s]));
      maxDy = Math.max(maxDy, Math.abs(ay - y[s]));
      maxX = Math.max(maxX, ax);
      maxY = Math.max(maxY, Math.abs(ay));
      x[s] = ax;
      y[s] = ay;
    }
    const change = Math.max(maxX > 0 ? maxDx / maxX : maxDx, maxY > 0 ? maxDy / maxY : maxDy);
    if (change <= TOLERANCE) break;
    // Rounding can leave a last-bit flicker above the tolerance; stop once it stops shrinking.
    if (change < best) {
      best = change;
      sinceBest = 0;
    } else if (++sinceBest > 50 && change < 1e-12) break;
  }
  let p = 0;
  let v = 0;
  for (let s = 0; s < S; s++) {
    p += c.startP[s] * x[s];
    v += c.startP[s] * y[s];
  }
  return { pConversion: p, expectedValue: v, sweeps, residual: residual(c, removed, x) };
}

/** max_s |x_s - (Qx + r)_s| over the states not removed. */
function residual(c: SparseChain, removed: Uint8Array | null, x: Float64Array): number {
  let worst = 0;
  for (let s = 0; s < c.states; s++) {
    if (removed !== null && removed[s]) continue;
    let a = c.rewardConv[s];
    for (let e = c.adjStart[s]; e < c.adjStart[s + 1]; e++) a += c.adjP[e] * x[c.adjTo[e]];
    worst = Math.max(worst, Math.abs(a - x[s]));
  }
  return worst;
}
