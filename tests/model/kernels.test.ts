// Adstock weights of src/model/kernels.ts against the formulas of MODEL.md §2 written out
// directly, including the Weibull-PDF kernels whose every density underflows in f64.
import { describe, expect, it } from 'vitest';
import { adstockWeights } from '../../src/model/kernels';

/** Weibull density at l + 1 (scale lam, shape k), normalised over the window: the textbook form. */
function weibullPdfDirect(lam: number, k: number, L: number): number[] {
  const f = Array.from({ length: L }, (_, l) => (k / lam) * ((l + 1) / lam) ** (k - 1) * Math.exp(-(((l + 1) / lam) ** k)));
  const s = f.reduce((a, b) => a + b, 0);
  return f.map((v) => v / s);
}

describe('weibull_pdf adstock weights', () => {
  it('equal the normalised density where it is representable', () => {
    for (const [lam, k] of [[2, 3], [0.7, 0.8], [6, 1], [3.5, 5]]) {
      const w = adstockWeights('weibull_pdf', { lam, k }, 8);
      const d = weibullPdfDirect(lam, k, 8);
      for (let l = 0; l < 8; l++) expect(Math.abs(w[l] - d[l])).toBeLessThanOrEqual(1e-14 + 1e-12 * d[l]);
    }
  });

  it('stay finite and sum to 1 when every density underflows (lam < 1, large k)', () => {
    const lam = 0.3;
    const k = 8;
    // The direct form is 0/0 here: that is the case the log-space normalisation exists for.
    expect(weibullPdfDirect(lam, k, 8).every(Number.isNaN)).toBe(true);
    const w = adstockWeights('weibull_pdf', { lam, k }, 8);
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // log-weights g_l = (k − 1) log x_l − x_l^k fall by millions from l = 0 to l = 1: all mass at lag 0.
    expect(w[0]).toBe(1);
  });
});
