// Response curves and adstock kernels per posterior draw (MODEL.md §5).
// A response curve is channel c's total contribution over the data window when its spend
// in every period is multiplied by m (other channels as observed). Adstock is linear, so
// the adstocked media at multiplier m is m·a_t and only the saturation is re-evaluated.
import type { Estimate, ModelSpec } from '../core/types';
import { paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../model/forward';
import { adstockWeights, applyAdstock, type AdstockParams, type SaturationParams } from '../model/kernels';
import { bandEstimate, columnEstimates, type BandEstimate } from './estimate';

/** 0, 0.05, ..., 3: the studio's default (0–2× current "and beyond"). */
export const DEFAULT_MULTIPLIERS: readonly number[] = Array.from({ length: 61 }, (_, i) => i / 20);

export interface ResponseCurve {
  channel: string;
  multipliers: number[];
  /** m × the channel's mean spend per period in the window. */
  spend_per_period: number[];
  /** Total contribution over the window at each multiplier (mean, 50% and 90% bands). */
  contribution: BandEstimate[];
  /** Posterior-mean curve at each multiplier (what the elbow is found on). */
  mean: number[];
  /** Draws the bands were computed from. */
  draws_used: number;
}

/** Σ_t sat(m·a_t) for one channel and draw; the MODEL.md §2 curves written out for speed. */
function satSum(hill: boolean, sp: SaturationParams, a: Float64Array, m: number): number {
  let s = 0;
  if (!hill) {
    const k = -sp.lam! * m;
    for (let t = 0; t < a.length; t++) {
      const e = Math.exp(k * a[t]);
      s += (1 - e) / (1 + e);
    }
  } else {
    const inv = m / sp.kappa!;
    const slope = sp.slope!;
    for (let t = 0; t < a.length; t++) {
      if (a[t] <= 0) continue;
      const r = Math.pow(inv * a[t], slope);
      s += r / (1 + r);
    }
  }
  return s;
}

/**
 * Per channel, n' × M totals of contribution at each multiplier (row-major by draw), over
 * n' = min(n, maxDraws) evenly spaced draws.
 */
export function responseDraws(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[], maxDraws = Infinity): { n: number; totals: Float64Array[] } {
  const { T, C } = fd;
  const M = multipliers.length;
  const n = Math.max(1, Math.min(draws.n, maxDraws));
  const idx = paramIndex(spec);
  const w = new Float64Array(fd.lMax);
  const a = new Float64Array(T);
  const ad: AdstockParams = {};
  const sp: SaturationParams = {};
  const totals = Array.from({ length: C }, () => new Float64Array(n * M));
  for (let j = 0; j < n; j++) {
    const d = Math.floor((j * draws.n) / n);
    for (let c = 0; c < C; c++) {
      const ci = idx.channels[c];
      const beta = readChannelParams(ci, draws.values, d * draws.stride, ad, sp) * fd.targetMaxAbs;
      adstockWeights(ci.adstock, ad, fd.lMax, w);
      applyAdstock(fd.xs.subarray(c * T, (c + 1) * T), w, a);
      for (let i = 0; i < M; i++) totals[c][j * M + i] = multipliers[i] === 0 ? 0 : beta * satSum(ci.saturation === 'hill', sp, a, multipliers[i]);
    }
  }
  return { n, totals };
}

/**
 * Response curves with 50%/90% bands. Bands use at most `maxDraws` evenly spaced draws
 * (default 1000: the Monte Carlo error of a 5% quantile from 1000 draws is small next to
 * the band's width, and the cost is T × multipliers × channels per draw).
 */
export function responseCurves(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[] = DEFAULT_MULTIPLIERS, maxDraws = 1000): ResponseCurve[] {
  const M = multipliers.length;
  const { n, totals } = responseDraws(fd, spec, draws, multipliers, maxDraws);
  const col = new Float64Array(n);
  return spec.channels.map((ch, c) => {
    let spend = 0;
    for (let t = 0; t < fd.T; t++) spend += fd.spend[c * fd.T + t];
    const meanSpend = spend / fd.T;
    const contribution = multipliers.map((_, i) => {
      for (let d = 0; d < n; d++) col[d] = totals[c][d * M + i];
      return bandEstimate(col);
    });
    return {
      channel: ch.name,
      multipliers: [...multipliers],
      spend_per_period: multipliers.map((m) => m * meanSpend),
      contribution,
      mean: contribution.map((e) => e.mean ?? NaN),
      draws_used: n,
    };
  });
}

export interface AdstockKernel {
  channel: string;
  /** One estimate per lag l = 0..l_max-1 of the normalised weight w_l. */
  weights: Estimate[];
}

export function adstockKernels(spec: ModelSpec, draws: DrawMatrix): AdstockKernel[] {
  const idx = paramIndex(spec);
  const L = spec.l_max;
  const ad: AdstockParams = {};
  const sp: SaturationParams = {};
  return spec.channels.map((ch, c) => {
    const m = new Float64Array(draws.n * L);
    for (let d = 0; d < draws.n; d++) {
      readChannelParams(idx.channels[c], draws.values, d * draws.stride, ad, sp);
      adstockWeights(idx.channels[c].adstock, ad, L, m.subarray(d * L, (d + 1) * L));
    }
    return { channel: ch.name, weights: columnEstimates(m, draws.n, L) };
  });
}
