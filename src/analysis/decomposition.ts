// Contribution decomposition per posterior draw (MODEL.md §5): one forward pass per draw,
// keeping each component's total over the data window and, for a thinned set of draws,
// its path over time. Also the numerator of marginal ROAS, which needs the adstocked media
// the forward pass already has.
import type { ModelSpec } from '../core/types';
import { ForwardResult, forwardPass, paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../model/forward';
import { saturationDerivative } from '../model/kernels';
import { quantileSorted } from './estimate';

/** Per-period summary of one component: mean and the 50%/90% equal-tailed bands. */
export interface SeriesBand {
  mean: Float64Array;
  q05: Float64Array;
  q25: Float64Array;
  q50: Float64Array;
  q75: Float64Array;
  q95: Float64Array;
}

export interface Decomposition {
  n: number;
  T: number;
  channels: string[];
  controls: string[];
  /** Spend per channel summed over the window. */
  spendTotal: Float64Array;
  /** Per draw, summed over the window, original units: n×C, n×K, n. */
  channelTotal: Float64Array;
  controlTotal: Float64Array;
  seasonalityTotal: Float64Array;
  interceptTotal: Float64Array;
  /** Per draw Σ_t mu_t (computed independently of the component sums, for the sum check). */
  muTotal: Float64Array;
  /**
   * Per draw d/dε of channel c's total contribution when its spend is scaled by (1 + ε) in
   * every period, at ε = 0: Σ_t beta·max|y|·sat'(a_t)·a_t, because adstock is linear so
   * da_t/dε = a_t (carry-over within the window included). n×C.
   */
  marginalTotal: Float64Array;
  /** Draw indices kept for the over-time bands (evenly thinned). */
  keptDraws: number;
  overTime: {
    channels: SeriesBand[];
    controls: SeriesBand[];
    seasonality: SeriesBand;
    intercept: SeriesBand;
    media: SeriesBand;
    mu: SeriesBand;
  };
}

export interface DecomposeOptions {
  /** At most this many draws (evenly spaced) enter the per-period bands; totals use all. Default 1000. */
  maxDrawsOverTime?: number;
}

/** Per-period bands of an n×T row-major matrix of draws. */
export function seriesBand(m: Float64Array, n: number, T: number): SeriesBand {
  const b: SeriesBand = {
    mean: new Float64Array(T),
    q05: new Float64Array(T),
    q25: new Float64Array(T),
    q50: new Float64Array(T),
    q75: new Float64Array(T),
    q95: new Float64Array(T),
  };
  const col = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let d = 0; d < n; d++) s += col[d] = m[d * T + t];
    col.sort();
    b.mean[t] = s / n;
    b.q05[t] = quantileSorted(col, 0.05);
    b.q25[t] = quantileSorted(col, 0.25);
    b.q50[t] = quantileSorted(col, 0.5);
    b.q75[t] = quantileSorted(col, 0.75);
    b.q95[t] = quantileSorted(col, 0.95);
  }
  return b;
}

/** Σ_t beta·max|y|·sat'(a_t)·a_t for channel c of the current forward result. */
function marginalNumerator(r: ForwardResult, c: number, kind: ModelSpec['channels'][number]['saturation'], beta: number): number {
  let s = 0;
  const T = r.T;
  for (let t = 0; t < T; t++) {
    const a = r.adstocked[c * T + t];
    // a·sat'(a) -> 0 as a -> 0 for both curves (hill: ~ s·(a/kappa)^s); skip a = 0 to avoid 0·Inf.
    if (a > 0) s += saturationDerivative(kind, r.saturationParams, a) * a;
  }
  return s * beta;
}

export function decompose(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, opts: DecomposeOptions = {}): Decomposition {
  const { T, C, K } = fd;
  const n = draws.n;
  const idx = paramIndex(spec);
  const r = ForwardResult.for(fd);
  const keep = Math.max(1, Math.min(n, opts.maxDrawsOverTime ?? 1000));
  const keptAt = (j: number) => Math.floor((j * n) / keep);
  const paths = {
    channels: Array.from({ length: C }, () => new Float64Array(keep * T)),
    controls: Array.from({ length: K }, () => new Float64Array(keep * T)),
    seasonality: new Float64Array(keep * T),
    intercept: new Float64Array(keep * T),
    media: new Float64Array(keep * T),
    mu: new Float64Array(keep * T),
  };
  const out = {
    channelTotal: new Float64Array(n * C),
    controlTotal: new Float64Array(n * K),
    seasonalityTotal: new Float64Array(n),
    interceptTotal: new Float64Array(n),
    muTotal: new Float64Array(n),
    marginalTotal: new Float64Array(n * C),
  };
  let j = 0;
  const sum = (a: Float64Array, from: number, len: number) => {
    let s = 0;
    for (let t = 0; t < len; t++) s += a[from + t];
    return s;
  };
  for (let d = 0; d < n; d++) {
    forwardPass(fd, idx, draws.values, d * draws.stride, r);
    for (let c = 0; c < C; c++) {
      out.channelTotal[d * C + c] = sum(r.channels, c * T, T);
      const beta = readChannelParams(idx.channels[c], draws.values, d * draws.stride, r.adstockParams, r.saturationParams) * fd.targetMaxAbs;
      out.marginalTotal[d * C + c] = marginalNumerator(r, c, idx.channels[c].saturation, beta);
    }
    for (let k = 0; k < K; k++) out.controlTotal[d * K + k] = sum(r.controls, k * T, T);
    out.seasonalityTotal[d] = sum(r.seasonality, 0, T);
    out.interceptTotal[d] = r.intercept * T;
    out.muTotal[d] = sum(r.mu, 0, T);
    if (j < keep && keptAt(j) === d) {
      const o = j * T;
      for (let c = 0; c < C; c++) paths.channels[c].set(r.channels.subarray(c * T, (c + 1) * T), o);
      for (let k = 0; k < K; k++) paths.controls[k].set(r.controls.subarray(k * T, (k + 1) * T), o);
      paths.seasonality.set(r.seasonality, o);
      paths.intercept.fill(r.intercept, o, o + T);
      paths.mu.set(r.mu, o);
      for (let t = 0; t < T; t++) {
        let m = 0;
        for (let c = 0; c < C; c++) m += r.channels[c * T + t];
        paths.media[o + t] = m;
      }
      j++;
    }
  }
  const spendTotal = new Float64Array(C);
  for (let c = 0; c < C; c++) spendTotal[c] = sum(fd.spend, c * T, T);
  return {
    n,
    T,
    channels: spec.channels.map((c) => c.name),
    controls: [...spec.controls],
    spendTotal,
    ...out,
    keptDraws: keep,
    overTime: {
      channels: paths.channels.map((m) => seriesBand(m, keep, T)),
      controls: paths.controls.map((m) => seriesBand(m, keep, T)),
      seasonality: seriesBand(paths.seasonality, keep, T),
      intercept: seriesBand(paths.intercept, keep, T),
      media: seriesBand(paths.media, keep, T),
      mu: seriesBand(paths.mu, keep, T),
    },
  };
}
