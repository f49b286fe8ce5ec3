// The prior-sensitivity result from two fits on the same data: one with the user's priors,
// one with the vague priors of ./vague.ts. Per parameter: prior moments (analytic, from the
// prior itself), both posteriors, the contraction 1 − Var_post / Var_prior and the shift
// (mean_user − mean_vague) / sd_user with the flags of src/diagnostics/sensitivity.ts
// (Betancourt 2018, arXiv:1803.08393 §2.2); and the loo_compare table of the two fits
// (src/diagnostics/compare.ts; Vehtari, Gelman, Gabry 2017 §5.2).
import type { InferenceData, ModelSpec, Prior, SamplerSettings } from '../core/types';
import { compareModels, type CompareRow } from '../diagnostics/compare';
import { flatten } from '../diagnostics/draws';
import { parameterChains, pointwiseGroup } from '../diagnostics/idata';
import { psisLoo, type LooResult } from '../diagnostics/loo';
import { priorMoments, SENSITIVITY_RULES, sensitivityRow } from '../diagnostics/sensitivity';
import { priorForKey } from '../diagnostics/sensitivity-runs';
import { estimateOf, num } from '../diagnostics/summary';
import { refitHealth } from './metrics';
import type { SensitivityParameter, SensitivityResult } from './types';

const coordOf = (key: string): string | undefined => /\[(.*)\]$/.exec(key)?.[1];

/** A channel whose β prior is replaced by a ROAS prior has no analytic prior on β (its scale depends on the curve). */
function roasReplaced(spec: ModelSpec, variable: string, coord: string | undefined): boolean {
  return variable === 'saturation_beta' && coord !== undefined && (spec.roas_priors ?? []).some((r) => r.channel === coord);
}

function priorOf(spec: ModelSpec, variable: string, coord: string | undefined): Prior | null {
  if (roasReplaced(spec, variable, coord)) return null;
  return priorForKey(spec, variable, coord);
}

const NO_MOMENTS = { mean: NaN, variance: NaN };

export function sensitivityParameters(user: InferenceData, vague: InferenceData): SensitivityParameter[] {
  const userSpec = user.attrs.model;
  const vagueSpec = vague.attrs.model;
  const vagueDraws = new Map(parameterChains(vague).map((s) => [s.key, flatten(s.chains)]));
  const out: SensitivityParameter[] = [];
  for (const s of parameterChains(user)) {
    const coord = coordOf(s.key);
    const prior = priorOf(userSpec, s.variable, coord);
    if (!prior && !roasReplaced(userSpec, s.variable, coord)) continue;
    const posterior = flatten(s.chains);
    const posteriorVague = vagueDraws.get(s.key);
    const moments = prior ? priorMoments(prior) : NO_MOMENTS;
    const row = sensitivityRow({ key: s.key, prior: moments, posterior, posterior_vague: posteriorVague });
    out.push({
      key: s.key,
      prior,
      vague_prior: priorOf(vagueSpec, s.variable, coord),
      prior_mean: num(moments.mean),
      prior_sd: num(Math.sqrt(moments.variance)),
      posterior: estimateOf(posterior),
      posterior_vague: posteriorVague ? estimateOf(posteriorVague) : { mean: null, sd: null, q05: null, q50: null, q95: null },
      contraction: num(row.contraction),
      shift: num(row.shift),
      prior_dominates: row.prior_dominates,
      prior_sensitive: row.prior_sensitive,
      note: prior ? row.note : `The prior is on this channel's ROAS, not on β, so the contraction is not computed.${row.note ? ' ' + row.note : ''}`,
    });
  }
  return out;
}

/**
 * A fit for the LOO comparison. `elpd`: its pointwise elpd_loo when the caller has it already
 * (the open run's, which the studio's Diagnostics worker computes once per run,
 * src/app/diagnostics/diagnosed-run.ts); used when it has one value per observation, else
 * PSIS-LOO is computed here.
 */
export interface LooFit {
  name: string;
  idata: InferenceData;
  elpd?: Float64Array | null;
}

