// Prior sensitivity between two saved runs: the user's fit and a refit with vague priors.
import type { InferenceData, ModelSpec, Prior } from '../core/types';
import { channelPrior } from '../model/spec';
import { flatten } from './draws';
import { parameterChains } from './idata';
import { priorMoments, type SensitivityRow, sensitivityTable } from './sensitivity';

/** The prior of one posterior scalar under a model spec (MODEL.md §3 names). */
export function priorForKey(spec: ModelSpec, variable: string, coord: string | undefined): Prior | null {
  switch (variable) {
    case 'intercept':
      return spec.priors.intercept;
    case 'gamma_control':
      return spec.priors.gamma_control;
    case 'gamma_fourier':
      return spec.priors.gamma_fourier;
    case 'y_sigma':
      return spec.priors.y_sigma;
    default:
      if (coord === undefined || !spec.channels.some((c) => c.name === coord)) return null;
      return channelPrior(spec, coord, variable);
  }
}

function coordOf(key: string): string | undefined {
  const m = /\[(.*)\]$/.exec(key);
  return m ? m[1] : undefined;
}

/**
 * Sensitivity rows for every parameter of `user` that has a prior in its spec; `vague`
 * (optional) is the refit with vague priors on the same data.
 */
export function sensitivityFromRuns(user: InferenceData, vague?: InferenceData): SensitivityRow[] {
  const vagueByKey = new Map((vague ? parameterChains(vague) : []).map((s) => [s.key, flatten(s.chains)]));
  const inputs = parameterChains(user).flatMap((s) => {
    const prior = priorForKey(user.attrs.model, s.variable, coordOf(s.key));
    if (!prior) return [];
    return [{ key: s.key, prior: priorMoments(prior), posterior: flatten(s.chains), posterior_vague: vagueByKey.get(s.key) }];
  });
  return sensitivityTable(inputs);
}
