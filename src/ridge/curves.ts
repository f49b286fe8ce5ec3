// MODEL.md §2 adstock kernels and saturation curves, the same functions as src/model/kernels.ts,
// written with only +, −, ×, ÷, sqrt, Math.exp and Math.log.
//
// Why a second copy: the ridge search promises the same result for the same seed in Node (CLI,
// tests) and in the studio's worker. V8 computes Math.exp and Math.log with its fdlibm ports in
// every version we ship on, but Math.pow (and Math.tanh) differ in the last bit between the V8
// of Node 20 and of current Chromium for ~10% of arguments (measured; integer exponents
// included), and one ulp is enough to send an evolutionary search down another path. So powers
// are exp(y · log x), integer powers repeated products. tests/ridge/curves.test.ts checks these
// against kernels.ts to ~1e-13.
import type { AdstockKind, SaturationKind } from '../core/types';
import type { AdstockParams, SaturationParams } from '../model/kernels';

/** x^y for x > 0 through exp and log. */
export function powPos(x: number, y: number): number {
  return Math.exp(y * Math.log(x));
}

/** Normalised adstock weights w_0..w_{lMax−1} (MODEL.md §2 table), into `out`. */
export function adstockWeightsDet(kind: AdstockKind, p: AdstockParams, lMax: number, out: Float64Array): Float64Array {
  let sum = 0;
  for (let l = 0; l < lMax; l++) {
    let w: number;
    switch (kind) {
      case 'geometric':
        w = l === 0 ? 1 : out[l - 1] * p.alpha!;
        break;
      case 'delayed': {
        const e = (l - p.theta!) * (l - p.theta!);
        w = e === 0 ? 1 : p.alpha! > 0 ? powPos(p.alpha!, e) : 0;
        break;
      }
      case 'weibull_pdf': {
        const x = (l + 1) / p.lam!;
        const xk = powPos(x, p.k!);
        w = ((p.k! / p.lam!) * xk) / x * Math.exp(-xk);
        break;
      }
      case 'weibull_cdf':
        w = l === 0 ? 1 : out[l - 1] * Math.exp(-powPos(l / p.lam!, p.k!));
        break;
    }
    out[l] = w;
    sum += w;
  }
  for (let l = 0; l < lMax; l++) out[l] /= sum;
  return out;
}

/** sat(a): logistic (1 − e^{−lam a}) / (1 + e^{−lam a}); hill 1 / (1 + (kappa / a)^slope), 0 at a = 0. */
export function saturationDet(kind: SaturationKind, p: SaturationParams, a: number): number {
  if (kind === 'logistic') {
    const e = Math.exp(-p.lam! * a);
    return (1 - e) / (1 + e);
  }
  if (a <= 0) return 0;
  return 1 / (1 + Math.exp(p.slope! * (Math.log(p.kappa!) - Math.log(a))));
}

/** d sat / d a: logistic (lam/2)(1 − sat²); hill (slope / a) · sat · (1 − sat). For a > 0. */
export function saturationDerivativeDet(kind: SaturationKind, p: SaturationParams, a: number): number {
  const s = saturationDet(kind, p, a);
  if (kind === 'logistic') return (p.lam! / 2) * (1 - s * s);
  return (p.slope! / a) * s * (1 - s);
}
