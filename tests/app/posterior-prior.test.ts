// "Posterior against prior" zooms to the posterior and draws the prior over that range:
// against definitions — the range holds the posterior's central 99% and stays in the
// prior's support, the prior curve is the prior's density at each grid point, and the
// histogram is normalised by all draws (its area is the share of draws in the range).
import { describe, expect, it } from 'vitest';
import { posteriorPriorFigure } from '../../src/app/results/posterior-prior';
import { priorLogDensity } from '../../src/model/priors';

/** Deterministic normal draws: Box–Muller on a low-discrepancy lattice (no RNG, same every run). */
function normalDraws(n: number, mean: number, sd: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u1 = (i + 0.5) / n;
    const u2 = ((i * 0.6180339887) % 1) || 0.5;
    out.push(mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  }
  return out;
}

const area = (h: { density: number[]; width: number }) => h.density.reduce((s, d) => s + d * h.width, 0);

describe('posterior against prior', () => {
  const draws = normalDraws(4000, 0.36, 0.02);
  const prior = { dist: 'half_normal' as const, sigma: 2 };

  it('zooms to the posterior, not to the prior (a HalfNormal(2) prior spans 0–8)', () => {
    const f = posteriorPriorFigure(draws, prior, 'posterior');
    const inside = draws.filter((v) => v >= f.range[0] && v <= f.range[1]).length / draws.length;
    expect(inside).toBeGreaterThanOrEqual(0.99);
    expect(f.range[1] - f.range[0]).toBeLessThan(0.25);
    expect(f.range[0]).toBeGreaterThan(0.2);
    expect(area(f.histogram)).toBeCloseTo(inside, 12);
    // The prior is drawn over the same range, as its density.
    expect(f.prior!.x[0]).toBeCloseTo(f.range[0], 12);
    expect(f.prior!.x.at(-1)).toBeCloseTo(f.range[1], 12);
    for (const i of [0, 57, 200]) expect(f.prior!.density[i]).toBeCloseTo(Math.exp(priorLogDensity(prior, f.prior!.x[i])), 14);
  });

  it("the prior's full range takes in the prior and the posterior", () => {
    const f = posteriorPriorFigure(draws, prior, 'prior');
    expect(f.range[0]).toBe(0);
    expect(f.range[1]).toBeCloseTo(8, 12);
    expect(area(f.histogram)).toBeCloseTo(1, 12);
    // A posterior outside the prior's bulk widens the range to include it.
    const far = normalDraws(1000, 12, 0.5);
    const g = posteriorPriorFigure(far, prior, 'prior');
    expect(g.range[1]).toBeGreaterThan(Math.max(...far) - 1e-9);
  });

  it('stays inside the support: (0, 1) for a Beta prior, never a density at a pole', () => {
    const near0 = normalDraws(2000, 0.02, 0.02).map(Math.abs);
    const beta = { dist: 'beta' as const, alpha: 0.5, beta: 3 };
    const f = posteriorPriorFigure(near0, beta, 'posterior');
    expect(f.range[0]).toBe(0);
    expect(f.prior!.x[0]).toBeGreaterThan(0);
    expect(f.prior!.density.every(Number.isFinite)).toBe(true);
    const g = posteriorPriorFigure(near0, beta, 'prior');
    expect(g.range).toEqual([0, 1]);
  });

  it('no prior: the posterior alone; non-finite draws are left out', () => {
    const f = posteriorPriorFigure([1, 2, NaN, 3, Infinity], null, 'posterior');
    expect(f.prior).toBeNull();
    expect(f.histogram.density.reduce((s, d) => s + d, 0) * f.histogram.width).toBeCloseTo(1, 12);
    // A constant parameter still gets a visible range around it.
    const c = posteriorPriorFigure([5, 5, 5], null, 'posterior');
    expect(c.range[0]).toBeLessThan(5);
    expect(c.range[1]).toBeGreaterThan(5);
  });
});
