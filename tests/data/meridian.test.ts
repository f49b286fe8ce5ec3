import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { errorsOf, sharedFile, show, simpleCsv } from './helpers';

const geoFile = sharedFile('meridian/geo_media_rf.csv');
const { header, rows } = simpleCsv(geoFile.text);
const at = (r: string[], name: string) => Number(r[header.indexOf(name)]);

/** Brute force: the national value at each time, from the geo rows. */
function national(reduce: (rs: string[][]) => number): Map<string, number> {
  const byTime = new Map<string, string[][]>();
  for (const r of rows) byTime.set(r[1], [...(byTime.get(r[1]) ?? []), r]);
  return new Map([...byTime].map(([t, rs]) => [t, reduce(rs)]));
}
const sum = (name: string) => national((rs) => rs.reduce((s, r) => s + at(r, name), 0));

function close(actual: ArrayLike<number>, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]))));
}

describe('Meridian geo read at national level equals the geo rows combined by hand', () => {
  const parsed = parseFiles([geoFile]);
  const { dataset, report } = buildDataset(parsed, detectRoles(parsed));
  const times = [...sum('conversions').keys()];
  const frame = (name: string) => parsed.frame.columns.find((c) => c.name === name)!;

  it('builds 156 weeks without errors', () => {
    expect(show(errorsOf(report))).toBe('');
    expect(dataset!.dates).toEqual(times);
  });

  it('sums KPI, spend, impressions and reach; revenue = Σ KPI × revenue per KPI', () => {
    close(frame('conversions').values, [...sum('conversions').values()]);
    close(frame('Channel3_reach').values, [...sum('Channel3_reach').values()]);
    for (let c = 0; c < 4; c++) {
      const ch = dataset!.channels.find((x) => x.name === `Channel${c}`)!;
      close(ch.spend, [...sum(`Channel${c}_spend`).values()]);
      close(ch.impressions!, [...sum(`Channel${c}_impression`).values()]);
    }
    const revenue = national((rs) => rs.reduce((s, r) => s + at(r, 'conversions') * at(r, 'revenue_per_conversion'), 0));
    close(dataset!.target.values, [...revenue.values()]);
    expect(dataset!.target.name).toBe('revenue');
  });

  it('frequency = Σ reach·frequency / Σ reach; controls are population-weighted means', () => {
    const freq = national((rs) => {
      const reach = rs.reduce((s, r) => s + at(r, 'Channel3_reach'), 0);
      return reach === 0 ? 0 : rs.reduce((s, r) => s + at(r, 'Channel3_reach') * at(r, 'Channel3_frequency'), 0) / reach;
    });
    close(frame('Channel3_frequency').values, [...freq.values()]);
    for (const name of ['competitor_activity_score_control', 'sentiment_score_control']) {
      const weighted = national((rs) => rs.reduce((s, r) => s + at(r, 'population') * at(r, name), 0) / rs.reduce((s, r) => s + at(r, 'population'), 0));
      close(dataset!.controls.find((c) => c.name === name)!.values, [...weighted.values()]);
    }
  });

  it('a geo missing at one time is an error naming the row', () => {
    const lines = geoFile.text.split('\n');
    const broken = parseFiles([{ name: 'geo.csv', text: lines.filter((_, i) => i !== 5).join('\n') }]);
    const e = errorsOf(broken.report);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ file: 'geo.csv', column: 'geo' });
    expect(e[0].message).toMatch(/1 of 20 geos has no row for/);
  });
});

describe('Meridian national', () => {
  it('revenue derived row by row', () => {
    const file = sharedFile('meridian/national_media.csv');
    const { header: h, rows: rs } = simpleCsv(file.text);
    const p = parseFiles([file]);
    const { dataset, report } = buildDataset(p, detectRoles(p));
    expect(show(errorsOf(report))).toBe('');
    close(dataset!.target.values, rs.map((r) => Number(r[h.indexOf('conversions')]) * Number(r[h.indexOf('revenue_per_conversion')])));
  });
});
