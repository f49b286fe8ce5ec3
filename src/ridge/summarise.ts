// The chosen ridge model's numbers with bootstrap intervals: contributions, effect shares,
// ROAS and marginal ROAS per channel (MODEL.md §5 definitions, over the data window), the
// base components, the media total and each lift test's implied lift — every one an Estimate
// (src/core/types.ts) so the studio can show them next to the Bayesian ones. The points are the
// chosen model's; the intervals are built on its estimate corrected for the penalty's bias
// (debias.ts), so that they hold the truth at the nominal rate under a strong penalty too. The
// noise is resampled by the sieve bootstrap (sieve.ts, calibrated for the regression; the
// moving-block and i.i.d. residual schemes of bootstrap.ts remain as options), each replicate's
// estimate made again at the chosen hyperparameters, and the intervals studentized (bootstrap-t,
// studentize.ts) or, where a quantity has no standard error and for the other schemes,
// percentile intervals corrected for the estimate's remaining bias (intervals.ts).
import type { Estimate, UserError } from '../core/types';
import type { Rng } from '../core/rng';
import { automaticBlockLength, centre as centreInPlace, movingBlockResample } from './bootstrap';
import { DebiasedRidge, lessPenalised } from './debias';
import { pointOutside } from './point-outside';
import { Tally } from './tally';
import { Draws } from './intervals';
import { calibrateSieve, fitArAic, sieveBurnIn, sieveResample, type ArFit } from './sieve';
import { ArStandardError } from './studentize';
import type { RidgeFitter } from './fit-ridge';
import type { CandidateEvaluator, RunControl } from './run';
import type { RidgeChannelResult, RidgeLiftCheck, RidgeOptions, RidgeResult } from './types';

type Summary = Pick<RidgeResult, 'channels' | 'base' | 'media_total' | 'lift' | 'bootstrap' | 'warnings'> & {
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
  const model = chosenModel(ev, lambda);
  // The intervals are built on the chosen fit corrected for its penalty's bias (debias.ts); the
  // point values shown stay the chosen model's.
  const lambdaLess = (opts.bootstrap?.penalty_bias_correction ?? true) ? lessPenalised(p.lambdaMax) : lambda;
  const est = new DebiasedRidge(ev, lambda, lambdaLess, nonNeg);
  const w = bootstrapWorld(est);

  const B = opts.bootstrap?.replicates ?? 500;
  const method = opts.bootstrap?.method ?? 'sieve';
  const rawResid = Float64Array.from(p.y, (v, t) => v - w.centreHat[t]);
  const resid = Float64Array.from(rawResid);
  centreInPlace(resid);
  const ar = method === 'sieve' ? calibratedSieve(est, resid, w.centreHat, w.refitHat, rng) : null;
  const blockLength = method === 'block' ? (opts.bootstrap?.block_length ?? automaticBlockLength(resid)) : 1;
  const Q = point.Q;
  const student = ar ? new ArStandardError(T, Q, influence(est, w.centre)) : null;
  const seHat = new Float64Array(Q);
  student?.compute(rawResid, seHat);
  const boot = new Tally(B, C, K, L);
  const seBoot = new Float64Array(student ? B * Q : 0);
  const noise = (eStar: Float64Array, work: Float64Array) => (ar ? sieveResample(ar.fit, rng, eStar, work) : movingBlockResample(resid, blockLength, rng, eStar));
  const stopped = replicate(est, { yhat: w.yWorld, burnIn: sieveBurnIn(ar?.fit.phi.length ?? 0) }, noise, boot, student, seBoot, control);
  f.fit(p.y, lambda, nonNeg); // leave the fitter at the chosen model
  if (stopped) return stopped;

  const draws = new Draws(w.centre, w.world, w.worldRefit, boot, student ? { seHat, seBoot } : null);
  const nums = numbers(p, draws, point);
  return {
    model,
    ...nums,
    bootstrap: {
      replicates: B,
      method: ar ? 'sieve_ar' : method === 'block' ? 'moving_block_residual' : 'residual',
      block_length: blockLength,
      ar_order: ar ? ar.order : null,
      interval: draws.studentized > 0 ? 'studentized' : 'percentile_bias_corrected',
      penalty_bias_corrected: est.debiased,
    },
    warnings: est.debiased ? pointOutside(nums.channels, ev.values[ev.lambdaIndex]) : [],
  };
}

