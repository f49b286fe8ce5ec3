// The bundled holiday calendar (public/holidays/holidays.json, made by
// scripts/make-holidays.mjs from Prophet's table as Robyn ships it) and the holiday dummy
// controls built from it: per period, 1 if a holiday of the country falls in it.
import { isoDate, parseIso } from './calendar';

/** Path of the calendar under the app's base URL. */
export const HOLIDAYS_PATH = 'holidays/holidays.json';

interface HolidayFile {
  format: string;
  first_year: number;
  last_year: number;
  names: string[];
  countries: Record<string, number[]>;
}

/** Decoded calendar: per country, holiday days (sorted) and the name of each. */
export interface HolidayCalendar {
  firstYear: number;
  lastYear: number;
  countries: Record<string, { days: Int32Array; names: string[] }>;
}

/** Decode the compact file (flat [day, name, Δday, name, ...] per country). */
export function decodeHolidayCalendar(json: unknown): HolidayCalendar {
  const f = json as HolidayFile;
  if (!f || f.format !== 'carryover-holidays-1' || !Array.isArray(f.names) || typeof f.countries !== 'object') {
    throw new Error('holidays.json: not a carryover-holidays-1 calendar');
  }
  const countries: HolidayCalendar['countries'] = {};
  for (const [code, flat] of Object.entries(f.countries)) {
    const n = flat.length / 2;
    const days = new Int32Array(n);
    const names = new Array<string>(n);
    let day = 0;
    for (let i = 0; i < n; i++) {
      day = i === 0 ? flat[0] : day + flat[2 * i];
      days[i] = day;
      names[i] = f.names[flat[2 * i + 1]];
    }
    countries[code] = { days, names };
  }
  return { firstYear: f.first_year, lastYear: f.last_year, countries };
}

/** Fetch and decode the calendar (browser: pass `import.meta.env.BASE_URL + HOLIDAYS_PATH`). */
export async function loadHolidayCalendar(url: string, fetchImpl: typeof fetch = fetch): Promise<HolidayCalendar> {
  const res = await fetchImpl(url);
  if (!res.ok) throw new Error(`holiday calendar: ${url} answered ${res.status}`);
  return decodeHolidayCalendar(await res.json());
}

export function holidayCountries(calendar: HolidayCalendar): string[] {
  return Object.keys(calendar.countries).sort();
}

/** Holidays of a country in [from, to] (day numbers, inclusive). */
export function holidaysBetween(calendar: HolidayCalendar, country: string, from: number, to: number): Array<{ date: string; name: string }> {
  const c = calendar.countries[country];
  if (!c) return [];
  const out: Array<{ date: string; name: string }> = [];
  for (let i = lowerBound(c.days, from); i < c.days.length && c.days[i] <= to; i++) out.push({ date: isoDate(c.days[i]), name: c.names[i] });
  return out;
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Holiday dummies over periods starting at `dates` and `periodDays` long (7 for weeks):
 * mode 'any' gives one column "holiday_<country>"; mode 'each' one column per holiday name
 * that falls in the data ("holiday_<country>: <name>"), in calendar order.
 */
export function holidayDummies(
  calendar: HolidayCalendar,
  country: string,
  dates: readonly string[],
  periodDays: number,
  mode: 'any' | 'each' = 'any',
): Array<{ name: string; values: Float64Array }> {
  const T = dates.length;
  const columns = new Map<string, Float64Array>();
  dates.forEach((iso, t) => {
    const start = parseIso(iso);
    for (const h of holidaysBetween(calendar, country, start, start + periodDays - 1)) {
      const name = mode === 'any' ? `holiday_${country}` : `holiday_${country}: ${h.name}`;
      let col = columns.get(name);
      if (!col) columns.set(name, (col = new Float64Array(T)));
      col[t] = 1;
    }
  });
  if (mode === 'any' && columns.size === 0) columns.set(`holiday_${country}`, new Float64Array(T));
  return [...columns].map(([name, values]) => ({ name, values }));
}
