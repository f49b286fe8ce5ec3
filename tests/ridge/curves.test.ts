import { describe, expect, it } from 'vitest';
import type { AdstockKind, SaturationKind } from '../../src/core/types';
import { adstockWeights, saturation, saturationDerivative } from '../../src/model/kernels';
import { adstockWeightsDet, saturationDerivativeDet, saturationDet } from '../../src/ridge/curves';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('exp/log curves agree with src/model/kernels.ts', () => {
  it.each<[AdstockKind, Array<Record<string, number>>]>([
    ['geometric', [{ alpha: 0 }, { alpha: 0.3 }, { alpha: 0.95 }]],
    ['delayed', [{ alpha: 0.5, theta: 0 }, { alpha: 0.7, theta: 2.5 }, { alpha: 0, theta: 3 }]],
    ['weibull_pdf', [{ lam: 2, k: 3 }, { lam: 0.7, k: 0.8 }, { lam: 6, k: 1 }]],
    ['weibull_cdf', [{ lam: 2, k: 3 }, { lam: 0.7, k: 0.8 }, { lam: 6, k: 1 }]],
  ])('%s weights', (kind, params) => {
    for (const p of params) {
      const a = adstockWeights(kind, p, 8);
      const b = adstockWeightsDet(kind, p, 8, new Float64Array(8));
      for (let l = 0; l < 8; l++) expect(close(b[l], a[l]), `${kind} ${JSON.stringify(p)} l=${l}: ${b[l]} vs ${a[l]}`).toBe(true);
    }
  });

  it.each<[SaturationKind, Array<Record<string, number>>]>([
    ['logistic', [{ lam: 0.1 }, { lam: 2.5 }, { lam: 10 }]],
    ['hill', [{ kappa: 0.1, slope: 0.5 }, { kappa: 0.45, slope: 1.8 }, { kappa: 1.2, slope: 3 }]],
  ])('%s curve and derivative', (kind, params) => {
    for (const p of params) {
      for (let i = 0; i <= 100; i++) {
        const a = i / 80;
        expect(close(saturationDet(kind, p, a), saturation(kind, p, a))).toBe(true);
        if (a > 0) expect(close(saturationDerivativeDet(kind, p, a), saturationDerivative(kind, p, a))).toBe(true);
      }
    }
  });
});
