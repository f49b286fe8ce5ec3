// Readiness gates: pass / warn / fail for each check, with the threshold used and what to
// do. Thresholds: R-hat and ESS from Vehtari et al. (2021) §4–5 (R-hat < 1.01, ESS > 100
// per chain, i.e. > 400 for 4 chains); divergences, tree depth and E-BFMI from Stan's
// guidance (Betancourt 2016, 2017 "A conceptual introduction to HMC" §6); Pareto k from
// Vehtari et al. (2024) "Pareto smoothed importance sampling" §3 (k < min(1 − 1/log10 S,
// 0.7)); coverage from the seed requirement (90% of observations in the 90% interval,
// minus 2 binomial sd for sampling noise).

export type GateStatus = 'pass' | 'warn' | 'fail';

export interface Gate {
  status: GateStatus;
  /** The number the gate judged (null when it could not be computed). */
  value: number | null;
  /** Where the value comes from, e.g. the worst parameter. */
  detail: string;
  /** The thresholds, as text the UI shows verbatim. */
  threshold: string;
  /** What to do when not passing; null on pass. */
  action: string | null;
  /** True when failing this gate makes contributions, ROAS and the optimizer provisional. */
  affects_estimates: boolean;
}

export interface GateInputs {
  rhat: Array<{ key: string; value: number }>;
  ess_bulk: Array<{ key: string; value: number }>;
  ess_tail: Array<{ key: string; value: number }>;
  /** Post-warmup draws over all chains, and divergent ones among them. */
  draws: number;
  divergences: number | null;
  max_treedepth: number;
  max_treedepth_hits: number | null;
  e_bfmi: number[];
  coverage_90: number | null;
  n_obs: number | null;
  pareto_k: ArrayLike<number> | null;
}

const fmt = (v: number, d = 3): string => (Number.isFinite(v) ? Number(v.toPrecision(d + 1)).toString() : String(v));

function worst(items: Array<{ key: string; value: number }>, pick: 'max' | 'min'): { key: string; value: number } | null {
  if (items.length === 0) return null;
  const bad = items.find((i) => Number.isNaN(i.value));
  if (bad) return bad;
  return items.reduce((a, b) => ((pick === 'max' ? b.value > a.value : b.value < a.value) ? b : a));
}

export function rhatGate(items: GateInputs['rhat']): Gate {
  const threshold = 'pass < 1.01, warn < 1.05, else fail';
  const w = worst(items, 'max');
  const base = { threshold, affects_estimates: true };
  if (!w) return { ...base, status: 'fail', value: null, detail: 'no parameters to check', action: 'Fit the model first.' };
  if (Number.isNaN(w.value)) {
    return { ...base, status: 'fail', value: null, detail: `R-hat of ${w.key} cannot be computed (constant or non-finite draws, or under 4 draws per chain)`, action: 'A parameter did not move or produced NaN: check its prior and the data; increase warmup; reparameterize.' };
  }
  const status: GateStatus = w.value < 1.01 ? 'pass' : w.value < 1.05 ? 'warn' : 'fail';
  return {
    ...base, status, value: w.value, detail: `max R-hat ${fmt(w.value, 4)} (${w.key})`,
    action: status === 'pass' ? null : 'Chains disagree: increase warmup and draws; if one chain sits elsewhere, tighten priors or reparameterize; check the trace plots.',
  };
}

/** The ESS gate's cut points: pass above the first, warn above the second. */
const ESS_THRESHOLDS = [400, 100] as const;

/**
 * An ESS as text: a count of effective draws, so a whole number with en-US grouping
 * ("90", "3,912"), as the studio's Diagnostics table shows it. Rounding can land a value
 * just past a threshold onto it (400.3 → "400" under "pass > 400"); there the side it is
 * on is said, so the printed number never contradicts the status next to it.
 */
export function essText(v: number, thresholds: readonly number[] = ESS_THRESHOLDS): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v);
  const text = r.toLocaleString('en-US');
  if (v === r || !thresholds.includes(r)) return text;
  return `${text} (just ${v > r ? 'over' : 'under'})`;
}

export function essGate(items: GateInputs['ess_bulk'], which: 'bulk' | 'tail'): Gate {
  const threshold = `pass > ${ESS_THRESHOLDS[0]}, warn > ${ESS_THRESHOLDS[1]}, else fail`;
  const w = worst(items, 'min');
  const base = { threshold, affects_estimates: true };
  if (!w) return { ...base, status: 'fail', value: null, detail: 'no parameters to check', action: 'Fit the model first.' };
  if (Number.isNaN(w.value)) {
    return { ...base, status: 'fail', value: null, detail: `${which} ESS of ${w.key} cannot be computed (constant or non-finite draws, or under 6 draws per chain)`, action: 'A parameter did not move or produced NaN: check its prior; increase warmup; reparameterize.' };
  }
  const status: GateStatus = w.value > ESS_THRESHOLDS[0] ? 'pass' : w.value > ESS_THRESHOLDS[1] ? 'warn' : 'fail';
  return {
    ...base, status, value: w.value, detail: `min ${which} ESS ${essText(w.value)} (${w.key})`,
    action: status === 'pass' ? null : which === 'bulk'
      ? 'Too few effective draws for means and medians: increase draws, or reparameterize to reduce autocorrelation.'
      : 'Too few effective draws in the tails (5% / 95% quantiles): increase draws; heavy tails may need tighter priors.',
  };
}

