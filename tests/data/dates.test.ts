import { describe, expect, it } from 'vitest';
import { readDateColumn, excelSerialToDay } from '../../src/data/dates';
import { dayNumber, isoDate, mondayOf, parseIso, weekday } from '../../src/data/calendar';

const iso = (days: Float64Array) => Array.from(days, (d) => (Number.isNaN(d) ? null : isoDate(d)));

describe('calendar', () => {
  it('agrees with Date for weekdays and Mondays over 30 years', () => {
    for (let d = dayNumber(2000, 1, 1); d < dayNumber(2030, 1, 1); d += 37) {
      const js = new Date(d * 86_400_000).getUTCDay(); // 0 = Sunday
      expect(weekday(d)).toBe((js + 6) % 7);
      expect(weekday(mondayOf(d))).toBe(0);
      expect(d - mondayOf(d)).toBeLessThan(7);
      expect(parseIso(isoDate(d))).toBe(d);
    }
  });

  it('rejects impossible dates', () => {
    expect(dayNumber(2021, 2, 29)).toBeNaN();
    expect(dayNumber(2020, 2, 29)).toBe(parseIso('2020-02-29'));
    expect(dayNumber(2021, 13, 1)).toBeNaN();
  });
});

describe('readDateColumn', () => {
  it('reads ISO dates, with or without a time part', () => {
    const r = readDateColumn(['2021-01-04', '2021-01-11T00:00:00Z', '2021/1/18', '2021-01-25 00:00']);
    expect(iso(r.days)).toEqual(['2021-01-04', '2021-01-11', '2021-01-18', '2021-01-25']);
    expect(r.problems).toEqual([]);
  });

  it('decides d/m/y when a first field exceeds 12, over the whole column', () => {
    const r = readDateColumn(['04/01/2021', '11/01/2021', '18/01/2021']);
    expect(r.order).toBe('dmy');
    expect(r.ambiguous).toBe(false);
    expect(iso(r.days)).toEqual(['2021-01-04', '2021-01-11', '2021-01-18']);
  });

  it('decides m/d/y when a second field exceeds 12', () => {
    const r = readDateColumn(['01/04/2021', '01/11/2021', '01/18/2021']);
    expect(r.order).toBe('mdy');
    expect(iso(r.days)).toEqual(['2021-01-04', '2021-01-11', '2021-01-18']);
  });

  it('uses the weekly cadence when no field exceeds 12, and says it was ambiguous', () => {
    // Weekly Mondays in m/d/y: 01/04, 01/11 ... only m/d/y gives 7-day steps.
    const mdy = ['01/04/2021', '01/11/2021', '02/01/2021', '02/08/2021'];
    const r = readDateColumn(mdy);
    expect(r.ambiguous).toBe(true);
    expect(r.order).toBe('mdy');
    expect(iso(r.days)).toEqual(['2021-01-04', '2021-01-11', '2021-02-01', '2021-02-08']);
    expect(readDateColumn(mdy, { order: 'dmy' }).days[1]).toBe(dayNumber(2021, 11, 1));
  });

  it('reports cells that contradict the column order, by index', () => {
    const r = readDateColumn(['25/01/2021', '26/01/2021', '01/27/2021']);
    expect(r.order).toBe('dmy');
    expect(r.problems.map((p) => p.index)).toEqual([2]);
  });

  it('reads Excel serials only when asked (1900 system, Lotus leap-year bug)', () => {
    expect(isoDate(excelSerialToDay(43101))).toBe('2018-01-01');
    expect(isoDate(excelSerialToDay(61))).toBe('1900-03-01');
    expect(readDateColumn(['43101']).problems).toHaveLength(1);
    expect(iso(readDateColumn(['43101', '43108'], { allowNumeric: true }).days)).toEqual(['2018-01-01', '2018-01-08']);
  });

  it('reads month names and two-digit years (POSIX %y pivot)', () => {
    const r = readDateColumn(['4 Jan 2021', 'Jan 11, 2021', '18-Jan-21', '01/02/69']);
    expect(iso(r.days)).toEqual(['2021-01-04', '2021-01-11', '2021-01-18', '1969-02-01']);
    expect(r.mixed).toBe(true);
  });

  it('reports invalid and empty cells', () => {
    const r = readDateColumn(['2021-02-30', '', 'soon', '1850-01-01']);
    expect(r.problems.map((p) => p.index)).toEqual([0, 2, 3]);
    expect(r.empty).toEqual([1]);
  });
});
