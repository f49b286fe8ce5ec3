// Forecast (issue 5): given future spend per channel per period and future control values,
// the posterior predictive distribution of the target per future period:
// y_t = mu_t(θ_d) + ε, ε ~ Normal(0, y_sigma_d · max|y|) (MODEL.md §2), one draw per
// posterior draw. Adstock runs over history then the future, so carry-over from the last
// periods of history reaches the first future periods. The noise comes from a seeded
// generator, so the same seed gives the same forecast.
import type { ModelSpec, UserError } from '../core/types';
import { ForwardResult, extendForwardData, forwardPass, paramIndex, type DrawMatrix, type ForwardData } from '../model/forward';
import { seriesBand, type SeriesBand } from './decomposition';
import { Rng } from '../core/rng';

export interface FuturePlan {
  /** ISO dates of the future periods, after the last history date, increasing. */
  dates: string[];
  /** Spend per period per channel (every channel of the model). */
  spend: Record<string, ArrayLike<number>>;
  /** Values per period per control (every control of the model; as given, before scaling). */
  controls?: Record<string, ArrayLike<number>>;
}

export interface Forecast {
  dates: string[];
  /** Posterior predictive of y per period (mean, 50% and 90% bands). */
  predictive: SeriesBand;
  /** Posterior of the mean mu per period (no observation noise). */
  mu: SeriesBand;
  seed: number;
  draws: number;
}

const bad = (message: string, extra: Partial<UserError> = {}): UserError => ({ message, severity: 'error', ...extra });

function checkPlan(history: ForwardData, spec: ModelSpec, plan: FuturePlan): UserError[] {
  const F = plan.dates.length;
  const errors: UserError[] = [];
  if (F === 0) errors.push(bad('the forecast needs at least one future period'));
  const last = history.dates[history.T - 1];
  plan.dates.forEach((d, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) errors.push(bad(`future date "${d}" is not a yyyy-mm-dd date`, { row: i + 2, column: 'date' }));
    else if (d <= (i === 0 ? last : plan.dates[i - 1])) errors.push(bad(`future date ${d} does not come after ${i === 0 ? `the last data date ${last}` : plan.dates[i - 1]}`, { row: i + 2, column: 'date' }));
  });
  for (const c of spec.channels) {
    const s = plan.spend[c.name];
    if (!s) errors.push(bad(`the future plan has no spend for channel "${c.name}"`, { channel: c.name, column: c.name, hint: 'give its spend per period (0 if none)' }));
    else if (s.length !== F) errors.push(bad(`channel "${c.name}" has ${s.length} future values for ${F} periods`, { channel: c.name, column: c.name }));
  }
  for (const k of spec.controls) {
    const z = plan.controls?.[k];
    if (!z) errors.push(bad(`the future plan has no values for control "${k}"`, { column: k, hint: 'give its expected value per future period' }));
    else if (z.length !== F) errors.push(bad(`control "${k}" has ${z.length} future values for ${F} periods`, { column: k }));
  }
  return errors;
}

export function forecast(history: ForwardData, spec: ModelSpec, draws: DrawMatrix, plan: FuturePlan, seed = 1): Forecast | { errors: UserError[] } {
  const errors = checkPlan(history, spec, plan);
  if (errors.length > 0) return { errors };
  const ext = extendForwardData(history, spec, {
    dates: plan.dates,
    spend: spec.channels.map((c) => plan.spend[c.name]),
    controls: spec.controls.map((k) => plan.controls![k]),
  });
  if ('errors' in ext) return ext;
  const F = plan.dates.length;
  const T0 = history.T;
  const n = draws.n;
  const idx = paramIndex(spec);
  const r = ForwardResult.for(ext);
  const mu = new Float64Array(n * F);
  const y = new Float64Array(n * F);
  const rng = new Rng(seed);
  for (let d = 0; d < n; d++) {
    forwardPass(ext, idx, draws.values, d * draws.stride, r);
    const sigma = draws.values[d * draws.stride + idx.ySigma] * ext.targetMaxAbs;
    for (let t = 0; t < F; t++) {
      mu[d * F + t] = r.mu[T0 + t];
      y[d * F + t] = r.mu[T0 + t] + sigma * rng.normal();
    }
  }
  return { dates: [...plan.dates], predictive: seriesBand(y, n, F), mu: seriesBand(mu, n, F), seed, draws: n };
}

/** Share of observations inside the 90% (q05..q95) and 50% (q25..q75) predictive intervals. */
export function forecastCoverage(f: Forecast, observed: ArrayLike<number>): { coverage_90: number; coverage_50: number } {
  let in90 = 0;
  let in50 = 0;
  const p = f.predictive;
  for (let t = 0; t < observed.length; t++) {
    if (observed[t] >= p.q05[t] && observed[t] <= p.q95[t]) in90++;
    if (observed[t] >= p.q25[t] && observed[t] <= p.q75[t]) in50++;
  }
  return { coverage_90: in90 / observed.length, coverage_50: in50 / observed.length };
}
