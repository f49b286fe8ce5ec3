// The data options of fit / ridge / run (src/cli/data-flags.ts): --holidays builds holiday
// dummies from the bundled calendar. Oracle: Prophet's holiday table as Robyn ships it
// (../shared/data/robyn/dt_prophet_holidays.csv), read here row by row: a week is 1 when a
// holiday of the country falls on one of its 7 days.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ArgError, parseArgs } from '../../src/cli/args';
import { buildOptions, DATA_FLAGS, readHolidayCalendar } from '../../src/cli/data-flags';
import { loadDataset } from '../../src/cli/load-dataset';
import type { BuildOptions } from '../../src/data/types';
import { sharedPath } from '../helpers/csv-dataset';

const ROBYN = sharedPath('data/robyn/dt_simulated_weekly.csv');
const ROLES = { date: 'DATE', target: 'revenue', channels: ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'], controls: ['competitor_sales_B', 'newsletter'] };

const flags = (argv: string[]) => parseArgs(argv, DATA_FLAGS).flags;
const options = (argv: string[]) => buildOptions(flags(argv)) as BuildOptions;

/** Holiday days (UTC day numbers) of a country, from Prophet's table. */
function prophetDays(country: string): Set<number> {
  const days = new Set<number>();
  for (const line of readFileSync(sharedPath('data/robyn/dt_prophet_holidays.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [ds, , c] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((s) => s.replace(/^"|"$/g, ''));
    if (c === country) days.add(Date.parse(`${ds}T00:00:00Z`) / 86_400_000);
  }
  return days;
}

describe('--holidays', () => {
  it('adds holiday_DE to the Robyn weekly data: 1 exactly in the weeks holding a German holiday', () => {
    const opts = options(['--holidays', 'de']);
    expect(opts.holidays).toMatchObject({ country: 'DE', mode: 'any' });
    const r = loadDataset([ROBYN], ROLES, opts);
    expect(r.report.filter((e) => e.severity === 'error')).toEqual([]);
    const d = r.dataset!;
    const col = d.controls.find((c) => c.name === 'holiday_DE')!;
    expect(col).toBeDefined();
    const de = prophetDays('DE');
    expect(de.size).toBeGreaterThan(400);
    const expected = d.dates.map((iso) => {
      const start = Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      return [0, 1, 2, 3, 4, 5, 6].some((k) => de.has(start + k)) ? 1 : 0;
    });
    expect(Array.from(col.values)).toEqual(expected);
    // Four years of German holidays: about 8-10 holiday weeks a year.
    const weeks = expected.reduce((a: number, b) => a + b, 0);
    expect(weeks).toBeGreaterThan(30);
    expect(weeks).toBeLessThan(45);
  });

  it("'each' gives one column per holiday, whose union is the 'any' column", () => {
    const any = loadDataset([ROBYN], ROLES, options(['--holidays', 'DE'])).dataset!;
    const each = loadDataset([ROBYN], ROLES, options(['--holidays', 'DE', '--holiday-mode', 'each'])).dataset!;
    const cols = each.controls.filter((c) => c.name.startsWith('holiday_DE: '));
    expect(cols.length).toBeGreaterThan(5);
    expect(cols.map((c) => c.name)).toContain('holiday_DE: Christmas Day');
    const union = each.dates.map((_, t) => (cols.some((c) => c.values[t] === 1) ? 1 : 0));
    expect(union).toEqual(Array.from(any.controls.find((c) => c.name === 'holiday_DE')!.values));
  });

  it('bad values are argument errors that say what is allowed', () => {
    expect(() => options(['--holidays', 'XX'])).toThrow(ArgError);
    expect(() => options(['--holidays', 'XX'])).toThrow(/no holiday calendar for "XX"; countries: AD, .*DE, .*US/);
    expect(() => options(['--holiday-mode', 'each'])).toThrow(/--holiday-mode needs --holidays/);
    expect(() => options(['--holidays', 'DE', '--holiday-mode', 'all'])).toThrow(/--holiday-mode must be one of any, each/);
    expect(() => options(['--quarterly', 'two'])).toThrow(/--quarterly must be a number/);
    expect(() => options(['--grain', 'month'])).toThrow(/--grain must be one of week, day/);
  });

  it('a calendar that cannot be read is a UserError, not an exception', () => {
    const broken = { severity: 'error' as const, file: 'holidays.json', message: 'the bundled holiday calendar is missing', hint: 'Reinstall' };
    expect(buildOptions(flags(['--holidays', 'DE']), () => broken)).toBe(broken);
    // Without --holidays the calendar is never read.
    expect(buildOptions(flags(['--trend']), () => { throw new Error('read'); })).toMatchObject({ trend: true });
    expect('countries' in (readHolidayCalendar() as object)).toBe(true);
  });
});

describe('other data options', () => {
  it('--trend and --quarterly add t = 0..T-1 and q_sin/q_cos columns', () => {
    const d = loadDataset([ROBYN], ROLES, options(['--trend', '--quarterly', '1'])).dataset!;
    const names = d.controls.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['trend', 'q_sin_1', 'q_cos_1']));
    expect(Array.from(d.controls.find((c) => c.name === 'trend')!.values)).toEqual(d.dates.map((_, t) => t));
  });
});
