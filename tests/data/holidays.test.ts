import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHolidayCalendar, holidayCountries, holidayDummies, holidaysBetween } from '../../src/data/holidays';
import { quarterlyFourier, trendColumn } from '../../src/data/generated';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { parseIso } from '../../src/data/calendar';
import { sharedFile, simpleCsv } from './helpers';
import Papa from 'papaparse';

const json = JSON.parse(readFileSync(resolve(__dirname, '../../public/holidays/holidays.json'), 'utf8'));
const calendar = decodeHolidayCalendar(json);
const source = Papa.parse<{ ds: string; holiday: string; country: string }>(sharedFile('robyn/dt_prophet_holidays.csv').text, { header: true, skipEmptyLines: true }).data;

describe('bundled holiday calendar', () => {
  it('decodes to exactly the rows of dt_prophet_holidays.csv', () => {
    const fromCsv = source.map((r) => `${r.country}|${r.ds}|${r.holiday}`).sort();
    const decoded = holidayCountries(calendar).flatMap((c) => holidaysBetween(calendar, c, -1e9, 1e9).map((h) => `${c}|${h.date}|${h.name}`)).sort();
    expect(decoded.length).toBe(87_651);
    expect(decoded).toEqual(fromCsv);
    expect(holidayCountries(calendar)).toHaveLength(123);
  });

  it('weekly dummies: 1 exactly for the weeks a German holiday falls in (brute force over the CSV)', () => {
    const weeks = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2018, 11, 31) + i * 7 * 86_400_000).toISOString().slice(0, 10));
    const [any] = holidayDummies(calendar, 'DE', weeks, 7);
    expect(any.name).toBe('holiday_DE');
    const de = source.filter((r) => r.country === 'DE').map((r) => parseIso(r.ds));
    weeks.forEach((w, t) => {
      const start = parseIso(w);
      expect(any.values[t]).toBe(de.some((d) => d >= start && d < start + 7) ? 1 : 0);
    });
    expect(any.values[weeks.indexOf('2019-12-23')]).toBe(1); // Christmas
    const each = holidayDummies(calendar, 'DE', weeks, 7, 'each');
    const xmas = each.find((c) => c.name === 'holiday_DE: Christmas Day')!;
    expect(Array.from(xmas.values).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('adds trend, quarterly Fourier and holiday controls to a dataset', () => {
    const p = parseFiles([sharedFile('pymc-marketing/mmm_example.csv')]);
    const { dataset } = buildDataset(p, detectRoles(p), { trend: true, quarterlyOrder: 1, holidays: { calendar, country: 'US' } });
    const names = dataset!.controls.map((c) => c.name);
    expect(names).toEqual(['event_1', 'event_2', 't', 'trend', 'q_sin_1', 'q_cos_1', 'holiday_US']);
    const trend = dataset!.controls.find((c) => c.name === 'trend')!.values;
    const t = simpleCsv(sharedFile('pymc-marketing/mmm_example.csv').text).rows.map((r) => Number(r[7]));
    expect(Array.from(trend)).toEqual(t); // the example's own t column is 0..T-1 too
    const hol = dataset!.controls.find((c) => c.name === 'holiday_US')!.values;
    expect(hol[dataset!.dates.indexOf('2018-12-24')]).toBe(1);
    expect(hol[dataset!.dates.indexOf('2018-12-10')]).toBe(0);
  });

  it('an unknown country is an error, not an empty column', () => {
    const p = parseFiles([sharedFile('pymc-marketing/mmm_example.csv')]);
    const r = buildDataset(p, detectRoles(p), { holidays: { calendar, country: 'XX' } });
    expect(r.dataset).toBeUndefined();
    expect(r.report.some((e) => e.severity === 'error' && /XX/.test(e.message))).toBe(true);
  });
});

describe('generated columns', () => {
  it('quarterly Fourier has period 365.25/4 days in day of year', () => {
    const [s1, c1] = quarterlyFourier(['2021-01-01', '2021-04-02', '2021-02-15'], 1);
    expect(s1.name).toBe('q_sin_1');
    // dayofyear 1 → p = 1/365.25; analytic values.
    expect(s1.values[0]).toBeCloseTo(Math.sin((2 * Math.PI * 4) / 365.25), 14);
    expect(c1.values[0]).toBeCloseTo(Math.cos((2 * Math.PI * 4) / 365.25), 14);
    // Day 92 is about one quarter later: nearly the same phase.
    expect(s1.values[1]).toBeCloseTo(Math.sin((2 * Math.PI * 4 * 92) / 365.25), 14);
    expect(trendColumn(3).values).toEqual(new Float64Array([0, 1, 2]));
  });
});
