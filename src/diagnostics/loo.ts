// PSIS-LOO and WAIC from the pointwise log-likelihood, as `loo` 2.5.1 computes them
// (loo.R `pointwise_loo_calcs`, waic.R, effective_sample_sizes.R `relative_eff`).
// Vehtari, Gelman, Gabry (2017), Statistics and Computing 27, eqs. 4–11 and §3; Watanabe
// (2010) for WAIC; SEs are √N · sd of the pointwise values (loo's table_of_estimates).

import { meanVar } from './autocov';
import { essGeyer } from './convergence';
import { observationColumn, type PointwiseDraws } from './pointwise';
import { psis } from './psis';
import { logSumExp } from './special';

/**
 * Relative efficiency per observation: ESS of exp(log_lik) over the unsplit chains divided
 * by S (loo::relative_eff with chain ids). A non-finite value (e.g. exp underflows to a
 * constant) is returned as NaN; psisLoo then uses 1, as loo does for a missing r_eff.
 */
export function relativeEff(logLik: PointwiseDraws): Float64Array {
  const s = logLik.nChains * logLik.nDraws;
  const out = new Float64Array(logLik.nObs);
  const col = new Float64Array(s);
  for (let i = 0; i < logLik.nObs; i++) {
    observationColumn(logLik, i, col);
    for (let r = 0; r < s; r++) col[r] = Math.exp(col[r]);
    const chains = Array.from({ length: logLik.nChains }, (_, c) => col.subarray(c * logLik.nDraws, (c + 1) * logLik.nDraws));
    out[i] = essGeyer(chains) / s;
  }
  return out;
}

export interface Estimate2 {
  estimate: number;
  se: number;
}

export interface LooResult {
  elpd_loo: Estimate2;
  p_loo: Estimate2;
  looic: Estimate2;
  pointwise: {
    elpd_loo: Float64Array;
    p_loo: Float64Array;
    pareto_k: Float64Array;
    /** PSIS effective sample size per observation, r_eff / Σ w² (loo's psis_n_eff). */
    n_eff: Float64Array;
    r_eff: Float64Array;
  };
  /** Observations with k̂ > 0.7, and the S-dependent threshold min(1 − 1/log10 S, 0.7). */
  pareto_k_over_0_7: number;
  k_threshold: number;
  pareto_k_over_threshold: number;
  n_draws: number;
}

function sumAndSe(x: Float64Array): Estimate2 {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return { estimate: sum, se: Math.sqrt(x.length * meanVar(x).variance) };
}

/** PSIS-LOO for all observations. rEff defaults to relativeEff(logLik). */
export function psisLoo(logLik: PointwiseDraws, rEff: Float64Array = relativeEff(logLik)): LooResult {
  const s = logLik.nChains * logLik.nDraws;
  const n = logLik.nObs;
  const elpd = new Float64Array(n);
  const pLoo = new Float64Array(n);
  const ks = new Float64Array(n);
  const nEff = new Float64Array(n);
  const ll = new Float64Array(s);
  const neg = new Float64Array(s);
  const tmp = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    observationColumn(logLik, i, ll);
    for (let r = 0; r < s; r++) neg[r] = -ll[r];
    const re = Number.isFinite(rEff[i]) && rEff[i] > 0 ? rEff[i] : 1;
    const { logWeights, k } = psis(neg, re);
    const norm = logSumExp(logWeights);
    let sumW2 = 0;
    for (let r = 0; r < s; r++) {
      const lwn = logWeights[r] - norm;
      tmp[r] = ll[r] + lwn;
      sumW2 += Math.exp(2 * lwn);
    }
    elpd[i] = logSumExp(tmp);
    pLoo[i] = logSumExp(ll) - Math.log(s) - elpd[i];
    ks[i] = k;
    nEff[i] = re / sumW2;
  }
  const looicPw = Float64Array.from(elpd, (v) => -2 * v);
  const threshold = Math.min(1 - 1 / Math.log10(s), 0.7);
  return {
    elpd_loo: sumAndSe(elpd),
    p_loo: sumAndSe(pLoo),
    looic: sumAndSe(looicPw),
    pointwise: { elpd_loo: elpd, p_loo: pLoo, pareto_k: ks, n_eff: nEff, r_eff: Float64Array.from(rEff) },
    pareto_k_over_0_7: ks.filter((k) => k > 0.7).length,
    k_threshold: threshold,
    pareto_k_over_threshold: ks.filter((k) => k > threshold).length,
    n_draws: s,
  };
}

export interface WaicResult {
  elpd_waic: Estimate2;
  p_waic: Estimate2;
  waic: Estimate2;
  pointwise: { elpd_waic: Float64Array; p_waic: Float64Array };
  /** Observations with p_waic > 0.4, where loo warns that WAIC is unreliable. */
  p_waic_over_0_4: number;
}

/** WAIC: lpd_i − Var_s(log p(y_i | θ_s)) per observation (loo's waic.matrix). */
export function waic(logLik: PointwiseDraws): WaicResult {
  const s = logLik.nChains * logLik.nDraws;
  const n = logLik.nObs;
  const elpd = new Float64Array(n);
  const pw = new Float64Array(n);
  const ll = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    observationColumn(logLik, i, ll);
    pw[i] = meanVar(ll).variance;
    elpd[i] = logSumExp(ll) - Math.log(s) - pw[i];
  }
  return {
    elpd_waic: sumAndSe(elpd),
    p_waic: sumAndSe(pw),
    waic: sumAndSe(Float64Array.from(elpd, (v) => -2 * v)),
    pointwise: { elpd_waic: elpd, p_waic: pw },
    p_waic_over_0_4: pw.filter((v) => v > 0.4).length,
  };
}
