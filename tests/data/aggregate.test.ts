import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles, setRole } from '../../src/data';
import { weekPlan, toWeeks } from '../../src/data/aggregate';
import { dayNumber, isoDate, mondayOf } from '../../src/data/calendar';
import { errorsOf, show } from './helpers';

const START = dayNumber(2021, 1, 6); // a Wednesday

/** Daily rows with values that are simple functions of the day index. */
function dailyCsv(days: number, skip: Set<number> = new Set()) {
  const rows = ['date,tv_spend,sales,price,promo'];
  for (let i = 0; i < days; i++) if (!skip.has(i)) rows.push(`${isoDate(START + i)},${i},${2 * i + 1},${i % 3},${i % 10 === 0 ? 1 : 0}`);
  return { name: 'daily.csv', text: rows.join('\n') };
}

/** Brute force: group day indices by their Monday. */
function weeksOf(days: number): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < days; i++) {
    const monday = mondayOf(START + i);
    m.set(monday, [...(m.get(monday) ?? []), i]);
  }
  return m;
}

describe('daily to Monday weeks', () => {
  const days = 63; // 2021-01-06 (Wed) .. 2021-03-09 (Tue)
  const parsed = parseFiles([dailyCsv(days)]);
  const roles = detectRoles(parsed);

  it('sums spend and target, averages controls, takes the max of 0/1 columns, drops partial weeks', () => {
    const { dataset, report, details } = buildDataset(parsed, roles);
    expect(show(errorsOf(report))).toBe('');
    const full = [...weeksOf(days)].filter(([, ds]) => ds.length === 7);
    expect(dataset!.dates).toEqual(full.map(([m]) => isoDate(m)));
    expect(dataset!.dates[0]).toBe('2021-01-11');
    expect(details!.partialWeeks).toEqual(['2021-01-04', '2021-03-08']);
    expect(report.some((e) => /Partial weeks dropped: 2021-01-04 \(5 of 7 days\), 2021-03-08 \(2 of 7 days\)/.test(e.message))).toBe(true);
    full.forEach(([, ds], w) => {
      expect(dataset!.channels[0].spend[w]).toBe(ds.reduce((s, i) => s + i, 0));
      expect(dataset!.target.values[w]).toBe(ds.reduce((s, i) => s + 2 * i + 1, 0));
      expect(dataset!.controls.find((c) => c.name === 'price')!.values[w]).toBeCloseTo(ds.reduce((s, i) => s + (i % 3), 0) / 7, 12);
      expect(dataset!.controls.find((c) => c.name === 'promo')!.values[w]).toBe(ds.some((i) => i % 10 === 0) ? 1 : 0);
    });
    expect(details!.aggregation).toMatchObject({ price: 'mean', promo: 'max' });
  });

  it('keeps partial weeks when asked, flagged in the report', () => {
    const { dataset, report } = buildDataset(parsed, roles, { partialWeeks: 'keep' });
    expect(dataset!.dates[0]).toBe('2021-01-04');
    expect(dataset!.channels[0].spend[0]).toBe(0 + 1 + 2 + 3 + 4);
    expect(report.some((e) => e.severity === 'warning' && /Partial weeks kept/.test(e.message))).toBe(true);
  });

  it('a control set to sum is summed', () => {
    const { dataset } = buildDataset(parsed, setRole(roles, 'price', { role: 'control', aggregate: 'sum' }));
    const first = [...weeksOf(days)].find(([, ds]) => ds.length === 7)![1];
    expect(dataset!.controls.find((c) => c.name === 'price')!.values[0]).toBe(first.reduce((s, i) => s + (i % 3), 0));
  });

  it('daily grain needs two years: a shorter span is modelled by week, with a message', () => {
    const { dataset, report } = buildDataset(parsed, roles, { grain: 'day' });
    expect(dataset!.grain).toBe('week');
    expect(report.some((e) => /Daily grain needs at least two years/.test(e.message))).toBe(true);
    const long = parseFiles([dailyCsv(731)]);
    const daily = buildDataset(long, detectRoles(long), { grain: 'day' });
    expect(daily.dataset!.grain).toBe('day');
    expect(daily.dataset!.dates).toHaveLength(731);
    expect(daily.dataset!.target.values[730]).toBe(1461);
  });

  it('a missing day is imputed from the same weekday, flagged in its week', () => {
    const gap = parseFiles([dailyCsv(days, new Set([20]))]); // 2021-01-26, a Tuesday
    const { dataset } = buildDataset(gap, detectRoles(gap));
    const w = dataset!.dates.indexOf(isoDate(mondayOf(START + 20)));
    // Same weekday, 2 observed weeks each side: days 6, 13 and 27, 34 → mean 20 (linear data).
    expect(dataset!.channels[0].spend[w]).toBe([...weeksOf(days).get(mondayOf(START + 20))!].reduce((s, i) => s + i, 0));
    const flagged = dataset!.imputed.map((c) => `${c.column}@${c.row}`).sort();
    expect(flagged).toEqual([`price@${w}`, `promo@${w}`, `sales@${w}`, `tv@${w}`].sort());
    expect(dataset!.imputed[0].method).toMatch(/1 of 7 days imputed/);
  });

  it('weekPlan and toWeeks agree with brute force on any start weekday', () => {
    for (let start = 0; start < 7; start++) {
      const first = START + start;
      const plan = weekPlan(first, 30);
      const daily = Float64Array.from({ length: 30 }, (_, i) => i * i);
      const sums = toWeeks(daily, plan, 'sum');
      plan.starts.forEach((m, w) => {
        const idx = Array.from({ length: 30 }, (_, i) => i).filter((i) => mondayOf(first + i) === m);
        expect(plan.coverage[w]).toBe(idx.length);
        expect(sums[w]).toBe(idx.reduce((s, i) => s + i * i, 0));
      });
    }
  });
});