/** The chosen model as the fitter holds it now: hyperparameters, coefficients, fit. */
function chosenModel(ev: CandidateEvaluator, lambda: number): Summary['model'] {
  const f = ev.fitter;
  const p = f.problem;
  return {
    hyper: Object.fromEntries(ev.space.dims.map((d, i) => [d.key, ev.values[i]])),
    lambda_standardised: lambda,
    intercept: f.intercept,
    intercept_dropped: f.interceptDropped,
    coefficients: Object.fromEntries([...p.channels, ...p.fixed.map((x) => x.name)].map((name, j) => [name, f.coef[j]])),
    rsq: rsq(p.y, f.yhat),
    fitted: Array.from(f.yhat),
  };
}

/**
 * The estimate at the data (centre, its fitted values centreHat) and the bootstrap world built
 * from it. What is left of the shrinkage (all of it when the estimator is the plain fit) is
 * measured by re-estimating from the noise-free fitted values (refit, refitHat). The world's
 * mean is the fitted values with that shortfall added back, 2ŷ − fit(ŷ) (coefficients
 * 2b̂ − b(ŷ)), so that its replicates are shrunk about as much as the estimate was: with ŷ
 * itself the world's truth would be the already shrunk θ̂ and its bias (S − I)θ̂ only S times the
 * real one (S the estimator's shrinkage); this way the bias is right to second order, the
 * bias-corrected world of Kilian (1998) applied to the regression. world: its true values;
 * worldRefit: the estimate from its noise-free mean.
 */
function bootstrapWorld(est: DebiasedRidge) {
  const f = est.ev.fitter;
  const p = f.problem;
  const tally = () => new Tally(1, f.C, p.fixed.length, p.lifts.length);
  const centre = tally();
  est.estimate(p.y, centre, 0);
  const centreHat = Float64Array.from(est.yhat);
  const refit = tally();
  est.estimate(centreHat, refit, 0);
  const refitHat = Float64Array.from(est.yhat);
  const yWorld = Float64Array.from(centreHat, (v, t) => 2 * v - refitHat[t]);
  const worldRefit = tally();
  est.estimate(yWorld, worldRefit, 0);
  return { centre, centreHat, refitHat, yWorld, world: Tally.extrapolated(centre, refit), worldRefit };
}

/**
 * The bootstrap proper: B times new noise around the world's mean (s.yhat), the estimate
 * (debias.ts: the chosen hyperparameters and penalty, bias-corrected) made again, its numbers
 * recorded in `boot` (and, when studentizing, the replicate's standard errors in seBoot).
 * Returns the cancellation error if stopped.
 */
function replicate(
  est: DebiasedRidge,
  s: { yhat: Float64Array; burnIn: number },
  noise: (eStar: Float64Array, work: Float64Array) => void,
  boot: Tally,
  student: ArStandardError | null,
  seBoot: Float64Array,
  control: RunControl,
): { errors: UserError[] } | null {
  const { T } = est.ev.fitter;
  const B = boot.n;
  const Q = boot.Q;
  const work = new Float64Array(s.burnIn + T);
  const eStar = new Float64Array(T);
  const yStar = new Float64Array(T);
  const rStar = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    noise(eStar, work);
    for (let t = 0; t < T; t++) yStar[t] = s.yhat[t] + eStar[t];
    est.estimate(yStar, boot, b);
    if (student) {
      for (let t = 0; t < T; t++) rStar[t] = yStar[t] - est.yhat[t];
      student.compute(rStar, seBoot.subarray(b * Q, (b + 1) * Q));
    }
    if ((b + 1) % 25 === 0 || b + 1 === B) {
      control.onProgress?.({ phase: 'bootstrap', done: b + 1, total: B });
      if (control.signal?.aborted) return { errors: [{ severity: 'error', message: 'the ridge run was cancelled', hint: 'Start it again when ready.' }] };
    }
  }
  control.onProgress?.({ phase: 'done', done: B, total: B });
  return null;
}

