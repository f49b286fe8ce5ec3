// The hold-out check on a real fit (dev_weekly_logistic, 156 weeks, drawn from this model):
// the run directory alone is enough to refit; the forecast of the 13 held-out weeks agrees
// with an independent forward pass over all 156 weeks at the training maxima; coverage and
// MAPE are recounted from the bands and observations; the full-run metrics are the
// diagnostics report's; the same seed gives the same result; bad splits are named.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLER, type Dataset, type SamplerSettings } from '../../src/core/types';
import { defaultHoldoutPeriods, holdoutCheck, holdoutResult, planHoldout, refit, splitForHoldout } from '../../src/checks';
import type { HoldoutResult } from '../../src/checks';
import { datasetFromRun } from '../../src/checks/run-data';
import { posteriorFromInferenceData } from '../../src/analysis/posterior';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { forwardData, forwardMu } from '../../src/model/forward';
import { createNodePool } from '../../src/node/node-pool';
import { devData, devFit } from '../helpers/dev-fits';

const SETTINGS: SamplerSettings = { ...DEFAULT_SAMPLER, warmup: 500, draws: 500, seed: 5 };
const N = 13;
const pool = createNodePool(SETTINGS.chains, 2);
afterAll(() => pool.dispose());

const withoutTimes = (r: HoldoutResult) => ({ ...r, refit: { ...r.refit, wall_seconds: null } });

describe('hold-out on dev_weekly_logistic (last 13 weeks)', async () => {
  const { idata: run } = await devFit('dev_weekly_logistic');
  const plan = planHoldout(run, N);
  if ('errors' in plan) throw new Error(plan.errors[0].message);
  const fit = await refit(pool, plan.split.train, plan.spec, SETTINGS, { label: 'hold-out', index: 1, of: 1 });
  if ('errors' in fit) throw new Error(fit.errors[0].message);
  const res = holdoutResult(run, fit.idata, plan.split, SETTINGS, fit.wallMs);
  if ('errors' in res) throw new Error(res.errors[0].message);

  it('the run alone gives back the dataset it was fitted to', () => {
    const { data } = devData('dev_weekly_logistic');
    const back = datasetFromRun(run) as Dataset;
    expect(back.dates).toEqual(data.dates);
    expect(Array.from(back.target.values)).toEqual(Array.from(data.target.values));
    for (const c of data.channels) expect(Array.from(back.channels.find((b) => b.name === c.name)!.spend)).toEqual(Array.from(c.spend));
    for (const c of data.controls) expect(Array.from(back.controls.find((b) => b.name === c.name)!.values)).toEqual(Array.from(c.values));
    expect(back.fingerprint).toBe(data.fingerprint);
  });

  it('trains on the first 143 weeks and forecasts the last 13', () => {
    expect(res.train).toEqual({ first: '2023-01-02', last: run.coords.date[142], rows: 143 });
    expect(res.test).toEqual({ first: run.coords.date[143], last: run.coords.date[155], rows: 13 });
    expect(fit.idata.observed_data.y).toHaveLength(143);
    expect(res.forecast.dates).toEqual(run.coords.date.slice(143));
    expect(res.forecast.observed).toEqual(run.observed_data.y.slice(143));
  });

  it('forecast mean = an independent forward pass over all 156 weeks at the training maxima (within MC error)', () => {
    const post = posteriorFromInferenceData(fit.idata);
    if ('errors' in post) throw new Error(post.errors[0].message);
    const full = datasetFromRun(run) as Dataset;
    const fd = forwardData(post.spec, {
      dates: full.dates,
      spend: post.spec.channels.map((c) => full.channels.find((d) => d.name === c.name)!.spend),
      controls: post.spec.controls.map((k) => full.controls.find((d) => d.name === k)!.values),
      channelMax: post.data.channelMax,
      targetMaxAbs: post.data.targetMaxAbs,
    });
    if ('errors' in fd) throw new Error(fd.errors[0].message);
    const mu = forwardMu(fd, post.spec, post.draws);
    const S = post.draws.n;
    // Predictive mean = mean of mu + mean of the noise; the noise mean is within 4 sd/√S of 0.
    const sigma = fit.idata.posterior.y_sigma as number[][];
    const sigmaMean = (sigma.flat().reduce((a, b) => a + b, 0) / S) * post.data.targetMaxAbs;
    for (let i = 0; i < N; i++) {
      let m = 0;
      for (let d = 0; d < S; d++) m += mu[d * 156 + 143 + i];
      m /= S;
      expect(Math.abs(res.forecast.mean[i]! - m)).toBeLessThan((4 * sigmaMean) / Math.sqrt(S));
    }
  });

  it('out-of-sample coverage, MAPE and wMAPE recounted from the bands and the observations', () => {
    const f = res.forecast;
    const y = f.observed as number[];
    const in90 = y.filter((v, i) => v >= f.q05[i]! && v <= f.q95[i]!).length;
    const in50 = y.filter((v, i) => v >= f.q25[i]! && v <= f.q75[i]!).length;
    expect(res.out_of_sample.coverage_90).toBe(in90 / N);
    expect(res.out_of_sample.coverage_50).toBe(in50 / N);
    const ape = y.reduce((s, v, i) => s + Math.abs(v - f.mean[i]!) / Math.abs(v), 0) / N;
    const wape = y.reduce((s, v, i) => s + Math.abs(v - f.mean[i]!), 0) / y.reduce((s, v) => s + Math.abs(v), 0);
    expect(res.out_of_sample.mape).toBeCloseTo(ape, 12);
    expect(res.out_of_sample.wmape).toBeCloseTo(wape, 12);
    expect(res.out_of_sample.periods).toBe(N);
    // The data are drawn from this model, so the forecast is calibrated: with 13 weeks,
    // P(fewer than 10 inside a true 90% interval) = P(Bin(13, 0.9) ≤ 9) ≈ 0.034.
    expect(in90).toBeGreaterThanOrEqual(10);
    console.log(`hold-out 13 weeks: out-of-sample MAPE ${ape.toFixed(4)}, wMAPE ${wape.toFixed(4)}, coverage 50% ${in50}/13, 90% ${in90}/13; in-sample wMAPE ${res.in_sample.wmape?.toFixed(4)}`);
  });

  it('in-sample metrics: the training refit over its 143 weeks; the full run as its diagnostics report says', () => {
    expect(res.in_sample.periods).toBe(143);
    const trainReport = buildDiagnostics(fit.idata);
    expect(res.in_sample.wmape).toBe(trainReport.fit!.wmape);
    expect(res.in_sample.coverage_90).toBe(trainReport.ppc.coverage_90);
    const runReport = buildDiagnostics(run);
    expect(res.in_sample_full_run!.periods).toBe(156);
    expect(res.in_sample_full_run!.mape).toBe(runReport.fit!.mape);
    expect(res.in_sample_full_run!.r2).toBe(runReport.fit!.r2);
    expect(res.in_sample_full_run!.coverage_50).toBe(runReport.ppc.coverage_50);
    expect(res.refit.gates.r_hat.status).not.toBe('fail');
    expect(res.train_tail.dates).toEqual(run.coords.date.slice(143 - 26, 143));
  });

  it('holdoutCheck from the run alone gives the same result (same seed, same numbers)', async () => {
    const again = await holdoutCheck(pool, run, { settings: SETTINGS, periods: N });
    if ('errors' in again) throw new Error(again.errors[0].message);
    expect(withoutTimes(again.result)).toEqual(withoutTimes(res));
  });
}, 600_000);

