// Names shared by the CmdStan CSV writer and reader.

/** CmdStan's sampler columns, in CmdStan's order, and the ArviZ sample_stats names they hold. */
export const STAN_STAT_COLUMNS: ReadonlyArray<readonly [stan: string, arviz: string]> = [
  ['lp__', 'lp'],
  ['accept_stat__', 'acceptance_rate'],
  ['stepsize__', 'step_size'],
  ['treedepth__', 'tree_depth'],
  ['n_leapfrog__', 'n_steps'],
  ['divergent__', 'diverging'],
  ['energy__', 'energy'],
];

/** Column prefixes for the per-observation groups (Stan/loo conventions). */
export const GROUP_PREFIX = { log_likelihood: 'log_lik', posterior_predictive: 'y_rep' } as const;

/** Marker of the trailing comment line holding what CSV cannot (dims, coords, attrs, data). */
export const META_MARKER = '# carryover_inference_data_meta = ';
