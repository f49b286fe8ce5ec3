import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import type { InputFile } from '../../src/data/types';
import { errorsOf, sharedFile, sharedFolder, show, simpleCsv } from './helpers';

const raw = () => sharedFolder('synthetic/dev_workspace_hill', 'raw');
const weekly = simpleCsv(sharedFile('synthetic/dev_weekly_hill/data.csv').text);
const col = (name: string) => weekly.rows.map((r) => Number(r[weekly.header.indexOf(name)]));

function build(files: InputFile[]) {
  const parsed = parseFiles(files);
  const result = buildDataset(parsed, detectRoles(parsed));
  return { parsed, ...result };
}

describe('measurement workspace (dev_workspace_hill) against its weekly truth (dev_weekly_hill)', () => {
  const { dataset, report } = build([...raw(), ...sharedFolder('synthetic/dev_workspace_hill', 'analysis')]);

  it('builds 208 Monday weeks with no errors', () => {
    expect(show(errorsOf(report))).toBe('');
    expect(dataset!.grain).toBe('week');
    expect(dataset!.dates).toEqual(weekly.rows.map((r) => r[0]));
    expect(dataset!.target.name).toBe('revenue');
  });

  it('flags exactly the search days of the 10-day gap (2022-10-30 .. 2022-11-08), per week and measure', () => {
    const cells = dataset!.imputed.map((c) => `${c.column}@${dataset!.dates[c.row]}:${/(\d) of 7 days/.exec(c.method)?.[1]}`);
    const expected = ['2022-10-24:1', '2022-10-31:7', '2022-11-07:2'];
    expect(cells.sort()).toEqual(
      ['search', 'search.clicks', 'search.impressions'].flatMap((c) => expected.map((e) => `${c}@${e}`)).sort(),
    );
  });

  it('weekly totals equal the truth except the imputed weeks, which are close to it', () => {
    const imputedWeeks = new Set(dataset!.imputed.map((c) => `${c.column}@${c.row}`));
    for (const ch of dataset!.channels) {
      const truth = col(ch.name);
      ch.spend.forEach((v, w) => {
        if (imputedWeeks.has(`${ch.name}@${w}`)) return;
        // The daily files hold cents, so a week's sum may differ by the rounding of 7 days.
        expect(Math.abs(v - truth[w])).toBeLessThanOrEqual(0.035 + 1e-9);
      });
    }
    const sales = col('sales');
    dataset!.target.values.forEach((v, w) => expect(Math.abs(v - sales[w])).toBeLessThanOrEqual(0.035 + 1e-9));
    // The imputed search weeks (1, 7 and 2 of 7 days filled; the true daily split was
    // random): within 25% of the true weekly total (measured: +13.6%, -8.8%, -1.3%).
    const search = dataset!.channels.find((c) => c.name === 'search')!.spend;
    const truth = col('search');
    for (const w of [42, 43, 44]) expect(Math.abs(search[w] - truth[w]) / truth[w]).toBeLessThan(0.25);
  });

  it('imputes each missing day as the mean of the same weekday in the 2 observed weeks before and after', () => {
    // Oracle from the daily file itself, by brute force over dates.
    const google = simpleCsv(sharedFile('synthetic/dev_workspace_hill/raw/campaign_spend_google.csv').text);
    const byDate = new Map(google.rows.filter((r) => r[1] === 'search').map((r) => [r[0], Number(r[2])]));
    const day = (iso: string, k: number) => new Date(Date.parse(iso) + k * 86_400_000).toISOString().slice(0, 10);
    const imputedDay = (iso: string) => {
      const found: number[] = [];
      for (const dir of [-1, 1]) {
        let n = 0;
        for (let k = 1; n < 2; k++) {
          const v = byDate.get(day(iso, dir * 7 * k));
          if (v !== undefined) (found.push(v), n++);
        }
      }
      return found.reduce((a, b) => a + b, 0) / found.length;
    };
    const search = dataset!.channels.find((c) => c.name === 'search')!.spend;
    for (const w of [42, 43, 44]) {
      let expected = 0;
      for (let k = 0; k < 7; k++) {
        const d = day(dataset!.dates[w], k);
        expected += byDate.get(d) ?? imputedDay(d);
      }
      expect(search[w]).toBeCloseTo(expected, 6);
    }
  });

  it('pivots the weekly external factors to controls equal to the weekly data', () => {
    for (const name of ['black_friday', 'competitor_index']) {
      const c = dataset!.controls.find((x) => x.name === name)!;
      expect(Array.from(c.values)).toEqual(col(name));
    }
  });

  it('passes the lift tests through untouched', () => {
    const p = parseFiles(sharedFolder('synthetic/dev_workspace_hill', 'analysis'));
    const original = sharedFile('synthetic/dev_workspace_hill/analysis/incrementality_results.json').text;
    expect(p.passthrough[0].text).toBe(original);
    expect(p.passthrough[0].json).toEqual(JSON.parse(original));
  });
});

