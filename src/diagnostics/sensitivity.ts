// Prior sensitivity per parameter: how far the posterior mean moves between a fit with the
// user's priors and a refit with vague priors (in posterior sd units), and how much the
// data contracted the prior (1 − posterior variance / prior variance). Contraction and
// the shift (Betancourt's "z-score") are the two axes of the sensitivity plot in
// Betancourt (2018) "Calibrating model-based inferences and decisions", arXiv:1803.08393,
// §2.2, and Schad, Betancourt, Vasishth (2021) "Toward a principled Bayesian workflow in
// cognitive science", Psychological Methods 26(1), Fig. 2.

import type { Prior } from '../core/types';
import { meanVar } from './autocov';

export interface Moments {
  mean: number;
  variance: number;
}

/** Mean and variance of each prior family of src/core/types.ts (closed forms). */
export function priorMoments(p: Prior): Moments {
  switch (p.dist) {
    case 'normal':
      return { mean: p.mu, variance: p.sigma ** 2 };
    case 'half_normal':
      return { mean: p.sigma * Math.sqrt(2 / Math.PI), variance: p.sigma ** 2 * (1 - 2 / Math.PI) };
    case 'laplace':
      return { mean: p.mu, variance: 2 * p.b ** 2 };
    case 'beta': {
      const s = p.alpha + p.beta;
      return { mean: p.alpha / s, variance: (p.alpha * p.beta) / (s * s * (s + 1)) };
    }
    case 'gamma':
      return { mean: p.alpha / p.beta, variance: p.alpha / p.beta ** 2 };
    case 'log_normal':
      return { mean: Math.exp(p.mu + p.sigma ** 2 / 2), variance: Math.expm1(p.sigma ** 2) * Math.exp(2 * p.mu + p.sigma ** 2) };
  }
}

export function sampleMoments(draws: ArrayLike<number>): Moments {
  const { mean, variance } = meanVar(draws);
  return { mean, variance };
}

/** Thresholds of the flags, stated with their reasons. */
export const SENSITIVITY_RULES = {
  /**
   * Contraction below 0.1: the data removed less than 10% of the prior variance, so the
   * posterior is essentially the prior (Betancourt 2018 §2.2: contraction near 0 means the
   * data are uninformative about the parameter; his figure marks < 0.1 as "poorly
   * identified").
   */
  min_contraction: 0.1,
  /** |shift| above 1 posterior sd: swapping the prior moves the answer by more than its own uncertainty. */
  max_abs_shift: 1,
} as const;

export interface SensitivityRow {
  key: string;
  /** 1 − Var_post / Var_prior under the user's priors; NaN without prior moments. */
  contraction: number;
  /** (mean_user − mean_vague) / sd_user; NaN without a vague refit. */
  shift: number;
  prior_dominates: boolean;
  prior_sensitive: boolean;
  /** What the UI shows next to a flag. */
  note: string | null;
}

export interface SensitivityInput {
  key: string;
  prior: Moments;
  /** Posterior draws with the user's priors. */
  posterior: ArrayLike<number>;
  /** Posterior draws of a refit with vague priors (optional). */
  posterior_vague?: ArrayLike<number>;
}

export function sensitivityRow(x: SensitivityInput): SensitivityRow {
  const post = sampleMoments(x.posterior);
  const contraction = x.prior.variance > 0 ? 1 - post.variance / x.prior.variance : NaN;
  let shift = NaN;
  if (x.posterior_vague) {
    const vague = sampleMoments(x.posterior_vague);
    shift = (post.mean - vague.mean) / Math.sqrt(post.variance);
  }
  const dominates = contraction < SENSITIVITY_RULES.min_contraction;
  const sensitive = Math.abs(shift) > SENSITIVITY_RULES.max_abs_shift;
  let note: string | null = null;
  if (dominates && sensitive) note = 'The prior decides this estimate: the data barely narrowed it and a vague prior moves it by more than 1 sd.';
  else if (dominates) note = 'The data narrowed the prior by less than 10%: this estimate mostly restates the prior.';
  else if (sensitive) note = 'A vague prior moves this estimate by more than 1 posterior sd: report it with the prior you chose and why.';
  return { key: x.key, contraction, shift, prior_dominates: dominates, prior_sensitive: sensitive, note };
}

export function sensitivityTable(inputs: SensitivityInput[]): SensitivityRow[] {
  return inputs.map(sensitivityRow);
}