/** PSIS-LOO of a fit (Vehtari et al. 2017), null when it has no log_likelihood.y. */
function looOf(idata: InferenceData): LooResult | null {
  const ll = pointwiseGroup(idata.log_likelihood?.y);
  return ll ? psisLoo(ll) : null;
}

/** Pointwise elpd_loo of a fit, null when it has no log_likelihood.y. */
export function pointwiseLoo(idata: InferenceData): Float64Array | null {
  return looOf(idata)?.pointwise.elpd_loo ?? null;
}

/** PSIS-LOO comparison of the two fits, or the reason it cannot be made. */
export function looComparison(fits: LooFit[]): { rows: CompareRow[] | null; error: string | null } {
  const inputs = [];
  for (const f of fits) {
    const ll = pointwiseGroup(f.idata.log_likelihood?.y);
    if (!ll) return { rows: null, error: `${f.name}: the fit has no pointwise log-likelihood.` };
    const fp = f.idata.attrs.dataset_fingerprint;
    const given = f.elpd && f.elpd.length === ll.nObs ? f.elpd : null;
    inputs.push({ name: f.name, pointwise_elpd: given ?? psisLoo(ll).pointwise.elpd_loo, data_fingerprint: typeof fp === 'string' ? fp : undefined });
  }
  const r = compareModels(inputs);
  return r.ok ? { rows: r.value, error: null } : { rows: null, error: r.errors.map((e) => e.message).join(' ') };
}

export const USER_FIT_NAME = 'Your priors';
export const vagueFitName = (k: number) => `Vague priors (×${k})`;

export interface SensitivityOptions {
  factor: number;
  userFit: 'run' | 'refit';
  settings: SamplerSettings;
  userWallMs: number | null;
  vagueWallMs: number | null;
  /**
   * Pointwise elpd_loo of the run, when the caller has it (the base run's LOO is then not
   * recomputed on every check). Used only when the user fit is the run itself.
   */
  runElpd?: Float64Array | null;
}

export function sensitivityResult(user: InferenceData, vague: InferenceData, o: SensitivityOptions): SensitivityResult {
  return sensitivityKeepingLoo(user, vague, o).result;
}

/**
 * The sensitivity result, and the run's pointwise elpd_loo (the one given, or the one computed
 * here) handed back, so a caller running several checks on one run (the studio's Checks
 * section) keeps it and computes the run's PSIS-LOO once, not once per check. Each refit's
 * PSIS-LOO is computed once and shared by its readiness gates (Pareto k) and the comparison.
 */
export function sensitivityKeepingLoo(user: InferenceData, vague: InferenceData, o: SensitivityOptions): { result: SensitivityResult; runElpd: Float64Array | null } {
  const parameters = sensitivityParameters(user, vague);
  const nObs = pointwiseGroup(user.log_likelihood?.y)?.nObs;
  const vagueLoo = looOf(vague);
  const userLoo = o.userFit === 'refit' ? looOf(user) : null;
  const given = o.userFit === 'run' && o.runElpd && o.runElpd.length === nObs ? o.runElpd : null;
  const runElpd = o.userFit === 'run' ? (given ?? pointwiseLoo(user)) : null;
  const cmp = looComparison([
    { name: USER_FIT_NAME, idata: user, elpd: userLoo?.pointwise.elpd_loo ?? runElpd },
    { name: vagueFitName(o.factor), idata: vague, elpd: vagueLoo?.pointwise.elpd_loo },
  ]);
  const result: SensitivityResult = {
    vague_factor: o.factor,
    rules: { ...SENSITIVITY_RULES },
    user_fit: o.userFit,
    parameters,
    flagged: parameters.filter((p) => p.prior_dominates || p.prior_sensitive).map((p) => p.key),
    comparison: cmp.rows,
    comparison_error: cmp.error,
    // The open run's own gates are in the Diagnostics view and mmm_diagnostics.json.
    refits: { user: o.userFit === 'refit' ? refitHealth(user, o.userWallMs, userLoo) : null, vague: refitHealth(vague, o.vagueWallMs, vagueLoo) },
    settings: { ...o.settings },
  };
  return { result, runElpd };
}
