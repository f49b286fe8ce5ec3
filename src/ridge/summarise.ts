// The chosen ridge model's numbers with bootstrap intervals: contributions, effect shares,
// ROAS and marginal ROAS per channel (MODEL.md §5 definitions, over the data window), the
// base components, the media total and each lift test's implied lift — every one an Estimate
// (src/core/types.ts) so the studio can show them next to the Bayesian ones. The noise is
// resampled by the sieve bootstrap (sieve.ts, calibrated for the regression; the moving-block
// and i.i.d. residual schemes of bootstrap.ts remain as options), each replicate refitted at
// the chosen hyperparameters, and the intervals studentized (bootstrap-t, studentize.ts) or,
// where a quantity has no standard error and for the other schemes, percentile intervals
// corrected for the penalty's bias (shiftedDraws, below).
import type { Estimate, UserError } from '../core/types';
import { summarise } from '../calibration/estimate';
import type { Rng } from '../core/rng';
import { automaticBlockLength, centre, movingBlockResample } from './bootstrap';
import { Tally } from './tally';
import { calibrateSieve, fitArAic, sieveBurnIn, sieveResample, type ArFit } from './sieve';
import { ArStandardError } from './studentize';
import type { RidgeFitter } from './fit-ridge';
import type { CandidateEvaluator, RunControl } from './run';
import type { RidgeChannelResult, RidgeLiftCheck, RidgeOptions, RidgeResult } from './types';

type Summary = Pick<RidgeResult, 'channels' | 'base' | 'media_total' | 'lift' | 'bootstrap'> & {
  model: Omit<RidgeResult['model'], 'objectives'>;
};

export function summariseChosen(ev: CandidateEvaluator, rng: Rng, opts: RidgeOptions, control: RunControl): Summary | { errors: UserError[] } {
  const f = ev.fitter;
  const p = f.problem;
  const { T, C } = f;
  const K = p.fixed.length;
  const L = p.lifts.length;
  const lambda = f.lambdaFor(ev.values[ev.lambdaIndex]);
  const nonNeg = opts.intercept_non_negative ?? true;
  const point = new Tally(1, C, K, L);
  point.record(0, ev);
  const yhat = Float64Array.from(f.yhat);
  const model: Summary['model'] = {
    hyper: Object.fromEntries(ev.space.dims.map((d, i) => [d.key, ev.values[i]])),
    lambda_standardised: lambda,
    intercept: f.intercept,
    intercept_dropped: f.interceptDropped,
    coefficients: Object.fromEntries([...p.channels, ...p.fixed.map((x) => x.name)].map((name, j) => [name, f.coef[j]])),
    rsq: rsq(p.y, yhat),
    fitted: Array.from(yhat),
  };
  // The penalty's bias at the fitted model: refit the noise-free fitted values (see shiftedDraws).
  f.fit(yhat, lambda, nonNeg);
  const refit = new Tally(1, C, K, L);
  refit.record(0, ev);
  const refitHat = Float64Array.from(f.yhat);

  const B = opts.bootstrap?.replicates ?? 500;
  const method = opts.bootstrap?.method ?? 'sieve';
  const rawResid = Float64Array.from(p.y, (v, t) => v - yhat[t]);
  const resid = Float64Array.from(rawResid);
  centre(resid);
  const ar = method === 'sieve' ? calibratedSieve(f, resid, yhat, refitHat, lambda, nonNeg, rng) : null;
  const blockLength = method === 'block' ? (opts.bootstrap?.block_length ?? automaticBlockLength(resid)) : 1;
  const Q = point.Q;
  const student = ar ? new ArStandardError(T, Q, ar.order, influence(ev, point, lambda, nonNeg)) : null;
  const seHat = new Float64Array(Q);
  student?.compute(rawResid, seHat);
  const seBoot = new Float64Array(student ? B * Q : 0);
  const work = new Float64Array(sieveBurnIn(ar?.fit.phi.length ?? 0) + T);
  const eStar = new Float64Array(T);
  const yStar = new Float64Array(T);
  const rStar = new Float64Array(T);
  const boot = new Tally(B, C, K, L);
  for (let b = 0; b < B; b++) {
    if (ar) sieveResample(ar.fit, rng, eStar, work);
    else movingBlockResample(resid, blockLength, rng, eStar);
    for (let t = 0; t < T; t++) yStar[t] = yhat[t] + eStar[t];
    f.fit(yStar, lambda, nonNeg);
    boot.record(b, ev);
    if (student) {
      for (let t = 0; t < T; t++) rStar[t] = yStar[t] - f.yhat[t];
      student.compute(rStar, seBoot.subarray(b * Q, (b + 1) * Q));
    }
    if ((b + 1) % 25 === 0 || b + 1 === B) {
      control.onProgress?.({ phase: 'bootstrap', done: b + 1, total: B });
      if (control.signal?.aborted) return { errors: [{ severity: 'error', message: 'the ridge run was cancelled', hint: 'Start it again when ready.' }] };
    }
  }
  f.fit(p.y, lambda, nonNeg); // leave the fitter at the chosen model
  control.onProgress?.({ phase: 'done', done: B, total: B });

  let studentized = 0;
  const est = (q: number, o: { scale?: number; lo?: number; hi?: number } = {}): Estimate => {
    const draws = student ? tDraws(boot, point.get(0, q), q, seHat[q], seBoot) : null;
    if (draws) studentized++;
    return bounded(draws ?? shiftedDraws(boot, point.get(0, q), refit.get(0, q), q), o.scale ?? 1, o.lo ?? -Infinity, o.hi ?? Infinity);
  };
  const at = point.at;
  const channels: Record<string, RidgeChannelResult> = {};
  p.channels.forEach((name, c) => {
    const spend = p.spendTotal[c];
    channels[name] = {
      spend,
      contribution: est(at.contribution + c, { lo: 0 }),
      roas: est(at.contribution + c, { scale: spend, lo: 0 }),
      marginal_roas: est(at.marginal + c, { scale: spend, lo: 0 }),
      effect_share: est(at.share + c, { lo: 0, hi: 1 }),
      point: {
        contribution: point.get(0, at.contribution + c),
        roas: point.get(0, at.contribution + c) / spend,
        marginal_roas: point.get(0, at.marginal + c) / spend,
        effect_share: point.get(0, at.share + c),
        spend_share: p.spendShare[c],
      },
    };
  });
  const controls: Record<string, Estimate> = {};
  p.fixed.forEach((col, k) => {
    if (col.kind !== 'fourier') controls[col.name] = est(at.fixed + k);
  });
  const lift: RidgeLiftCheck[] = p.lifts.map((l, j) => ({
    label: l.test.label ?? l.test.channel,
    channel: l.test.channel,
    delta_y: l.test.delta_y,
    sigma: l.test.sigma,
    implied: est(at.lift + j),
    ape: Math.abs(point.get(0, at.lift + j) - l.test.delta_y) / Math.abs(l.test.delta_y),
  }));
  const base = { intercept: est(at.intercept), controls, seasonality: est(at.seasonality) };
  const mediaTotal = est(at.media, { lo: 0 });
  return {
    model,
    channels,
    base,
    media_total: mediaTotal,
    lift,
    bootstrap: {
      replicates: B,
      method: ar ? 'sieve_ar' : method === 'block' ? 'moving_block_residual' : 'residual',
      block_length: blockLength,
      ar_order: ar ? ar.order : null,
      interval: studentized > 0 ? 'studentized' : 'percentile_bias_corrected',
    },
  };
}

