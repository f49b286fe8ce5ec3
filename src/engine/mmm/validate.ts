// Validation of a dataset + model spec before packing (MODEL.md §1, §3, §6). Every problem
// is a UserError naming the channel / column / row and what to do, never a NaN later on.
import type { Dataset, LiftTest, ModelSpec, Prior, UserError } from '../../core/types';
import { priorSupport } from '../../model/priors';

export type Domain = 'real' | 'positive' | 'unit';

/** The natural domain of each model variable (MODEL.md §2–3 tables). */
export function variableDomain(name: string): Domain {
  if (name === 'intercept' || name === 'gamma_control' || name === 'gamma_fourier') return 'real';
  if (name === 'adstock_alpha') return 'unit';
  return 'positive';
}

/**
 * A prior fits a variable when its support lies inside the variable's domain: a Beta prior
 * on a positive parameter, or a HalfNormal on a control coefficient (a sign constraint),
 * narrow the domain and are fine; a Normal on a positive parameter is not.
 */
function supportFits(prior: Prior, domain: Domain): boolean {
  const s = priorSupport(prior);
  if (domain === 'real') return true;
  if (domain === 'positive') return s !== 'real';
  return s === 'unit';
}

const pos = (v: number) => Number.isFinite(v) && v > 0;

/** Parameters of a prior are in range: scales and shapes positive and finite, locations finite. */
function priorParamsOk(p: Prior): boolean {
  switch (p.dist) {
    case 'normal':
    case 'log_normal':
      return Number.isFinite(p.mu) && pos(p.sigma);
    case 'half_normal':
      return pos(p.sigma);
    case 'laplace':
      return Number.isFinite(p.mu) && pos(p.b);
    case 'beta':
    case 'gamma':
      return pos(p.alpha) && pos(p.beta);
    default:
      return false;
  }
}

/** Checks one variable's prior; `channel` set for channel variables. */
export function checkPrior(name: string, prior: Prior | undefined, channel?: string): UserError[] {
  const where = channel === undefined ? name : `${name}[${channel}]`;
  if (!prior || !priorParamsOk(prior)) {
    return [
      {
        severity: 'error',
        channel,
        message: `The prior of ${where} is not a valid distribution (${JSON.stringify(prior)}).`,
        hint: 'Use one of normal, half_normal, laplace, beta, gamma, log_normal with finite location and positive scale/shape.',
      },
    ];
  }
  const domain = variableDomain(name);
  if (supportFits(prior, domain)) return [];
  const what = domain === 'unit' ? 'between 0 and 1' : 'positive';
  return [
    {
      severity: 'error',
      channel,
      message: `The prior of ${where} is ${prior.dist}, which allows values outside its range: ${name} must be ${what}.`,
      hint: domain === 'unit' ? 'Use a beta prior.' : 'Use a half_normal, gamma, log_normal or beta prior.',
    },
  ];
}

/** First non-finite cell of a column, as a UserError (row is 1-based with the header as row 1). */
function nonFinite(values: ArrayLike<number>, column: string, channel?: string): UserError | undefined {
  for (let t = 0; t < values.length; t++) {
    if (!Number.isFinite(values[t])) {
      return {
        severity: 'error',
        column,
        channel,
        row: t + 2,
        message: `Column "${column}" has a missing or non-numeric value at row ${t + 2}.`,
        hint: 'Fill the cell (or impute it at import) so every period has a number.',
      };
    }
  }
  return undefined;
}

/** A real calendar date written yyyy-mm-dd (Fourier features need its day of year). */
function isIsoDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(d + 'T00:00:00Z');
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

export function checkData(data: Dataset, spec: ModelSpec): UserError[] {
  const errs: UserError[] = [];
  const T = data.target.values.length;
  const err = (e: Omit<UserError, 'severity'>) => errs.push({ severity: 'error', ...e });
  if (T < 2) err({ message: `The dataset has ${T} period(s); the model needs at least 2.`, hint: 'Load a longer series.' });
  if (data.dates.length !== T) err({ message: `The dataset has ${data.dates.length} dates but ${T} target values.`, column: 'date' });
  const badDate = data.dates.findIndex((d) => !isIsoDate(d));
  if (badDate >= 0)
    err({
      column: 'date',
      row: badDate + 2,
      message: `Date "${data.dates[badDate]}" at row ${badDate + 2} is not a calendar date (yyyy-mm-dd).`,
      hint: 'Fix the date; the yearly seasonality needs each period\'s day of year.',
    });
  if (!Number.isInteger(spec.l_max) || spec.l_max < 1 || spec.l_max > 520)
    err({ message: `The adstock window l_max = ${spec.l_max} must be a whole number from 1 to 520.` });
  if (!Number.isInteger(spec.fourier_order) || spec.fourier_order < 0 || spec.fourier_order > 26)
    err({ message: `The Fourier order ${spec.fourier_order} must be a whole number from 0 to 26.` });
  if (spec.channels.length === 0) err({ message: 'The model has no media channel.', hint: 'Choose at least one channel column.' });

  const tgt = nonFinite(data.target.values, data.target.name);
  if (tgt) errs.push(tgt);
  else if (T > 0 && !data.target.values.some((v) => v !== 0))
    err({ column: data.target.name, message: `The target "${data.target.name}" is zero in every period.`, hint: 'Choose the target column.' });

  for (const ch of spec.channels) {
    const col = data.channels.find((c) => c.name === ch.name);
    if (!col) {
      err({ channel: ch.name, column: ch.name, message: `Channel "${ch.name}" is not a column of ${data.name}.` });
      continue;
    }
    if (col.spend.length !== T) err({ channel: ch.name, message: `Channel "${ch.name}" has ${col.spend.length} values, the target ${T}.` });
    const bad = nonFinite(col.spend, ch.name, ch.name);
    if (bad) {
      errs.push(bad);
      continue;
    }
    const neg = col.spend.findIndex((v) => v < 0);
    if (neg >= 0)
      err({
        channel: ch.name,
        column: ch.name,
        row: neg + 2,
        message: `Channel "${ch.name}" has negative spend (${col.spend[neg]}) at row ${neg + 2}.`,
        hint: 'Spend must be zero or more; fix the cell or exclude the channel.',
      });
    else if (!col.spend.some((v) => v > 0))
      err({
        channel: ch.name,
        column: ch.name,
        message: `Channel "${ch.name}" has zero spend in every period, so its effect cannot be estimated.`,
        hint: 'Remove the channel from the model or choose another date range.',
      });
  }

  if (spec.control_scale.length !== spec.controls.length)
    err({ message: `The spec lists ${spec.controls.length} controls but ${spec.control_scale.length} control scales.` });
  spec.controls.forEach((name, k) => {
    const col = data.controls.find((c) => c.name === name);
    if (!col) return err({ column: name, message: `Control "${name}" is not a column of ${data.name}.` });
    const bad = nonFinite(col.values, name);
    if (bad) errs.push(bad);
    if (!pos(spec.control_scale[k])) err({ column: name, message: `Control "${name}" has an invalid scale ${spec.control_scale[k]}.` });
  });
  return errs;
}

