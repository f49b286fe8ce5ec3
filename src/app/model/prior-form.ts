// What the prior editor offers and checks. A variable's support (MODEL.md §3: the sampler
// maps (0,1) through the logit and (0,inf) through the log) fixes which distributions may
// be its prior; parameters must be finite and, where they are scales, positive.
import type { Prior } from '../../core/types';
import { priorSupport } from '../../model/priors';

export type Support = 'real' | 'positive' | 'unit';
export type Dist = Prior['dist'];

export const DISTS_BY_SUPPORT: Record<Support, Dist[]> = {
  real: ['normal', 'laplace'],
  positive: ['half_normal', 'gamma', 'log_normal'],
  unit: ['beta'],
};

export const DIST_LABEL: Record<Dist, string> = {
  normal: 'Normal',
  half_normal: 'Half-normal',
  laplace: 'Laplace',
  beta: 'Beta',
  gamma: 'Gamma',
  log_normal: 'Log-normal',
};

/** Parameters of each distribution in display order, and whether each must be positive. */
export const DIST_PARAMS: Record<Dist, Array<{ key: string; label: string; positive: boolean }>> = {
  normal: [
    { key: 'mu', label: 'mu', positive: false },
    { key: 'sigma', label: 'sigma', positive: true },
  ],
  half_normal: [{ key: 'sigma', label: 'sigma', positive: true }],
  laplace: [
    { key: 'mu', label: 'mu', positive: false },
    { key: 'b', label: 'b', positive: true },
  ],
  beta: [
    { key: 'alpha', label: 'alpha', positive: true },
    { key: 'beta', label: 'beta', positive: true },
  ],
  gamma: [
    { key: 'alpha', label: 'shape', positive: true },
    { key: 'beta', label: 'rate', positive: true },
  ],
  log_normal: [
    { key: 'mu', label: 'mu', positive: false },
    { key: 'sigma', label: 'sigma', positive: true },
  ],
};

/** A default of the given distribution roughly matching the scale of `like` (same support). */
export function switchDist(like: Prior, dist: Dist): Prior {
  switch (dist) {
    case 'normal':
      return { dist, mu: 0, sigma: 2 };
    case 'laplace':
      return { dist, mu: 0, b: 1 };
    case 'half_normal':
      return { dist, sigma: like.dist === 'half_normal' ? like.sigma : 2 };
    case 'gamma':
      return { dist, alpha: 3, beta: 1 };
    case 'log_normal':
      return { dist, mu: 0, sigma: 1 };
    case 'beta':
      return { dist, alpha: 1, beta: 3 };
  }
}

/** A message for the first invalid parameter, or null. */
export function priorProblem(p: Prior): string | null {
  for (const { key, label, positive } of DIST_PARAMS[p.dist]) {
    const v = (p as unknown as Record<string, number>)[key];
    if (!Number.isFinite(v)) return `${label} must be a number`;
    if (positive && !(v > 0)) return `${label} must be greater than 0`;
  }
  return null;
}

export function withParam(p: Prior, key: string, value: number): Prior {
  return { ...p, [key]: value } as Prior;
}

export const supportOf = (p: Prior): Support => priorSupport(p);
