// Robyn's demo as its users pick it: the data and Prophet's holiday table together. The import
// sets the table aside as the holiday calendar (it was read as a second data table and the
// import stopped), builds the data alone, and the holiday controls come from the picked
// calendar: oracle, the dummies built from the bundled calendar (made from the same table).
// src/data runs in-process in place of the data worker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataState } from '../../src/app/state/data.svelte';
import { ImportState } from '../../src/app/state/import.svelte';
import { buildDataset, decodeHolidayCalendar, detectRoles, holidayDummies, parseFiles, preModelDiagnostics, type BuildOptions, type ParsedInput, type RoleAssignment } from '../../src/data';
import type { DataClient } from '../../src/data/client';
import { BusyRegistry } from '../../src/pwa/busy.svelte';

const ROBYN = path.resolve(__dirname, '../../../shared/data/robyn');
const robyn = (name: string) => new File([readFileSync(path.join(ROBYN, name), 'utf8')], name);
const BUNDLED = decodeHolidayCalendar(JSON.parse(readFileSync(path.resolve(__dirname, '../../public/holidays/holidays.json'), 'utf8')));

class InProcessClient {
  parsedNames: string[][] = [];
  options: BuildOptions[] = [];
  async parse(req: { files: File[] }): Promise<ParsedInput> {
    this.parsedNames.push(req.files.map((f) => f.name));
    return parseFiles(await Promise.all(req.files.map(async (f) => ({ name: f.name, text: await f.text() }))));
  }
  async detectRoles(parsed: ParsedInput) {
    return detectRoles(parsed);
  }
  async buildDataset(parsed: ParsedInput, roles: RoleAssignment, options: BuildOptions) {
    this.options.push(options);
    return buildDataset(parsed, roles, options);
  }
  async diagnostics(d: Parameters<typeof preModelDiagnostics>[0]) {
    return preModelDiagnostics(d);
  }
  async release() {}
}

function studio() {
  const client = new InProcessClient();
  const data = new DataState();
  const imp = new ImportState(data, () => undefined, { client: client as unknown as DataClient, busy: new BusyRegistry() });
  return { client, data, imp };
}

describe("Robyn's data picked with its holiday table", () => {
  it('builds the data alone and says the table is the holiday calendar now', async () => {
    const { client, data, imp } = studio();
    await imp.loadFiles([robyn('dt_simulated_weekly.csv'), robyn('dt_prophet_holidays.csv')]);
    expect(client.parsedNames).toEqual([['dt_simulated_weekly.csv']]);
    expect(data.dataset?.dates.length).toBe(208);
    expect(data.report.filter((e) => e.severity === 'error')).toEqual([]);
    const note = data.report.find((e) => e.file === 'dt_prophet_holidays.csv')!;
    expect(note.message).toBe("read as the holiday calendar (Prophet's holidays table): 87651 holidays in 123 countries, 1995–2044; it replaces the bundled calendar");
    expect(note.hint).toMatch(/Choose a country under Dataset options → Holidays/);
    expect(imp.countries).toHaveLength(123);
    expect(imp.options.holidayCountry).toBe('');
  });

  it("choosing DE (Robyn's demo country) adds the holiday control from the picked calendar, as the bundled one gives it", async () => {
    const { client, data, imp } = studio();
    await imp.loadFiles([robyn('dt_prophet_holidays.csv'), robyn('dt_simulated_weekly.csv')]);
    await imp.setOptions({ holidayCountry: 'DE' });
    const used = client.options.at(-1)!.holidays!;
    expect(used.country).toBe('DE');
    expect(Array.from(used.calendar.countries.DE.days)).toEqual(Array.from(BUNDLED.countries.DE.days));
    const d = data.dataset!;
    const control = d.controls.find((c) => c.name === 'holiday_DE')!;
    expect(Array.from(control.values)).toEqual(Array.from(holidayDummies(BUNDLED, 'DE', d.dates, 7)[0].values));
    expect(control.values.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The note stays with the data it came with on every rebuild, its hint following the choice.
    expect(data.report.find((e) => e.file === 'dt_prophet_holidays.csv')?.hint).toMatch(/^Holiday controls for "DE" come from it/);
  });

  it('a one-country table (own events) is used at once; the next pick without it goes back to the bundled calendar and no holidays', async () => {
    const { data, imp } = studio();
    const events = new File(['ds,holiday,country\n2016-11-25,Black Friday,shop\n2017-11-24,Black Friday,shop\n'], 'events.csv');
    await imp.loadFiles([robyn('dt_simulated_weekly.csv'), events]);
    expect(imp.options.holidayCountry).toBe('shop');
    const control = data.dataset!.controls.find((c) => c.name === 'holiday_shop')!;
    const weeks = data.dataset!.dates.filter((_, t) => control.values[t] === 1);
    expect(weeks).toEqual(['2016-11-21', '2017-11-20']);
    await imp.loadFiles([robyn('dt_simulated_weekly.csv')]);
    expect(imp.countries).toEqual([]);
    expect(imp.options.holidayCountry).toBe('');
    expect(data.dataset!.controls.some((c) => c.name.startsWith('holiday_'))).toBe(false);
  });

  it('a holiday table picked after the data applies to the data already loaded', async () => {
    const { client, data, imp } = studio();
    await imp.loadFiles([robyn('dt_simulated_weekly.csv')]);
    await imp.loadFiles([robyn('dt_prophet_holidays.csv')]);
    expect(client.parsedNames).toEqual([['dt_simulated_weekly.csv']]);
    expect(data.dataset?.dates.length).toBe(208);
    expect(imp.countries).toHaveLength(123);
    await imp.setOptions({ holidayCountry: 'DE' });
    expect(data.dataset!.controls.map((c) => c.name)).toContain('holiday_DE');
    expect(client.options.at(-1)!.holidays!.calendar.countries.DE.days.length).toBe(BUNDLED.countries.DE.days.length);
  });

  it('a holiday table alone, with no data loaded, is not data: the step says to pick the data', async () => {
    const { client, data, imp } = studio();
    await imp.loadFiles([robyn('dt_prophet_holidays.csv')]);
    expect(client.parsedNames).toEqual([]);
    expect(data.dataset).toBeNull();
    expect(data.report.map((e) => e.message)).toContain('Only a holiday calendar was picked');
  });
});
