// Points at which to draw a prior's density: a range covering nearly all its mass, on an
// even grid. The density is exp(priorLogDensity) from src/model/priors.ts.
import type { Prior } from '../../core/types';
import { priorLogDensity } from '../../model/priors';

/** [lo, hi] holding all but a negligible tail of the prior's mass. */
export function priorRange(p: Prior): [number, number] {
  switch (p.dist) {
    case 'normal':
      return [p.mu - 4 * p.sigma, p.mu + 4 * p.sigma];
    case 'laplace':
      // Laplace tail mass beyond mu ± 7b is exp(-7) ≈ 0.1%.
      return [p.mu - 7 * p.b, p.mu + 7 * p.b];
    case 'half_normal':
      return [0, 4 * p.sigma];
    case 'beta':
      return [0, 1];
    case 'gamma': {
      const mean = p.alpha / p.beta;
      const sd = Math.sqrt(p.alpha) / p.beta;
      return [0, mean + 6 * sd];
    }
    case 'log_normal':
      return [0, Math.exp(p.mu + 3.5 * p.sigma)];
  }
}

/**
 * Grid and density. Interior points only at an open end (beta at 0 and 1, gamma at 0)
 * where the density may be infinite.
 */
export function priorDensityGrid(p: Prior, n = 201): { x: number[]; density: number[] } {
  const [lo, hi] = priorRange(p);
  const h = (hi - lo) / (n - 1);
  const x: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < n; i++) {
    let xi = lo + i * h;
    if (i === 0 && p.dist !== 'normal' && p.dist !== 'laplace' && p.dist !== 'half_normal') xi = lo + h / 2;
    if (i === n - 1 && p.dist === 'beta') xi = hi - h / 2;
    x.push(xi);
    density.push(Math.exp(priorLogDensity(p, xi)));
  }
  return { x, density };
}
