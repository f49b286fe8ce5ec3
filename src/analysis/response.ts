// Response curves and adstock kernels per posterior draw (MODEL.md §5).
// A response curve is channel c's total contribution over the data window when its spend
// in every period is multiplied by m (other channels as observed). Adstock is linear, so
// the adstocked media at multiplier m is m·a_t and only the saturation is re-evaluated.
import type { Estimate, ModelSpec } from '../core/types';
import { paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../model/forward';
import { adstockWeights, applyAdstock, saturation, type AdstockParams, type SaturationParams } from '../model/kernels';
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
}

/** Per channel, n × M totals of contribution at each multiplier (row-major by draw). */
export function responseDraws(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[]): Float64Array[] {
  const { T, C } = fd;
  const M = multipliers.length;
  const idx = paramIndex(spec);
  const w = new Float64Array(fd.lMax);
  const a = new Float64Array(T);
  const ad: AdstockParams = {};
  const sp: SaturationParams = {};
  const out = Array.from({ length: C }, () => new Float64Array(draws.n * M));
  for (let d = 0; d < draws.n; d++)
    for (let c = 0; c < C; c++) {
      const ci = idx.channels[c];
      const beta = readChannelParams(ci, draws.values, d * draws.stride, ad, sp) * fd.targetMaxAbs;
      adstockWeights(ci.adstock, ad, fd.lMax, w);
      applyAdstock(fd.xs.subarray(c * T, (c + 1) * T), w, a);
      for (let i = 0; i < M; i++) {
        const m = multipliers[i];
        let s = 0;
        for (let t = 0; t < T; t++) s += saturation(ci.saturation, sp, m * a[t]);
        out[c][d * M + i] = beta * s;
      }
    }
  return out;
}

export function responseCurves(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[] = DEFAULT_MULTIPLIERS): ResponseCurve[] {
  const M = multipliers.length;
  const per = responseDraws(fd, spec, draws, multipliers);
  const col = new Float64Array(draws.n);
  return spec.channels.map((ch, c) => {
    let spend = 0;
    for (let t = 0; t < fd.T; t++) spend += fd.spend[c * fd.T + t];
    const meanSpend = spend / fd.T;
    const contribution = multipliers.map((_, i) => {
      for (let d = 0; d < draws.n; d++) col[d] = per[c][d * M + i];
      return bandEstimate(col);
    });
    return {
      channel: ch.name,
      multipliers: [...multipliers],
      spend_per_period: multipliers.map((m) => m * meanSpend),
      contribution,
      mean: contribution.map((e) => e.mean ?? NaN),
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