export function checkLiftTest(lt: LiftTest, i: number, spec: ModelSpec): UserError[] {
  const label = lt.label ?? `lift test ${i + 1}`;
  const e = (message: string, hint: string): UserError[] => [{ severity: 'error', channel: lt.channel, message, hint }];
  if (!spec.channels.some((c) => c.name === lt.channel))
    return e(`${label} is for channel "${lt.channel}", which is not in the model.`, 'Use one of the model channels or drop the test.');
  for (const k of ['x', 'delta_x', 'delta_y', 'sigma'] as const)
    if (!Number.isFinite(lt[k])) return e(`${label} (${lt.channel}): ${k} is not a number.`, 'Fill in every field of the test.');
  if (lt.sigma <= 0) return e(`${label} (${lt.channel}): sigma must be positive.`, 'Give the standard error of the measured lift.');
  if (lt.delta_x === 0) return e(`${label} (${lt.channel}): delta_x is 0, so the test moved no spend.`, 'Give the incremental spend per period.');
  if (lt.delta_y === 0)
    return e(
      `${label} (${lt.channel}): delta_y is 0; the lift likelihood (a Gamma on |delta_y|) needs a non-zero measured lift.`,
      'Drop the test, or enter the measured lift with its standard error.',
    );
  if (lt.x < 0 || lt.x + lt.delta_x < 0)
    return e(`${label} (${lt.channel}): spend before or during the test is negative.`, 'Check x and delta_x (spend per period).');
  return [];
}

/**
 * ModelSpec.roas_priors (src/calibration/roas-prior.ts): each names a model channel, at most one
 * per channel, LogNormal(mu, sigma) with finite mu and positive sigma, a known scope, and for
 * 'test' an operating point x ≥ 0, delta_x ≠ 0 with x + delta_x ≥ 0 (a spend cut is a test too:
 * its K = max|y| · (sat(x + delta_x) − sat(x)) / delta_x is positive as well). A 'window' prior on
 * a channel without spend (K = 0) is refused by checkData already.
 */
export function checkRoasPriors(spec: ModelSpec): UserError[] {
  const errs: UserError[] = [];
  const seen = new Set<string>();
  (spec.roas_priors ?? []).forEach((p, i) => {
    const label = p.label ? `ROAS prior "${p.label}"` : `ROAS prior ${i + 1}`;
    const e = (message: string, hint: string) => errs.push({ severity: 'error', channel: p.channel, message, hint });
    if (!spec.channels.some((c) => c.name === p.channel))
      return e(`${label} is for channel "${p.channel}", which is not in the model.`, 'Use one of the model channels or drop the prior.');
    if (seen.has(p.channel))
      return e(`Channel "${p.channel}" has more than one ROAS prior (${label} is the second).`, 'Keep one ROAS prior per channel: combine them or drop one.');
    seen.add(p.channel);
    if (!Number.isFinite(p.mu)) return e(`${label} (${p.channel}): mu is not a finite number.`, 'Give the log-scale location of the LogNormal.');
    if (!(Number.isFinite(p.sigma) && p.sigma > 0))
      return e(`${label} (${p.channel}): sigma must be a positive number (got ${p.sigma}).`, 'Give the log-scale sd of the LogNormal, e.g. 0.5 for a factor of about 2.3 either way at 90%.');
    if (p.scope !== 'window' && p.scope !== 'test')
      return e(`${label} (${p.channel}): scope "${String(p.scope)}" is neither 'window' nor 'test'.`, "Use 'window' (ROAS over the data) or 'test' (incremental ROAS at a lift test's spend).");
    if (p.scope === 'window') return;
    if (!Number.isFinite(p.x) || !Number.isFinite(p.delta_x))
      return e(`${label} (${p.channel}): a 'test' ROAS prior needs the test's spend x and change delta_x per period.`, 'Fill in x and delta_x, or use scope window.');
    if (p.delta_x === 0) return e(`${label} (${p.channel}): delta_x is 0, so there is no incremental ROAS.`, 'Give the spend change per period of the test.');
    if (p.x! < 0 || p.x! + p.delta_x! < 0)
      return e(`${label} (${p.channel}): spend before or during the test is negative.`, 'Check x and delta_x (spend per period).');
  });
  return errs;
}
