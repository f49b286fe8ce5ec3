// The vague priors of the prior-sensitivity check: every prior of the model (each channel's
// and the global ones, ROAS priors included) widened by a factor, 10 by default.
//
// Why 10: the Stan team's prior-choice recommendations (github.com/stan-dev/stan/wiki/
// Prior-Choice-Recommendations) rank priors from "generic weakly informative" (normal(0, 1)
// on a unit-scale parameter) to "weakly informative, very weak" (normal(0, 10)) and advise
// against "super-vague" ones (normal(0, 1e6)), which add nothing but computational trouble.
// A factor of 10 in scale is that one step down in information: a reference that lets the
// data speak while staying proper. Comparing the posterior under it with the posterior under
// the user's priors is the sensitivity analysis of BDA3 (Gelman et al. 2013, ch. 7: refit
// under other reasonable priors and compare) and the WAMBS checklist's comparison of the
// informative priors with diffuse ones (Depaoli & van de Schoot 2017, "Improving
// transparency and replication in Bayesian statistics", Psychological Methods 22(2)).
//
// "Widened by k" per family, on the scale the sampler works on where it matters:
//   Normal(mu, s)      -> Normal(mu, k·s)          location kept, sd × k
//   Laplace(mu, b)     -> Laplace(mu, k·b)         location kept, sd × k
//   HalfNormal(s)      -> HalfNormal(k·s)          sd (and mean) × k
//   LogNormal(mu, s)   -> LogNormal(mu, k·s)       median kept, sd of log x × k (the
//                                                  sampler's log scale)
//   Gamma(a, b)        -> sd × k; mean kept while the shape stays ≥ 1 (a' = a/k², b' = b/k²);
//                         otherwise shape 1 (an exponential; a shape the user set below 1
//                         is kept) with sd × k. A shape driven below 1
//                         puts a pole at 0 that would pile a curvature parameter up where
//                         it is not identified, which is an informative choice, not a vague one.
//   Beta(a, b)         -> Beta(1, 1), the uniform (Bayes–Laplace) prior on (0, 1), unless
//                         the prior is already at least as spread (variance ≥ 1/12): a sd
//                         × 10 is impossible on (0, 1).
// Lift tests are data (likelihood terms), not priors, and are kept.
import type { ModelSpec, Prior, RoasPrior } from '../core/types';
import { adstockVariables, saturationVariables } from '../model/priors';
import { channelPrior } from '../model/spec';

export const VAGUE_FACTOR = 10;

/** The uniform prior's variance on (0, 1). */
const UNIFORM_VARIANCE = 1 / 12;

export function widenPrior(p: Prior, k: number): Prior {
  if (!(k >= 1) || !Number.isFinite(k)) throw new RangeError(`the widening factor must be a finite number ≥ 1, got ${k}`);
  if (k === 1) return { ...p };
  switch (p.dist) {
    case 'normal':
      return { dist: 'normal', mu: p.mu, sigma: k * p.sigma };
    case 'laplace':
      return { dist: 'laplace', mu: p.mu, b: k * p.b };
    case 'half_normal':
      return { dist: 'half_normal', sigma: k * p.sigma };
    case 'log_normal':
      return { dist: 'log_normal', mu: p.mu, sigma: k * p.sigma };
    case 'gamma': {
      const sd = Math.sqrt(p.alpha) / p.beta;
      // Shape a/k² while that is ≥ 1; a shape the user already set below 1 is kept.
      const alpha = p.alpha / (k * k) >= 1 ? p.alpha / (k * k) : Math.min(p.alpha, 1);
      return { dist: 'gamma', alpha, beta: Math.sqrt(alpha) / (k * sd) };
    }
    case 'beta': {
      const s = p.alpha + p.beta;
      const variance = (p.alpha * p.beta) / (s * s * (s + 1));
      return variance >= UNIFORM_VARIANCE ? { ...p } : { dist: 'beta', alpha: 1, beta: 1 };
    }
  }
}

function widenRoas(r: RoasPrior, k: number): RoasPrior {
  const w = widenPrior({ dist: 'log_normal', mu: r.mu, sigma: r.sigma }, k) as { mu: number; sigma: number };
  return { ...r, sigma: w.sigma, label: `${r.label} (widened ×${k})` };
}

/** The spec with every prior widened by k (each channel variable's prior written out explicitly). */
export function vagueSpec(spec: ModelSpec, k = VAGUE_FACTOR): ModelSpec {
  const g = spec.priors;
  return {
    ...spec,
    channels: spec.channels.map((c) => {
      const priors: Record<string, Prior> = {};
      for (const v of [...adstockVariables(c.adstock), ...saturationVariables(c.saturation)]) priors[v] = widenPrior(channelPrior(spec, c.name, v), k);
      return { ...c, priors };
    }),
    priors: {
      intercept: widenPrior(g.intercept, k),
      gamma_control: widenPrior(g.gamma_control, k),
      gamma_fourier: widenPrior(g.gamma_fourier, k),
      y_sigma: widenPrior(g.y_sigma, k),
    },
    lift_tests: spec.lift_tests.map((t) => ({ ...t })),
    ...(spec.roas_priors ? { roas_priors: spec.roas_priors.map((r) => widenRoas(r, k)) } : {}),
  };
}