describe('hold-out split', () => {
  const { data, spec } = devData('dev_weekly_logistic');

  it('defaults to 13 weeks (91 days), at most a fifth of the periods, at least 1', () => {
    expect(defaultHoldoutPeriods(156, 'week')).toBe(13);
    expect(defaultHoldoutPeriods(52, 'week')).toBe(10);
    expect(defaultHoldoutPeriods(800, 'day')).toBe(91);
    expect(defaultHoldoutPeriods(3, 'week')).toBe(1);
  });

  it('refuses 0, all or a fraction of the periods, saying what to choose', () => {
    for (const n of [0, 156, 2.5]) {
      const r = splitForHoldout(data, spec, n);
      expect('errors' in r && r.errors[0].message).toMatch(new RegExp(`Cannot hold out ${n} periods of 156`));
      expect('errors' in r && r.errors[0].hint).toMatch(/1 to 155/);
    }
  });

  it('names a channel that has no spend in the training periods', () => {
    const late: Dataset = { ...data, channels: data.channels.map((c) => (c.name === 'social' ? { ...c, spend: c.spend.map((v, t) => (t < 150 ? 0 : v + 1)) } : c)) };
    const r = splitForHoldout(late, spec, 13);
    expect('errors' in r).toBe(true);
    if (!('errors' in r)) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ channel: 'social', severity: 'error' });
    expect(r.errors[0].message).toMatch(/no spend in the 143 training periods/);
    expect(splitForHoldout(late, spec, 5)).not.toHaveProperty('errors'); // week 151 is in training
  });

  it('splits the rows and re-indexes imputed cells', () => {
    const d: Dataset = { ...data, imputed: [{ column: 'tv', row: 3, method: 'mean' }, { column: 'tv', row: 150, method: 'mean' }] };
    const r = splitForHoldout(d, spec, 13);
    if ('errors' in r) throw new Error(r.errors[0].message);
    expect(r.train.dates).toEqual(data.dates.slice(0, 143));
    expect(r.train.imputed).toEqual([{ column: 'tv', row: 3, method: 'mean' }]);
    expect(Array.from(r.plan.spend.tv)).toEqual(Array.from(data.channels[0].spend.slice(143)));
    expect(Array.from(r.observed)).toEqual(Array.from(data.target.values.slice(143)));
  });
});
