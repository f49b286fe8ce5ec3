// Options of the commands that read data (fit, ridge, run): the importer's BuildOptions as
// the studio's Data step offers them — holiday dummies from the bundled calendar (Prophet's
// table as Robyn ships it, public/holidays/), a trend, quarterly Fourier terms, daily grain,
// the order of ambiguous d/m/y dates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserError } from '../core/types';
import { decodeHolidayCalendar, holidayCountries, HOLIDAYS_PATH, type HolidayCalendar } from '../data';
import type { BuildOptions } from '../data/types';
import { findPackageRoot } from '../node/package-root';
import { ArgError, choiceFlag, csvFlag, numberFlag, type FlagSpec, type ParsedArgs } from './args';
import type { RoleFlags } from './load-dataset';

/** The columns' roles, for the commands that read a data file (fit, ridge); detected when absent. */
export const ROLE_FLAGS: Record<string, FlagSpec> = {
  date: { type: 'string', help: 'date column (default: detected)' },
  target: { type: 'string', help: 'target column, e.g. revenue (default: detected)' },
  channels: { type: 'string', help: 'comma-separated spend columns (default: detected)' },
  controls: { type: 'string', help: 'comma-separated control columns (default: detected)' },
};

export function roleFlags(f: ParsedArgs['flags']): RoleFlags {
  return { date: f.date as string | undefined, target: f.target as string | undefined, channels: csvFlag(f, 'channels'), controls: csvFlag(f, 'controls') };
}

export const DATA_FLAGS: Record<string, FlagSpec> = {
  holidays: { type: 'string', help: 'holiday dummies of this country (ISO code, e.g. DE, US) from the bundled calendar' },
  'holiday-mode': { type: 'string', help: "with --holidays: 'any' (one column, default) or 'each' (one column per holiday)" },
  trend: { type: 'boolean', help: 'add a trend control t = 0..T-1' },
  quarterly: { type: 'string', help: 'quarterly Fourier order as controls (default 0 = none)' },
  grain: { type: 'string', help: "week (default) or day (daily data spanning 2+ years)" },
  'date-order': { type: 'string', help: 'dmy or mdy: how to read dates like 03/04/2024 when the column does not decide' },
};

/** The bundled calendar, read from public/ of the package (the Node bundle does not copy it). */
export function readHolidayCalendar(): HolidayCalendar | UserError {
  const root = findPackageRoot();
  const path = root === null ? HOLIDAYS_PATH : join(root, 'public', HOLIDAYS_PATH);
  if (root === null || !existsSync(path))
    return { severity: 'error', file: path, message: 'the bundled holiday calendar is missing', hint: 'Reinstall Carryover (npm ci), or leave out --holidays.' };
  try {
    return decodeHolidayCalendar(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    return { severity: 'error', file: path, message: `the bundled holiday calendar cannot be read: ${e instanceof Error ? e.message : String(e)}`, hint: 'Reinstall Carryover (npm ci), or leave out --holidays.' };
  }
}

/**
 * BuildOptions from the flags. Throws ArgError for a malformed flag; an unknown country is
 * an ArgError listing the codes; a calendar that cannot be read is a UserError (exit 1).
 */
export function buildOptions(f: ParsedArgs['flags'], calendar: () => HolidayCalendar | UserError = readHolidayCalendar): BuildOptions | UserError {
  const mode = choiceFlag(f, 'holiday-mode', ['any', 'each'] as const);
  if (mode !== undefined && f.holidays === undefined) throw new ArgError('--holiday-mode needs --holidays COUNTRY');
  const out: BuildOptions = {
    trend: f.trend === true ? true : undefined,
    quarterlyOrder: numberFlag(f, 'quarterly', { min: 0, max: 10, integer: true }),
    grain: choiceFlag(f, 'grain', ['week', 'day'] as const),
    dateOrder: choiceFlag(f, 'date-order', ['dmy', 'mdy'] as const),
  };
  if (f.holidays === undefined) return out;
  const country = String(f.holidays).trim().toUpperCase();
  const cal = calendar();
  if ('severity' in cal) return cal;
  if (!cal.countries[country]) throw new ArgError(`--holidays: no holiday calendar for "${String(f.holidays)}"; countries: ${holidayCountries(cal).join(', ')}`);
  return { ...out, holidays: { calendar: cal, country, mode: mode ?? 'any' } };
}
