// Picking another model on the ridge run's Pareto front (src/ridge/choose.ts), on a real
// small run on Robyn's data. Oracles: picking the automatic choice again reproduces runRidge's
// result exactly (same refit, same bootstrap stream); a different pick's objectives, recomputed
// by the search's own evaluator at the pick's hyperparameters, are the ones the search recorded;
// the same pick twice is identical, and going back to the automatic choice restores its rule.
import { describe, expect, it } from 'vitest';
import { PICKED_RULE, refitChosen } from '../../../src/ridge/choose';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../../src/app/ridge/options';
import { RidgeFitter } from '../../../src/ridge/fit-ridge';
import { buildProblem, type RidgeProblem } from '../../../src/ridge/problem';
import { CandidateEvaluator, CHOSEN_RULE, runRidge } from '../../../src/ridge/run';
import { buildSpace, type SearchSpace } from '../../../src/ridge/space';
import type { RidgeResult } from '../../../src/ridge/types';
import { robynWeekly } from '../../calibration/wide-csv';

const data = robynWeekly();
const opts = ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 31, population: 12, generations: 3, replicates: 60 }, data, null);
const run = runRidge(data, opts) as RidgeResult;
const other = run.pareto.find((id) => id !== run.chosen)!;

describe('picking a model on the Pareto front', () => {
  it('the run has a front with more than one model to pick from', () => {
    expect('errors' in run).toBe(false);
    expect(run.pareto.length).toBeGreaterThan(1);
  });

  it('picking the automatic choice again reproduces the run exactly', () => {
    expect(refitChosen(data, opts, run, run.chosen, run.chosen)).toEqual(run);
  });

  it('another pick: its refit has the objectives the search recorded for it, and its own numbers', () => {
    const picked = refitChosen(data, opts, run, other, run.chosen) as RidgeResult;
    expect('errors' in picked).toBe(false);
    expect(picked.chosen).toBe(other);
    expect(picked.chosen_rule).toBe(`${PICKED_RULE} The automatic choice, closest to the origin of the normalised objectives, is model ${run.chosen}.`);
    expect(picked.model.objectives).toEqual(run.candidates[other].objectives);
    expect(picked.model.hyper).toEqual(run.candidates[other].hyper);
    // The search's evaluator at the same hyperparameters gives the same objectives (independent
    // of choose.ts: the search point is re-encoded and evaluated through decode).
    const space = buildSpace(data, opts) as SearchSpace;
    const problem = buildProblem(data, opts) as RidgeProblem;
    const ev = new CandidateEvaluator(new RidgeFitter(problem, space), space, opts);
    const unit = space.dims.flatMap((d) => (d.hi === d.lo ? [] : [d.log ? Math.log(run.candidates[other].hyper[d.key] / d.lo) / Math.log(d.hi / d.lo) : (run.candidates[other].hyper[d.key] - d.lo) / (d.hi - d.lo)]));
    const o = ev.evaluate(unit);
    expect(o[0]).toBeCloseTo(run.candidates[other].objectives.nrmse, 9);
    expect(o[1]).toBeCloseTo(run.candidates[other].objectives.decomp_rssd, 9);
    // Bootstrap intervals around the pick's own point values, for every channel.
    for (const [ch, c] of Object.entries(picked.channels)) {
      expect(c.contribution.q05!, ch).toBeLessThanOrEqual(c.contribution.q95!);
      expect(c.point.contribution).not.toBe(run.channels[ch].point.contribution);
    }
    expect(picked.bootstrap.replicates).toBe(60);
    // The search itself is kept: candidates, front and evaluations unchanged.
    expect({ candidates: picked.candidates, pareto: picked.pareto, evaluations: picked.evaluations }).toEqual({ candidates: run.candidates, pareto: run.pareto, evaluations: run.evaluations });
    // Deterministic: the same pick twice is the same result; going back restores the automatic rule.
    expect(refitChosen(data, opts, run, other, run.chosen)).toEqual(picked);
    expect((refitChosen(data, opts, picked, run.chosen, run.chosen) as RidgeResult).chosen_rule).toBe(CHOSEN_RULE);
  });

  it('refuses a candidate that is not on the front, naming it', () => {
    const off = run.candidates.find((c) => c.front > 1)!.id;
    expect(refitChosen(data, opts, run, off, run.chosen)).toEqual({
      errors: [{ severity: 'error', message: `candidate ${off} is not on the Pareto front of this run`, hint: 'Pick one of the models listed on the front.' }],
    });
  });
});