export function divergenceGate(divergences: number | null, draws: number): Gate {
  const threshold = 'pass = 0, warn ≤ 1% of draws, else fail';
  const base = { threshold, affects_estimates: true };
  if (divergences === null || !(draws > 0)) return { ...base, status: 'warn', value: null, detail: 'divergences not recorded', action: 'Re-run with a sampler that records divergences.' };
  const rate = divergences / draws;
  const status: GateStatus = divergences === 0 ? 'pass' : rate <= 0.01 ? 'warn' : 'fail';
  return {
    ...base, status, value: divergences, detail: `${divergences} divergent of ${draws} draws (${fmt(100 * rate, 2)}%)`,
    action: status === 'pass' ? null : 'Increase adapt_delta (e.g. 0.95) for smaller steps; if divergences persist, reparameterize or tighten priors (see where they occur in the pairs plot).',
  };
}

export function treedepthGate(hits: number | null, draws: number, maxDepth: number): Gate {
  const threshold = `pass = 0 transitions at max_treedepth ${maxDepth}, else warn (an efficiency problem, draws stay valid)`;
  const base = { threshold, affects_estimates: false };
  if (hits === null) return { ...base, status: 'warn', value: null, detail: 'tree depth not recorded', action: 'Re-run with a sampler that records tree depth.' };
  return {
    ...base, status: hits === 0 ? 'pass' : 'warn', value: hits, detail: `${hits} of ${draws} transitions hit the maximum tree depth`,
    action: hits === 0 ? null : 'Sampling is slow, not wrong: increase max_treedepth, or reparameterize to remove strong posterior correlations.',
  };
}

export function ebfmiGate(values: number[]): Gate {
  const threshold = 'pass ≥ 0.3 in every chain, else warn';
  const base = { threshold, affects_estimates: false };
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { ...base, status: 'warn', value: null, detail: 'energy not recorded', action: 'Re-run with a sampler that records energy.' };
  const min = Math.min(...finite);
  return {
    ...base, status: min >= 0.3 ? 'pass' : 'warn', value: min, detail: `min E-BFMI ${fmt(min)} over ${finite.length} chains`,
    action: min >= 0.3 ? null : 'The momentum resampling explores the energy poorly (heavy tails): increase warmup, tighten priors, or reparameterize.',
  };
}

export function coverageGate(coverage90: number | null, nObs: number | null): Gate {
  const passAt = nObs && nObs > 0 ? 0.9 - 2 * Math.sqrt(0.09 / nObs) : 0.9;
  const threshold = `pass ≥ ${fmt(passAt)} (0.9 − 2·√(0.09/T), T = ${nObs ?? '?'}), warn ≥ 0.8, else fail`;
  const base = { threshold, affects_estimates: true };
  if (coverage90 === null || Number.isNaN(coverage90)) return { ...base, status: 'warn', value: null, detail: 'no posterior predictive draws', action: 'Re-run with posterior predictive draws to check the fit.' };
  const status: GateStatus = coverage90 >= passAt ? 'pass' : coverage90 >= 0.8 ? 'warn' : 'fail';
  return {
    ...base, status, value: coverage90, detail: `${fmt(100 * coverage90, 3)}% of observations inside the 90% predictive interval`,
    action: status === 'pass' ? null : 'The model misses the data: look at the residuals over time for outliers, missing events or seasonality; add controls or revisit adstock/saturation.',
  };
}

export function paretoKGate(k: ArrayLike<number> | null, draws: number): Gate {
  const limit = Math.min(1 - 1 / Math.log10(draws), 0.7);
  const threshold = `pass when no k > ${fmt(limit)} (min(1 − 1/log10 S, 0.7)), warn when all k ≤ 1, else fail`;
  const base = { threshold, affects_estimates: false };
  if (!k || k.length === 0) return { ...base, status: 'warn', value: null, detail: 'no pointwise log-likelihood', action: 'Re-run with the log_likelihood group to compute PSIS-LOO.' };
  let over = 0;
  let max = -Infinity;
  for (let i = 0; i < k.length; i++) {
    if (k[i] > limit) over++;
    if (k[i] > max) max = k[i];
  }
  const status: GateStatus = over === 0 ? 'pass' : max <= 1 ? 'warn' : 'fail';
  return {
    ...base, status, value: max, detail: `${over} of ${k.length} observations with k above ${fmt(limit)}; max k ${fmt(max)}`,
    action: status === 'pass' ? null : 'LOO is unreliable for those observations (often outliers): inspect them in the Pareto k plot, consider K-fold cross-validation or a heavier-tailed likelihood.',
  };
}

export function readinessGates(x: GateInputs): Record<string, Gate> {
  return {
    r_hat: rhatGate(x.rhat),
    ess_bulk: essGate(x.ess_bulk, 'bulk'),
    ess_tail: essGate(x.ess_tail, 'tail'),
    divergences: divergenceGate(x.divergences, x.draws),
    tree_depth: treedepthGate(x.max_treedepth_hits, x.draws, x.max_treedepth),
    e_bfmi: ebfmiGate(x.e_bfmi),
    ppc_coverage_90: coverageGate(x.coverage_90, x.n_obs),
    pareto_k: paretoKGate(x.pareto_k, x.draws),
  };
}

/** Estimates are provisional while any gate that affects them fails. */
export function estimatesProvisional(gates: Record<string, Gate>): boolean {
  return Object.values(gates).some((g) => g.affects_estimates && g.status === 'fail');
}
