// Adstock kernels and saturation curves of MODEL.md §2, in plain TypeScript. The WASM
// log density has its own copies (with gradients); these serve the analysis (contributions,
// response curves, the optimizer), the ridge fallback and tests. Values only.
import type { AdstockKind, SaturationKind } from '../core/types';

/** Per-channel adstock parameters: geometric {alpha}; delayed {alpha, theta}; weibull {lam, k}. */
export interface AdstockParams {
  alpha?: number;
  theta?: number;
  lam?: number;
  k?: number;
}

/** Per-channel saturation parameters: logistic {lam}; hill {kappa, slope}. */
export interface SaturationParams {
  lam?: number;
  kappa?: number;
  slope?: number;
}

/**
 * Kernel weights w_0..w_{lMax-1}, normalised to sum to 1 (MODEL.md §2 table).
 * Writes into `out` when given (no allocation in loops over draws).
 */
export function adstockWeights(kind: AdstockKind, p: AdstockParams, lMax: number, out = new Float64Array(lMax)): Float64Array {
  let sum = 0;
  for (let l = 0; l < lMax; l++) {
    let w: number;
    switch (kind) {
      case 'geometric':
        w = Math.pow(p.alpha!, l);
        break;
      case 'delayed':
        w = Math.pow(p.alpha!, (l - p.theta!) * (l - p.theta!));
        break;
      case 'weibull_pdf': {
        // Weibull density at l + 1 with scale lam and shape k, kept as its log
        // (k − 1) log x − x^k here and normalised in log space below: for lam < 1 and a large
        // k every density underflows to 0 and a plain sum gives 0/0. The factor k/lam cancels.
        // The engine does the same (assembly/engine/mmm/adstock.ts).
        const x = (l + 1) / p.lam!;
        w = (p.k! - 1) * Math.log(x) - Math.pow(x, p.k!);
        break;
      }
      case 'weibull_cdf': {
        // w_0 = 1, w_l = prod_{i=1..l} (1 - F(i)), with 1 - F(i) = exp(-(i/lam)^k).
        w = l === 0 ? 1 : out[l - 1] * Math.exp(-Math.pow(l / p.lam!, p.k!));
        break;
      }
    }
    out[l] = w;
    sum += w;
  }
  if (kind === 'weibull_pdf') {
    // Softmax of the log-weights, shifted by their maximum (largest weight e^0 = 1).
    let m = -Infinity;
    for (let l = 0; l < lMax; l++) m = Math.max(m, out[l]);
    sum = 0;
    for (let l = 0; l < lMax; l++) {
      out[l] = Math.exp(out[l] - m);
      sum += out[l];
    }
  }
  for (let l = 0; l < lMax; l++) out[l] /= sum;
  return out;
}

/** adstock(x)_t = sum_l w_l x_{t-l}, zero history before t = 0. */
export function applyAdstock(x: ArrayLike<number>, w: Float64Array, out = new Float64Array(x.length)): Float64Array {
  const lMax = w.length;
  for (let t = 0; t < x.length; t++) {
    let s = 0;
    const top = Math.min(lMax - 1, t);
    for (let l = 0; l <= top; l++) s += w[l] * x[t - l];
    out[t] = s;
  }
  return out;
}

/** sat(a): logistic (1 - e^{-lam a}) / (1 + e^{-lam a}); hill a^s / (a^s + kappa^s), 0 at a = 0. */
export function saturation(kind: SaturationKind, p: SaturationParams, a: number): number {
  if (kind === 'logistic') {
    const e = Math.exp(-p.lam! * a);
    return (1 - e) / (1 + e);
  }
  if (a <= 0) return 0;
  const as = Math.pow(a, p.slope!);
  return as / (as + Math.pow(p.kappa!, p.slope!));
}

/** d sat / d a, for marginal ROAS. */
export function saturationDerivative(kind: SaturationKind, p: SaturationParams, a: number): number {
  if (kind === 'logistic') {
    // d/da tanh(lam a / 2) = lam/2 * (1 - tanh^2)
    const th = Math.tanh((p.lam! * a) / 2);
    return (p.lam! / 2) * (1 - th * th);
  }
  if (a <= 0) return p.slope! === 1 ? 1 / p.kappa! : p.slope! < 1 ? Infinity : 0;
  const s = p.slope!;
  const as = Math.pow(a, s);
  const ks = Math.pow(p.kappa!, s);
  return (s * as * ks) / (a * (as + ks) * (as + ks));
}
