// Checks on the finished table: what would make the model fail or mislead.
import type { Dataset, UserError } from '../core/types';
import { error, plural, warning } from './errors';

function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

function maxOf(values: Float64Array): number {
  let m = -Infinity;
  for (const v of values) m = Math.max(m, v);
  return m;
}

/** Fewer periods than this cannot be fitted at all (a year of weeks is advised, see below). */
export const MIN_PERIODS = 3;

/** Parameters per channel at the least: carry-over, saturation and effect size (MODEL.md §1). */
const PARAMETERS_PER_CHANNEL = 3;

/**
 * More parameters than periods: the fit still runs (the priors keep it proper), but the data
 * cannot inform most of them, and ROAS intervals then repeat the priors. Said, so a 200-channel
 * file on 208 weeks (or 3 weeks of anything) is not read as a measurement.
 */
function tooManyParameters(d: Omit<Dataset, 'fingerprint'>, report: UserError[]): void {
  const T = d.dates.length;
  const k = PARAMETERS_PER_CHANNEL * d.channels.length + d.controls.length;
  if (T < MIN_PERIODS || k < T) return;
  report.push(
    warning(
      `${plural(d.channels.length, 'channel')} and ${plural(d.controls.length, 'control')} on ${plural(T, d.grain === 'week' ? 'week' : 'day')}: at least ${k} parameters for ${T} periods, so the estimates will mostly repeat the priors`,
      {},
      'merge small channels, leave out controls, use a longer date range, or add lift tests',
    ),
  );
}

export function validateDataset(d: Omit<Dataset, 'fingerprint'>, report: UserError[]): void {
  const T = d.dates.length;
  const all: Array<[string, Float64Array, string | undefined]> = [[d.target.name, d.target.values, undefined]];
  for (const c of d.channels) {
    all.push([c.name, c.spend, c.name]);
    if (c.impressions) all.push([`${c.name}.impressions`, c.impressions, c.name]);
    if (c.clicks) all.push([`${c.name}.clicks`, c.clicks, c.name]);
  }
  for (const c of d.controls) all.push([c.name, c.values, undefined]);
  // A series whose cells were already named as not numbers has no values for that reason:
  // "has no value" beside those errors would send the user looking for a gap.
  const named = (name: string, channel: string | undefined) => report.some((e) => e.severity === 'error' && e.row !== undefined && (channel !== undefined ? e.channel === channel : e.column === name));
  for (const [name, values, channel] of all) {
    const i = firstNonFinite(values);
    if (i < 0 || named(name, channel)) continue;
    const what = Number.isNaN(values[i]) ? 'has no value' : 'overflows to infinity';
    report.push(error(`${name} ${what} in the period starting ${d.dates[i]}`, { column: name, channel }, Number.isNaN(values[i]) ? 'the column has no data to impute from; give it values or leave it out of the model' : 'the numbers are too large; rescale the column'));
  }
  if (T < MIN_PERIODS) report.push(error(`Only ${plural(T, 'period')}: too few to fit a model`, {}, 'use a longer date range'));
  else if (d.grain === 'week' && T < 52) report.push(warning(`Only ${T} weeks: yearly seasonality and carry-over are hard to separate with less than a year`, {}));
  tooManyParameters(d, report);
  if (T > 0 && isConstant(d.target.values)) report.push(error(`The target ${d.target.name} is the same in every period`, { column: d.target.name }, 'choose the column that measures the outcome'));
  for (const c of d.channels) {
    if (maxOf(c.spend) <= 0) report.push(error(`Channel ${c.name} has no spend in any period`, { channel: c.name, column: c.name }, 'leave the column out of the model (studio: mark it ignored; command line: do not name it in --channels), or pick the right spend column (a channel whose maximum is 0 cannot be scaled)'));
  }
  for (const c of d.controls) {
    if (T > 0 && isConstant(c.values)) report.push(warning(`Control ${c.name} is the same in every period; it only duplicates the intercept`, { column: c.name }, 'leave it out of the model'));
  }
}
