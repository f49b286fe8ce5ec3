// The ridge fallback end to end, synchronously (Node tests and the CLI call it directly; the
// studio runs it in ridge.worker.ts): validate → search hyperparameters (search.ts) →
// Pareto front → choose a model → refit → bootstrap intervals (summarise.ts, sieve.ts). Same seed,
// same data, same options: the same result, bit for bit.
import type { Dataset, UserError } from '../core/types';
import { Rng } from '../core/rng';
import { decode, buildSpace, type SearchSpace } from './space';
import { buildProblem, type RidgeProblem } from './problem';
import { RidgeFitter } from './fit-ridge';
import { decompRssd, mapeLift, nrmse } from './objectives';
import { closestToOrigin, nonDominatedFronts } from './pareto';
import { searchUnitCube } from './search';
import { summariseChosen } from './summarise';
import type { RidgeCandidate, RidgeOptions, RidgeProgress, RidgeResult } from './types';

export const METHOD_NOTE =
  'Ridge regression with searched hyperparameters (Robyn-style): point estimates with bootstrap intervals, not a posterior. ' +
  'The points are the chosen model’s, shrunk toward zero by its penalty. The intervals are conditional on the chosen adstock and ' +
  'saturation parameters and show how the estimates vary with the noise in the outcome: a sieve bootstrap (the residuals’ ' +
  'autocorrelation kept by an autoregressive model, new noise built from its resampled innovations), each replicate refitted, and ' +
  'studentized intervals (bootstrap-t) of the chosen model’s estimates with the penalty’s bias taken out. The bias is estimated ' +
  'from the unpenalised fit, so the intervals are in effect those of the unpenalised fit with the chosen curves: they hold the ' +
  'true values about 90% of the time whatever the penalty, and are as wide as the data alone allow. A strongly shrunk point can ' +
  'therefore sit at the edge of its interval or outside it (a warning names each such channel). They leave out uncertainty about ' +
  'the hyperparameters and the choice of model.';

export const CHOSEN_RULE =
  'Closest to the origin of the objectives, each min-max normalised over the Pareto front (Robyn, R/R/clusters.R errors_scores).';

export interface RunControl {
  onProgress?: (p: RidgeProgress) => void;
  signal?: AbortSignal;
}

/** Evaluates candidates: decode, transform, fit, objectives. One fitter, no allocation per call but the result. */
export class CandidateEvaluator {
  readonly values: Float64Array;
  private readonly contrib: Float64Array;
  readonly lambdaIndex: number;

  constructor(
    readonly fitter: RidgeFitter,
    readonly space: SearchSpace,
    readonly opts: RidgeOptions,
  ) {
    this.values = new Float64Array(space.dims.length);
    this.contrib = new Float64Array(fitter.C);
    this.lambdaIndex = space.dims.findIndex((d) => d.variable === 'lambda');
  }

  /** Fits the candidate at `unit`; leaves the fit in the fitter. */
  fitAt(unit: ArrayLike<number>): void {
    decode(this.space, unit, this.values);
    this.fitter.transform(this.values);
    this.fitter.fit(this.fitter.problem.y, this.fitter.lambdaFor(this.values[this.lambdaIndex]), this.opts.intercept_non_negative ?? true);
  }

  evaluate(unit: ArrayLike<number>): Float64Array {
    this.fitAt(unit);
    const { fitter } = this;
    const p: RidgeProblem = fitter.problem;
    for (let c = 0; c < fitter.C; c++) this.contrib[c] = fitter.channelTotal(c);
    const out = [nrmse(p.y, fitter.yhat, p.yRange), decompRssd(this.contrib, p.spendShare, this.opts.rssd_zero_penalty ?? true)];
    const mape = mapeLift(fitter, this.values);
    if (mape !== null) out.push(mape);
    // A failed solve or a NaN objective must never win: it counts as infinitely bad.
    return Float64Array.from(out, (v) => (Number.isNaN(v) || !fitter.converged ? Infinity : v));
  }
}

export function runRidge(data: Dataset, opts: RidgeOptions, control: RunControl = {}): RidgeResult | { errors: UserError[] } {
  const space = buildSpace(data, opts);
  if ('errors' in space) return space;
  const problem = buildProblem(data, opts);
  if ('errors' in problem) return problem;
  const fitter = new RidgeFitter(problem, space);
  const ev = new CandidateEvaluator(fitter, space, opts);
  const population = opts.search?.population ?? 40;
  const generations = opts.search?.generations ?? 50;
  const record = searchUnitCube(space.free.length, (u) => ev.evaluate(u), { population, generations, seed: opts.seed }, (done, total) => {
    control.onProgress?.({ phase: 'search', done, total });
    return !control.signal?.aborted;
  });
  if (control.signal?.aborted) return { errors: [{ severity: 'error', message: 'the ridge run was cancelled', hint: 'Start it again when ready.' }] };
  const fronts = nonDominatedFronts(record.objectives);
  const values = new Float64Array(space.dims.length);
  const candidates: RidgeCandidate[] = record.units.map((u, id) => {
    decode(space, u, values);
    const o = record.objectives[id];
    return {
      id,
      hyper: Object.fromEntries(space.dims.map((d, i) => [d.key, values[i]])),
      objectives: { nrmse: o[0], decomp_rssd: o[1], mape_lift: o.length > 2 ? o[2] : null },
      front: fronts[id],
    };
  });
  const pareto = candidates.filter((c) => c.front === 1).map((c) => c.id);
  pareto.sort((a, b) => record.objectives[a][0] - record.objectives[b][0] || a - b);
  const chosen = closestToOrigin(record.objectives, pareto);
  ev.fitAt(record.units[chosen]);
  const summary = summariseChosen(ev, new Rng(opts.seed, 0xb007), opts, control);
  if ('errors' in summary) return summary;
  return {
    method: 'ridge',
    method_note: METHOD_NOTE,
    seed: opts.seed,
    evaluations: record.units.length,
    candidates,
    pareto,
    chosen,
    chosen_rule: CHOSEN_RULE,
    ...summary,
    model: { ...summary.model, objectives: candidates[chosen].objectives },
    warnings: [...problem.warnings, ...summary.warnings],
  };
}