describe('workspace edge cases', () => {
  /** Drop rows of one file whose date matches. */
  function without(files: InputFile[], file: string, drop: (line: string) => boolean): InputFile[] {
    return files.map((f) => (f.name.endsWith(file) ? { ...f, text: f.text.split('\n').filter((l, i) => i === 0 || !drop(l)).join('\n') } : f));
  }

  it('a spend file ending early: warned, the rest counted as no spend, not imputed', () => {
    const { dataset, report } = build(without(raw(), 'campaign_spend_tv.csv', (l) => l >= '2025-12-01'));
    expect(report.some((e) => e.severity === 'warning' && e.file?.endsWith('campaign_spend_tv.csv') && /Date ranges differ/.test(e.message))).toBe(true);
    expect(report.some((e) => e.channel === 'tv' && /counted as zero/.test(e.message))).toBe(true);
    const tv = dataset!.channels.find((c) => c.name === 'tv')!.spend;
    expect(tv.at(-1)).toBe(0);
    expect(dataset!.imputed.some((c) => c.column === 'tv')).toBe(false);
  });

  it('missing target days are imputed from the same weekday and flagged', () => {
    const { dataset, report } = build(without(raw(), 'conversions.csv', (l) => l.startsWith('2023-03-15')));
    expect(show(errorsOf(report))).toBe('');
    const cells = dataset!.imputed.filter((c) => c.column === 'revenue');
    expect(cells).toHaveLength(1);
    expect(dataset!.dates[cells[0].row]).toBe('2023-03-13');
    expect(cells[0].method).toMatch(/same weekday/);
  });

  it('a duplicated spend row is an error naming both rows', () => {
    const files = raw().map((f) => (f.name.endsWith('campaign_spend_meta.csv') ? { ...f, text: f.text.trimEnd() + '\n2022-01-03,social,1.0,1,1\n' } : f));
    const { dataset, report } = build(files);
    expect(dataset).toBeUndefined();
    const e = errorsOf(report).find((x) => /Duplicate/.test(x.message))!;
    expect(e).toMatchObject({ channel: 'social', column: 'date', row: 1458 });
    expect(errorsOf(report).filter((x) => /Duplicate/.test(x.message))).toHaveLength(1);
    expect(e.message).toMatch(/also on row 2/);
  });

  it('daily grain on request, as the data spans 4 years; flags stay per day', () => {
    const parsed = parseFiles(raw());
    const { dataset } = buildDataset(parsed, detectRoles(parsed), { grain: 'day' });
    expect(dataset!.grain).toBe('day');
    expect(dataset!.dates).toHaveLength(1456);
    expect(dataset!.imputed.filter((c) => c.column === 'search')).toHaveLength(10);
    // Weekly factors apply to each day of their week.
    const bf = dataset!.controls.find((c) => c.name === 'black_friday')!.values;
    expect(bf.reduce((a, b) => a + b, 0)).toBe(4 * 7);
  });

  it('files at different grains: weekly tv spend and weekly conversions among daily files', () => {
    /** Sum a daily long file's numeric columns into rows dated on each week's Monday. */
    const toWeekly = (f: InputFile, keyCols: number): InputFile => {
      const [head, ...lines] = f.text.trim().split(/\r?\n/);
      const sums = new Map<string, number[]>();
      for (const l of lines) {
        const cells = l.split(',');
        const d = new Date(cells[0] + 'T00:00:00Z');
        const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
        const key = [monday, ...cells.slice(1, keyCols)].join(',');
        const acc = sums.get(key) ?? cells.slice(keyCols).map(() => 0);
        cells.slice(keyCols).forEach((v, i) => (acc[i] += Number(v)));
        sums.set(key, acc);
      }
      return { ...f, text: [head, ...[...sums].map(([k, v]) => [k, ...v.map((x) => x.toFixed(2))].join(','))].join('\n') };
    };
    const files = raw().map((f) => (f.name.endsWith('campaign_spend_tv.csv') ? toWeekly(f, 2) : f.name.endsWith('conversions.csv') ? toWeekly(f, 1) : f));
    const { dataset, report } = build(files);
    expect(show(errorsOf(report))).toBe('');
    expect(dataset!.dates).toHaveLength(208);
    const tv = dataset!.channels.find((c) => c.name === 'tv')!.spend;
    tv.forEach((v, w) => expect(Math.abs(v - col('tv')[w])).toBeLessThanOrEqual(0.035 + 1e-9));
    dataset!.target.values.forEach((v, w) => expect(Math.abs(v - col('sales')[w])).toBeLessThanOrEqual(0.035 + 1e-9));
    expect(dataset!.imputed.every((c) => c.column.startsWith('search'))).toBe(true);
  });
});
