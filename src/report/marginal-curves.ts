// Marginal ROAS along each channel's response curve, per posterior draw (MODEL.md §5):
// with spend scaled by m in every period, adstock is linear, so the adstocked media is m·a_t
// and the channel's total contribution is R(m) = beta·max|y|·Σ_t sat(m·a_t). The return on
// the next unit of spend, added in proportion to current spend, is
//   dR/d(spend) = R'(m) / S = beta·max|y|·Σ_t a_t·sat'(m·a_t) / S,   S = Σ_t spend_t,
// exact (no finite differences); at m = 1 it is the decomposition's marginal ROAS.
import type { ModelSpec, SaturationKind } from '../core/types';
import type { BandEstimate } from '../analysis/estimate';
import { bandEstimate } from '../analysis/estimate';
import { paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../model/forward';
import { adstockWeights, applyAdstock, saturationDerivative, type AdstockParams, type SaturationParams } from '../model/kernels';

/**
 * Σ_t a_t·sat'(m·a_t) for one channel and draw, written out per curve (this loop runs
 * draws × channels × multipliers × T times). With e = exp(−lam·m·a), the logistic
 * derivative is 2·lam·e/(1+e)²; with r = (m·a/kappa)^s = exp(s·(log a + log m − log kappa)),
 * Hill's a·sat'(m·a) = s·r / (m·(1+r)²): one exp per term instead of two pow. `logA` holds
 * log a_t (−Infinity where a_t = 0, whose terms are 0). m = 0 takes the generic derivative.
 */
function slopeSum(kind: SaturationKind, sp: SaturationParams, a: Float64Array, logA: Float64Array, m: number): number {
  let s = 0;
  const T = a.length;
  if (m > 0 && kind === 'logistic') {
    const k = -sp.lam! * m;
    for (let t = 0; t < T; t++) {
      const e = Math.exp(k * a[t]);
      s += (a[t] * e) / ((1 + e) * (1 + e));
    }
    return 2 * sp.lam! * s;
  }
  if (m > 0 && kind === 'hill') {
    const slope = sp.slope!;
    const c = Math.log(m) - Math.log(sp.kappa!);
    for (let t = 0; t < T; t++) {
      if (!(a[t] > 0)) continue;
      const r = Math.exp(slope * (logA[t] + c));
      s += r / ((1 + r) * (1 + r));
    }
    return (slope * s) / m;
  }
  // a_t = 0 adds nothing (and Hill's sat'(0) may be infinite for slope < 1).
  for (let t = 0; t < T; t++) if (a[t] > 0) s += a[t] * saturationDerivative(kind, sp, m * a[t]);
  return s;
}

/** Per channel, n × M marginal ROAS draws (row-major by draw); NaN for a channel that spent nothing. */
export function marginalRoasDrawsOnGrid(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[]): Float64Array[] {
  const { T, C } = fd;
  const M = multipliers.length;
  const idx = paramIndex(spec);
  const w = new Float64Array(fd.lMax);
  const a = new Float64Array(T);
  const logA = new Float64Array(T);
  const ad: AdstockParams = {};
  const sp: SaturationParams = {};
  const out = Array.from({ length: C }, () => new Float64Array(draws.n * M));
  for (let c = 0; c < C; c++) {
    let S = 0;
    for (let t = 0; t < T; t++) S += fd.spend[c * T + t];
    const ci = idx.channels[c];
    for (let d = 0; d < draws.n; d++) {
      const beta = readChannelParams(ci, draws.values, d * draws.stride, ad, sp) * fd.targetMaxAbs;
      adstockWeights(ci.adstock, ad, fd.lMax, w);
      applyAdstock(fd.xs.subarray(c * T, (c + 1) * T), w, a);
      if (ci.saturation === 'hill') for (let t = 0; t < T; t++) logA[t] = Math.log(a[t]);
      for (let i = 0; i < M; i++) out[c][d * M + i] = S > 0 ? (beta * slopeSum(ci.saturation, sp, a, logA, multipliers[i])) / S : NaN;
    }
  }
  return out;
}

/** Band estimates of marginal ROAS at each multiplier, per channel. */
export function marginalRoasCurves(fd: ForwardData, spec: ModelSpec, draws: DrawMatrix, multipliers: readonly number[]): BandEstimate[][] {
  const M = multipliers.length;
  const col = new Float64Array(draws.n);
  return marginalRoasDrawsOnGrid(fd, spec, draws, multipliers).map((m) =>
    multipliers.map((_, i) => {
      for (let d = 0; d < draws.n; d++) col[d] = m[d * M + i];
      return bandEstimate(col);
    }),
  );
}

/** At most `max` draws, evenly spaced (curves need bands, not every draw). */
export function thinDraws(draws: DrawMatrix, max: number): DrawMatrix {
  if (draws.n <= max) return draws;
  const out = new Float64Array(max * draws.stride);
  for (let j = 0; j < max; j++) {
    const d = Math.floor((j * draws.n) / max);
    out.set(draws.values.subarray(d * draws.stride, (d + 1) * draws.stride), j * draws.stride);
  }
  return { n: max, stride: draws.stride, values: out };
}
