// The train/test hold-out check (issue 4): refit the run's model on all but the last N
// periods, forecast those N with their actual spend and controls (src/analysis/forecast.ts),
// and set out-of-sample MAPE, wMAPE and 50%/90% coverage beside the in-sample ones. This
// file is the pure part (split, then metrics from the refit); ./run-checks.ts does the refit.
// Hyndman & Athanasopoulos, "Forecasting: principles and practice" (3rd ed., §5.8): accuracy
// is judged on data the model did not see, with a test set of at least the horizon of
// interest — a quarter (13 weeks) by default here, the planning horizon of most budgets.
import type { Dataset, InferenceData, ModelSpec, SamplerSettings, UserError } from '../core/types';
import { forecast, forecastCoverage, type FuturePlan } from '../analysis/forecast';
import { posteriorFromInferenceData } from '../analysis/posterior';
import { fitMetrics } from '../diagnostics/residuals';
import { holdoutSplit } from '../diagnostics/residuals';
import { num } from '../diagnostics/summary';
import { checkMetrics, inSample, refitHealth } from './metrics';
import { sliceDataset } from './run-data';
import type { HoldoutResult, PredictiveBands } from './types';

/** 13 weeks (91 days for daily data), but at most a fifth of the periods and at least 1. */
export function defaultHoldoutPeriods(periods: number, grain: 'week' | 'day'): number {
  const quarter = grain === 'day' ? 91 : 13;
  return Math.max(1, Math.min(quarter, Math.floor(periods / 5)));
}

export interface HoldoutSplitData {
  periods: number;
  train: Dataset;
  /** The held-out periods as a future plan (actual spend and controls) and their observed target. */
  plan: FuturePlan;
  observed: Float64Array;
}

/** Splits a dataset for the hold-out; errors name the channel that has no training spend. */
export function splitForHoldout(data: Dataset, spec: ModelSpec, periods: number): HoldoutSplitData | { errors: UserError[] } {
  const T = data.dates.length;
  const split = holdoutSplit(T, periods);
  if (!split.ok) return { errors: split.errors.map((e) => ({ ...e, column: 'held-out periods' })) };
  const cut = T - periods;
  const train = sliceDataset(data, 0, cut, `${data.fingerprint}:rows 1-${cut}`);
  const errors: UserError[] = [];
  for (const c of spec.channels) {
    const spend = train.channels.find((d) => d.name === c.name)?.spend;
    if (spend && !spend.some((v) => v > 0)) {
      errors.push({
        severity: 'error',
        channel: c.name,
        message: `Channel "${c.name}" has no spend in the ${cut} training periods (${data.dates[0]} to ${data.dates[cut - 1]}), so its effect cannot be learnt from them.`,
        hint: 'Hold out fewer periods, so that the training periods include some of its spend.',
      });
    }
  }
  if (errors.length > 0) return { errors };
  const tail = (v: Float64Array) => v.slice(cut);
  const plan: FuturePlan = {
    dates: data.dates.slice(cut),
    spend: Object.fromEntries(data.channels.map((c) => [c.name, tail(c.spend)])),
    controls: Object.fromEntries(data.controls.map((c) => [c.name, tail(c.values)])),
  };
  return { periods, train, plan, observed: tail(data.target.values) };
}

const list = (a: ArrayLike<number>) => Array.from(a, num);

/**
 * The hold-out result from the training refit: in-sample metrics of the refit (training
 * periods), its forecast of the held-out periods and their out-of-sample metrics. `run` is
 * the original fit on all periods (its in-sample metrics are shown for reference).
 */
export function holdoutResult(
  run: InferenceData | null,
  trainFit: InferenceData,
  split: HoldoutSplitData,
  settings: SamplerSettings,
  wallMs: number | null,
): HoldoutResult | { errors: UserError[] } {
  const post = posteriorFromInferenceData(trainFit);
  if ('errors' in post) return post;
  const f = forecast(post.data, post.spec, post.draws, split.plan, settings.seed);
  if ('errors' in f) return f;
  const cov = forecastCoverage(f, split.observed);
  const inTrain = inSample(trainFit, Math.min(post.data.T, Math.max(26, 2 * split.periods)));
  if (!inTrain) return { errors: [{ severity: 'error', message: 'The training refit has no posterior predictive draws.', hint: 'Refit; if it persists, report the problem.' }] };
  const p = f.predictive;
  const forecastBands: PredictiveBands = {
    dates: [...f.dates],
    observed: list(split.observed),
    mean: list(p.mean),
    q05: list(p.q05),
    q25: list(p.q25),
    q50: list(p.q50),
    q75: list(p.q75),
    q95: list(p.q95),
  };
  const range = (d: string[]) => ({ first: d[0], last: d[d.length - 1], rows: d.length });
  return {
    holdout_periods: split.periods,
    train: range(split.train.dates),
    test: range(split.plan.dates),
    in_sample_full_run: run ? (inSample(run)?.metrics ?? null) : null,
    in_sample: inTrain.metrics,
    out_of_sample: checkMetrics(fitMetrics(split.observed, p.mean), cov.coverage_50, cov.coverage_90),
    forecast: forecastBands,
    train_tail: inTrain.tail,
    refit: refitHealth(trainFit, wallMs),
    settings: { ...settings },
  };
}
