// Controls computed from the dates: a linear trend, quarterly Fourier terms and holiday
// dummies. (Yearly Fourier terms are the model's own: src/model/features.ts.)
import type { UserError } from '../core/types';
import { dayOfYear } from '../model/features';
import { parseIso } from './calendar';
import { error, warning } from './errors';
import { holidayDummies } from './holidays';
import type { BuildOptions } from './types';

type Control = { name: string; values: Float64Array };

/** t = 0..T-1, as PyMC-Marketing's example `t` column. */
export function trendColumn(T: number): Control {
  return { name: 'trend', values: Float64Array.from({ length: T }, (_, t) => t) };
}

/**
 * Quarterly seasonality: sin(2π·4k·p_t), then cos, for k = 1..order, with p_t =
 * dayofyear/365.25 as the yearly features (MODEL.md §1), i.e. period 365.25/4 days.
 */
export function quarterlyFourier(dates: readonly string[], order: number): Control[] {
  const p = dates.map((d) => dayOfYear(d) / 365.25);
  const out: Control[] = [];
  for (const fn of ['sin', 'cos'] as const) {
    for (let k = 1; k <= order; k++) {
      const f = fn === 'sin' ? Math.sin : Math.cos;
      out.push({ name: `q_${fn}_${k}`, values: Float64Array.from(p, (x) => f(2 * Math.PI * 4 * k * x)) });
    }
  }
  return out;
}

export function generatedControls(dates: readonly string[], grain: 'day' | 'week', options: BuildOptions, report: UserError[]): Control[] {
  const out: Control[] = [];
  if (options.trend) out.push(trendColumn(dates.length));
  const order = options.quarterlyOrder ?? 0;
  if (order > 0) out.push(...quarterlyFourier(dates, Math.floor(order)));
  const h = options.holidays;
  if (h) {
    if (!h.calendar.countries[h.country]) {
      report.push(error(`No holiday calendar for country "${h.country}"`, {}, 'choose a country from the list'));
    } else {
      const years = [parseIso(dates[0]), parseIso(dates[dates.length - 1])].map((d) => new Date(d * 86_400_000).getUTCFullYear());
      if (years[0] < h.calendar.firstYear || years[1] > h.calendar.lastYear) {
        report.push(warning(`The holiday calendar covers ${h.calendar.firstYear}-${h.calendar.lastYear}; periods outside it have no holidays`, {}));
      }
      out.push(...holidayDummies(h.calendar, h.country, dates, grain === 'week' ? 7 : 1, h.mode ?? 'any'));
    }
  }
  return out;
}