/**
 * Bootstrap-t draws of quantity q (studentize.ts): θ̂ − t*_b · se with t*_b = (θ*_b − θ̂) / se*_b,
 * whose 5% and 95% quantiles are the studentized interval. Null when the quantity has no
 * standard error (e.g. a channel held at 0 by its bound: no influence) or a replicate has none.
 */
function tDraws(boot: Tally, at: number, q: number, se: number, seBoot: Float64Array): Float64Array | null {
  const { n, Q } = boot;
  if (!(se > 0)) return null;
  const out = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const s = seBoot[b * Q + q];
    if (!(s > 0)) return null;
    out[b] = at - ((boot.get(b, q) - at) / s) * se;
  }
  return out;
}

/**
 * Bootstrap draws of quantity q moved by twice the penalty's bias (the percentile interval
 * corrected for shrinkage; the fallback of tDraws and the interval of the block and i.i.d.
 * schemes). The ridge estimate is shrunk, E θ̂ − θ = bias (Hoerl & Kennard, "Ridge regression:
 * biased estimation for nonorthogonal problems", Technometrics 12(1), 1970), and every
 * bootstrap refit is shrunk once more around θ̂, so the plain percentile interval sits about
 * 2·bias away from the truth. The bias-corrected estimate is θ̂ − bias (Efron & Tibshirani, "An
 * Introduction to the Bootstrap", 1993, §10.6), and the bootstrap distribution re-centred on it
 * is the draws − 2·bias. The bias is estimated without Monte Carlo error as what the estimator
 * does to the noise-free fitted values, θ(ŷ) − θ̂: for the unconstrained ridge that is exactly
 * the plug-in −λ(G + λI)⁻¹ b̂ of Hoerl & Kennard and the bootstrap's own mean shift, while a
 * coefficient held at its 0 bound gets none (the Monte Carlo mean would mistake the pile-up at
 * the bound for bias).
 */
