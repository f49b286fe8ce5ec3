// Default priors of MODEL.md §3 (PyMC-Marketing's defaults, same names) and the prior
// log densities in plain TypeScript (used by the TS reference model and the prior plots).
import type { AdstockKind, Prior, SaturationKind } from '../core/types';

/** Gamma given by mean and sd: shape = m²/s², rate = m/s². */
export function gammaFromMeanSd(mean: number, sd: number): Prior {
  return { dist: 'gamma', alpha: (mean * mean) / (sd * sd), beta: mean / (sd * sd) };
}

export const DEFAULT_GLOBAL_PRIORS = {
  intercept: { dist: 'normal', mu: 0, sigma: 2 } as Prior,
  gamma_control: { dist: 'normal', mu: 0, sigma: 2 } as Prior,
  gamma_fourier: { dist: 'laplace', mu: 0, b: 1 } as Prior,
  y_sigma: { dist: 'half_normal', sigma: 2 } as Prior,
};

/** The channel variables a given adstock/saturation choice uses, in layout order. */
export function adstockVariables(kind: AdstockKind): string[] {
  switch (kind) {
    case 'geometric':
      return ['adstock_alpha'];
    case 'delayed':
      return ['adstock_alpha', 'adstock_theta'];
    case 'weibull_pdf':
    case 'weibull_cdf':
      return ['adstock_lam', 'adstock_k'];
  }
}

export function saturationVariables(kind: SaturationKind): string[] {
  return kind === 'logistic' ? ['saturation_lam', 'saturation_beta'] : ['saturation_kappa', 'saturation_slope', 'saturation_beta'];
}

/** MODEL.md §3 default prior of a channel variable. */
export function defaultChannelPrior(variable: string, saturation: SaturationKind): Prior {
  switch (variable) {
    case 'adstock_alpha':
      return { dist: 'beta', alpha: 1, beta: 3 };
    case 'adstock_theta':
      return { dist: 'half_normal', sigma: 1 };
    case 'adstock_lam':
      return gammaFromMeanSd(2, 1);
    case 'adstock_k':
      return gammaFromMeanSd(3, 1);
    case 'saturation_lam':
      return { dist: 'gamma', alpha: 3, beta: 1 };
    case 'saturation_kappa':
      return { dist: 'half_normal', sigma: 1.5 };
    case 'saturation_slope':
      return { dist: 'half_normal', sigma: 1.5 };
    case 'saturation_beta':
      return saturation === 'logistic' ? { dist: 'half_normal', sigma: 2 } : { dist: 'half_normal', sigma: 1.5 };
    default:
      throw new Error(`unknown channel variable ${variable}`);
  }
}

/** Support of each prior, which fixes the unconstrained transform (MODEL.md §3). */
export function priorSupport(p: Prior): 'real' | 'positive' | 'unit' {
  switch (p.dist) {
    case 'normal':
    case 'laplace':
      return 'real';
    case 'beta':
      return 'unit';
    default:
      return 'positive';
  }
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Log of the gamma function (Lanczos, g = 7, n = 9; Numerical Recipes 3rd ed. §6.1). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return LOG_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Normalised log density of a prior at a point of its support (-Infinity outside). */
export function priorLogDensity(p: Prior, x: number): number {
  switch (p.dist) {
    case 'normal': {
      const z = (x - p.mu) / p.sigma;
      return -0.5 * z * z - Math.log(p.sigma) - LOG_SQRT_2PI;
    }
    case 'half_normal': {
      if (x < 0) return -Infinity;
      const z = x / p.sigma;
      return -0.5 * z * z - Math.log(p.sigma) - LOG_SQRT_2PI + Math.LN2;
    }
    case 'laplace':
      return -Math.abs(x - p.mu) / p.b - Math.log(2 * p.b);
    case 'beta':
      if (x <= 0 || x >= 1) return -Infinity;
      return (
        (p.alpha - 1) * Math.log(x) + (p.beta - 1) * Math.log1p(-x) - (logGamma(p.alpha) + logGamma(p.beta) - logGamma(p.alpha + p.beta))
      );
    case 'gamma':
      if (x <= 0) return -Infinity;
      return p.alpha * Math.log(p.beta) - logGamma(p.alpha) + (p.alpha - 1) * Math.log(x) - p.beta * x;
    case 'log_normal': {
      if (x <= 0) return -Infinity;
      const z = (Math.log(x) - p.mu) / p.sigma;
      return -0.5 * z * z - Math.log(p.sigma) - LOG_SQRT_2PI - Math.log(x);
    }
  }
}
