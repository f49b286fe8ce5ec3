// Draws from the six prior families of src/core/types.ts, for the prior predictive check.
// Uniforms and normals come from src/analysis/rng.ts (seeded); gamma by Marsaglia & Tsang
// (2000, "A simple method for generating gamma variables", ACM TOMS 26(3)) with the
// U^(1/a) boost for shape < 1 (their §6); beta as X/(X+Y) of two gammas; Laplace by the
// inverse CDF.
import type { Prior } from '../../core/types';
import type { Rng } from '../../analysis/rng';

/** Gamma(shape a, rate 1). */
export function gammaDraw(rng: Rng, a: number): number {
  if (a < 1) {
    const u = rng.uniform();
    return gammaDraw(rng, a + 1) * Math.pow(u > 0 ? u : Number.MIN_VALUE, 1 / a);
  }
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function priorDraw(rng: Rng, p: Prior): number {
  switch (p.dist) {
    case 'normal':
      return p.mu + p.sigma * rng.normal();
    case 'half_normal':
      return Math.abs(p.sigma * rng.normal());
    case 'laplace': {
      const u = rng.uniform() - 0.5;
      return p.mu - p.b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    }
    case 'beta': {
      const x = gammaDraw(rng, p.alpha);
      const y = gammaDraw(rng, p.beta);
      return x / (x + y);
    }
    case 'gamma':
      return gammaDraw(rng, p.alpha) / p.beta;
    case 'log_normal':
      return Math.exp(p.mu + p.sigma * rng.normal());
  }
}