function shiftedDraws(boot: Tally, at: number, refit: number, q: number): Float64Array {
  const shift = 2 * (refit - at);
  return Float64Array.from({ length: boot.n }, (_, b) => boot.get(b, q) - shift);
}

/**
 * Summary of draws / scale kept within [lo, hi], the range the model allows (media effects ≥ 0,
 * shares in [0, 1]): clamping cannot exclude a true value. The interval's ends are the
 * (B + 1)·α-th ordered draws (Davison & Hinkley 1997, §5.2.1, eqs. 5.6 and 5.18 — Hyndman &
 * Fan's type 6 quantile), at which a replicate and the data, exchangeable, give the nominal
 * coverage exactly; the type-7 quantile of Estimate summaries elsewhere cuts an interval of
 * B = 99 draws 1.8 points short (its α-quantile is the draw at (B − 1)α + 1).
 */
function bounded(draws: Float64Array, scale: number, lo: number, hi: number): Estimate {
  for (let i = 0; i < draws.length; i++) draws[i] = Math.min(hi, Math.max(lo, draws[i] / scale));
  const e = summarise(draws);
  if (e.mean === null) return e;
  draws.sort();
  return { ...e, q05: type6(draws, 0.05), q50: type6(draws, 0.5), q95: type6(draws, 0.95) };
}

/** Hyndman & Fan (1996) type 6 quantile of ascending-sorted x: position (n + 1)p, 1-based, interpolated. */
export function type6(x: Float64Array, p: number): number {
  const n = x.length;
  const h = (n + 1) * p;
  if (h <= 1) return x[0];
  if (h >= n) return x[n - 1];
  const k = Math.floor(h);
  return x[k - 1] + (h - k) * (x[k] - x[k - 1]);
}

/**
 * Influence vectors w_q = ∂θ_q/∂y_t of every quantity at the chosen model, Q×T: the ridge fit
 * of y + h·1_t, less the point values, over h. The active-set fit is linear in y while the
 * active set holds, and h = 10⁻⁴·sd(y) keeps it. Leaves the fitter at the chosen model.
 */
function influence(ev: CandidateEvaluator, point: Tally, lambda: number, nonNeg: boolean): Float64Array {
  const f = ev.fitter;
  const { T } = f;
  const y = f.problem.y;
  let m = 0;
  for (let t = 0; t < T; t++) m += y[t] / T;
  let v = 0;
  for (let t = 0; t < T; t++) v += (y[t] - m) * (y[t] - m);
  const h = 1e-4 * Math.sqrt(v / T);
  const Q = point.Q;
  const row = new Tally(1, point.C, point.K, point.L);
  const w = new Float64Array(Q * T);
  const yp = Float64Array.from(y);
  for (let t = 0; t < T; t++) {
    yp[t] = y[t] + h;
    f.fit(yp, lambda, nonNeg);
    row.record(0, ev);
    for (let q = 0; q < Q; q++) w[q * T + t] = (row.get(0, q) - point.get(0, q)) / h;
    yp[t] = y[t];
  }
  f.fit(y, lambda, nonNeg);
  return w;
}

/** Replicates the sieve's calibration uses (sieve.ts, calibrateSieve): its bias estimate's Monte Carlo sd is ~1/10 of the bias's own sd. */
const CALIBRATION_REPLICATES = 100;

/**
 * The AIC-chosen sieve of the residuals, calibrated for the regression (sieve.ts): the map
 * e* ↦ (I − H)e* is the ridge refit of ŷ + e* minus its noise-free part ŷ − fit(ŷ), so that
 * only the noise's share of the residuals is measured.
 */
function calibratedSieve(f: RidgeFitter, resid: Float64Array, yhat: Float64Array, refitHat: Float64Array, lambda: number, nonNeg: boolean, rng: Rng): { fit: ArFit; order: number } {
  const T = f.T;
  const yStar = new Float64Array(T);
  const residuals = (eStar: Float64Array, out: Float64Array) => {
    for (let t = 0; t < T; t++) yStar[t] = yhat[t] + eStar[t];
    f.fit(yStar, lambda, nonNeg);
    for (let t = 0; t < T; t++) out[t] = yStar[t] - f.yhat[t] - (yhat[t] - refitHat[t]);
  };
  const raw = fitArAic(resid);
  return { fit: calibrateSieve(raw, resid, residuals, rng, CALIBRATION_REPLICATES), order: raw.phi.length };
}

function rsq(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < y.length; t++) m += y[t];
  m /= y.length;
  let ss = 0;
  let st = 0;
  for (let t = 0; t < y.length; t++) {
    ss += (y[t] - yhat[t]) * (y[t] - yhat[t]);
    st += (y[t] - m) * (y[t] - m);
  }
  return 1 - ss / st;
}
