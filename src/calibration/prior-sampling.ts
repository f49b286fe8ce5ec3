// Draws from the Prior union of src/core/types.ts, and the log-normal CDF the calibration
// tests compare against. Parameterisations follow PyMC (src/model/priors.ts).
import type { Prior } from '../core/types';
import type { Rng } from '../core/rng';

export function samplePrior(p: Prior, rng: Rng): number {
  switch (p.dist) {
    case 'normal':
      return p.mu + p.sigma * rng.normal();
    case 'half_normal':
      return p.sigma * Math.abs(rng.normal());
    case 'laplace': {
      // Inverse CDF on u in (-1/2, 1/2).
      const u = rng.uniformOpen() - 0.5;
      return p.mu - p.b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    }
    case 'beta':
      return rng.beta(p.alpha, p.beta);
    case 'gamma':
      return rng.gamma(p.alpha) / p.beta;
    case 'log_normal':
      return Math.exp(p.mu + p.sigma * rng.normal());
  }
}

/**
 * Standard normal CDF via erfc. Accuracy ~1e-7, enough for a KS-distance check at
 * n ≤ 10^5 (whose resolution is ~1e-3).
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes 2nd ed. §6.2 erfcc: fractional error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** CDF of LogNormal(mu, sigma) (log-scale parameters). */
export function logNormalCdf(x: number, mu: number, sigma: number): number {
  if (x <= 0) return 0;
  return normalCdf((Math.log(x) - mu) / sigma);
}

/**
 * One-sample Kolmogorov–Smirnov distance sup |F_n − F| of `sample` against `cdf`
 * (sorts a copy). Asymptotic critical value at level a: sqrt(-ln(a/2)/2)/sqrt(n)
 * (Kolmogorov's limit; e.g. 1.628/sqrt(n) at a = 0.01).
 */
export function ksDistance(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

export function ksCritical(n: number, level = 0.01): number {
  return Math.sqrt(-Math.log(level / 2) / 2) / Math.sqrt(n);
}