/** The result's numbers: per channel (with the chosen model's point values), the base, the media total, the lift checks. */
function numbers(p: RidgeFitter['problem'], d: Draws, point: Tally): Pick<Summary, 'channels' | 'base' | 'media_total' | 'lift'> {
  const at = point.at;
  const channels: Record<string, RidgeChannelResult> = {};
  p.channels.forEach((name, c) => {
    const spend = p.spendTotal[c];
    channels[name] = {
      spend,
      contribution: d.estimate(at.contribution + c, { lo: 0 }),
      roas: d.estimate(at.contribution + c, { scale: spend, lo: 0 }),
      marginal_roas: d.estimate(at.marginal + c, { scale: spend, lo: 0 }),
      effect_share: d.estimate(at.share + c, { lo: 0, hi: 1 }),
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
    if (col.kind !== 'fourier') controls[col.name] = d.estimate(at.fixed + k);
  });
  const lift: RidgeLiftCheck[] = p.lifts.map((l, j) => ({
    label: l.test.label ?? l.test.channel,
    channel: l.test.channel,
    delta_y: l.test.delta_y,
    sigma: l.test.sigma,
    implied_point: point.get(0, at.lift + j),
    implied: d.estimate(at.lift + j),
    ape: Math.abs(point.get(0, at.lift + j) - l.test.delta_y) / Math.abs(l.test.delta_y),
  }));
  return {
    channels,
    base: { intercept: d.estimate(at.intercept), controls, seasonality: d.estimate(at.seasonality) },
    media_total: d.estimate(at.media, { lo: 0 }),
    lift,
  };
}

/**
 * Influence vectors w_q = ∂θ_q/∂y_t of every quantity of the estimate (debias.ts) at the data,
 * Q×T: the estimate for y + h·1_t, less its values at y (`at`), over h. Each ridge fit is linear
 * in y while its active set holds, and h = 10⁻⁴·sd(y) keeps it.
 */
function influence(est: DebiasedRidge, at: Tally): Float64Array {
  const { T } = est.ev.fitter;
  const y = est.ev.fitter.problem.y;
  let m = 0;
  for (let t = 0; t < T; t++) m += y[t] / T;
  let v = 0;
  for (let t = 0; t < T; t++) v += (y[t] - m) * (y[t] - m);
  const h = 1e-4 * Math.sqrt(v / T);
  const Q = at.Q;
  const row = new Tally(1, at.C, at.K, at.L);
  const w = new Float64Array(Q * T);
  const yp = Float64Array.from(y);
  for (let t = 0; t < T; t++) {
    yp[t] = y[t] + h;
    est.estimate(yp, row, 0);
    for (let q = 0; q < Q; q++) w[q * T + t] = (row.get(0, q) - at.get(0, q)) / h;
    yp[t] = y[t];
  }
  return w;
}

/** Replicates the sieve's calibration uses (sieve.ts, calibrateSieve): its bias estimate's Monte Carlo sd is ~1/10 of the bias's own sd. */
const CALIBRATION_REPLICATES = 100;

/**
 * The AIC-chosen sieve of the residuals, calibrated for the regression (sieve.ts): the map
 * e* ↦ (I − H)e* is the residual of the estimate (debias.ts) for ŷ + e* minus its noise-free
 * part ŷ − fit(ŷ), so that only the noise's share of the residuals is measured.
 */
function calibratedSieve(est: DebiasedRidge, resid: Float64Array, yhat: Float64Array, refitHat: Float64Array, rng: Rng): { fit: ArFit; order: number } {
  const T = est.ev.fitter.T;
  const yStar = new Float64Array(T);
  const scratch = new Tally(1, est.ev.fitter.C, est.ev.fitter.problem.fixed.length, est.ev.fitter.problem.lifts.length);
  const residuals = (eStar: Float64Array, out: Float64Array) => {
    for (let t = 0; t < T; t++) yStar[t] = yhat[t] + eStar[t];
    est.estimate(yStar, scratch, 0);
    for (let t = 0; t < T; t++) out[t] = yStar[t] - est.yhat[t] - (yhat[t] - refitHat[t]);
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
