import { describe, expect, it } from 'vitest';
import { importLiftTests } from '../../src/calibration/import';
import { saturation } from '../../src/model/kernels';
import type { UserError } from '../../src/core/types';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { devWeeklyHill, readJson, readText, SHARED } from './wide-csv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const data = devWeeklyHill();
const errors = (issues: UserError[]) => issues.filter((i) => i.severity === 'error');

interface Truth {
  y_scale_used: number;
  channels: Array<{ name: string; k: number; s: number; beta: number }>;
  channel_spend_max: Record<string, number>;
}

describe('incrementality_results.json (seed format) against dev_weekly_hill', () => {
  const file = 'analysis/incrementality_results.json';
  const imp = importLiftTests(readText('data/synthetic/dev_workspace_hill/' + file), file, data);

  it('imports both tests without errors', () => {
    expect(errors(imp.issues)).toEqual([]);
    expect(imp.tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
  });

  it('maps to per-period numbers checked by hand', () => {
    // Window 2023-02-27 .. 2023-04-23 = weeks 60..67 of the data (8 Mondays), n = 8.
    // tv spend in those weeks sums to 588435.41 (read off data.csv): x = 588435.41 / 8.
    const [tv, radio] = imp.tests;
    expect(tv.window).toMatchObject({ first: 60, last: 67, periods: 8, aligned: true });
    expect(tv.x).toBeCloseTo(73554.42625, 6);
    expect(tv.delta_x).toBeCloseTo(117687.08 / 8, 9); // 14710.885
    expect(tv.delta_y).toBeCloseTo(155656.23 / 8, 9); // 19457.02875
    // (194064.40 − 117248.05) / (2 · 1.645 · 8) = 76816.35 / 26.32 = 2918.55433...
    expect(tv.sigma).toBeCloseTo(2918.5543313, 6);
    expect(radio.x).toBeCloseTo(126058.75 / 8, 6); // 15757.34375
    expect(radio.delta_x).toBeCloseTo(3151.46875, 9);
    expect(radio.delta_y).toBeCloseTo(3775.00375, 9);
    expect(radio.sigma).toBeCloseTo(14903.72 / 26.32, 6);
    expect(tv.label).toBe('tv 2023-02-27..2023-04-23');
  });

  it('agrees with the true steady-state lift f(xs + dxs) − f(xs) of MODEL.md §6', () => {
    // The workspace's tests were made from the true Hill parameters (WORKSPACE.json); the
    // mapped per-period numbers must reproduce them through the model's own saturation.
    const truth = readJson<Truth>('data/synthetic/dev_weekly_hill/truth.json');
    for (const t of imp.tests) {
      const c = truth.channels.find((ch) => ch.name === t.channel)!;
      const max = truth.channel_spend_max[t.channel];
      const p = { kappa: c.k, slope: c.s };
      const lift = c.beta * truth.y_scale_used * (saturation('hill', p, (t.x + t.delta_x) / max) - saturation('hill', p, t.x / max));
      expect(Math.abs(lift - t.delta_y) / t.delta_y).toBeLessThan(1e-6);
      expect(t.delta_x / t.x).toBeCloseTo(0.2, 8); // "+20% spend"
      expect(t.sigma / t.delta_y).toBeCloseTo(0.15, 6); // "CI = ±1.645 · 15%"
    }
  });
});

describe('validation of incrementality rows', () => {
  const base = { channel: 'tv', lift: 1000, ci_lower: 800, ci_upper: 1200, start_date: '2023-02-27', end_date: '2023-04-23', spend: 8000, metric: 'sales' };
  const run = (over: Record<string, unknown>) => importLiftTests(JSON.stringify([{ ...base, ...over }]), 'inc.json', data);

  it('accepts the base row', () => {
    expect(run({}).tests).toHaveLength(1);
  });

  it.each([
    [{ channel: 'podcast' }, 'unknown channel', 'channel'],
    [{ start_date: '2021-06-07' }, 'not inside the data', 'start_date'],
    [{ end_date: '2026-01-04' }, 'not inside the data', 'start_date'],
    [{ end_date: '2023-02-01' }, 'before it starts', 'end_date'],
    [{ spend: -8000 }, 'opposite signs', undefined],
    [{ lift: 1500 }, 'outside its interval', 'lift'],
    [{ ci_lower: 1200, ci_upper: 1200, lift: 1200 }, 'empty or reversed', 'ci_lower'],
    [{ spend: undefined }, 'missing value for "spend"', 'spend'],
    [{ start_date: undefined }, 'missing value for "start_date"', 'start_date'],
    [{ start_date: '27/02/2023' }, 'not a date', 'start_date'],
    [{ lift: 'lots' }, 'not a finite number', 'lift'],
    [{ metric: 'conversions' }, 'measured in "conversions"', 'metric'],
    [{ metric: 'competitor_index' }, 'measured in "competitor_index"', 'metric'],
    [{ channel: 'tv+radio' }, 'combines several channels', 'channel'],
  ])('%j → error "%s"', (over, message, column) => {
    const imp = run(over);
    expect(imp.tests).toEqual([]);
    const e = errors(imp.issues);
    expect(e.length).toBeGreaterThan(0);
    const hit = e.find((x) => x.message.includes(message));
    expect(hit, JSON.stringify(e)).toBeDefined();
    expect(hit!.file).toBe('inc.json');
    expect(hit!.row).toBe(1);
    expect(hit!.column).toBe(column);
    expect(hit!.hint).toBeTruthy();
  });

  it('keeps the good rows when one row is bad and names the bad one', () => {
    const imp = importLiftTests(JSON.stringify([base, { ...base, channel: 'podcast' }, base]), 'inc.json', data);
    expect(imp.tests).toHaveLength(2);
    expect(errors(imp.issues).map((e) => e.row)).toEqual([2]);
  });

  it('warns and uses the fractional n when the window cuts weeks', () => {
    // Wednesday 2023-03-01 .. Tuesday 2023-03-14: 14 days = 2 weeks of lift, over 3 data weeks.
    const imp = run({ start_date: '2023-03-01', end_date: '2023-03-14' });
    expect(imp.tests).toHaveLength(1);
    expect(imp.tests[0].window).toMatchObject({ first: 60, last: 62, periods: 2, aligned: false });
    expect(imp.tests[0].delta_y).toBe(500);
    expect(imp.issues.some((i) => i.severity === 'warning' && i.message.includes('cuts through'))).toBe(true);
  });

  it('reads a same-kind metric (revenue for a sales target) as the target, with a warning', () => {
    const imp = run({ metric: 'revenue' });
    expect(imp.tests).toHaveLength(1);
    expect(imp.issues).toEqual([expect.objectContaining({ severity: 'warning', column: 'metric', row: 1 })]);
  });

  it('reports a malformed file as one error', () => {
    expect(errors(importLiftTests('[{"channel": "tv",', 'x.json', data).issues)[0].message).toMatch(/not valid JSON/);
    expect(errors(importLiftTests('{"channel": "tv"}', 'x.json', data).issues)[0].message).toMatch(/JSON array/);
    expect(errors(importLiftTests('a,b\n1,2', 'x.csv', data).issues)[0].message).toMatch(/match no lift-test format/);
  });
});

describe('PyMC-Marketing rows', () => {
  it('reads per-period rows as given and validates them', () => {
    const csv = 'channel,x,delta_x,delta_y,sigma\ntv,70000,14000,19000,2900\nradio,0,-5,10,1\nsearch,100,50,"1,500.5",0\n';
    const imp = importLiftTests(csv, 'lift.csv', data);
    expect(imp.tests).toHaveLength(1);
    expect(imp.tests[0]).toMatchObject({ channel: 'tv', x: 70000, delta_x: 14000, delta_y: 19000, sigma: 2900, row: 2, source: 'pymc' });
    const e = errors(imp.issues);
    expect(e.find((x) => x.row === 3 && x.message.includes('negative'))).toBeDefined(); // x + delta_x < 0
    expect(e.find((x) => x.row === 3 && x.message.includes('opposite signs'))).toBeDefined();
    expect(e.find((x) => x.row === 4 && x.message.includes('not positive'))).toBeDefined();
  });
});

describe('Robyn rows', () => {
  const header = 'channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,calibration_scope,metric\n';

  it('maps with sigma = 25% of |liftAbs| / n and keeps confidence and scope', () => {
    const imp = importLiftTests(header + 'tv,2023-02-27,2023-04-23,155656.23,117687.08,0.9,immediate,sales\n', 'robyn.csv', data);
    expect(errors(imp.issues)).toEqual([]);
    const t = imp.tests[0];
    expect(t.x).toBeCloseTo(73554.42625, 6);
    expect(t.delta_x).toBeCloseTo(14710.885, 9);
    expect(t.delta_y).toBeCloseTo(19457.02875, 9);
    expect(t.sigma).toBeCloseTo(0.25 * 19457.02875, 9);
    expect(t).toMatchObject({ confidence: 0.9, calibration_scope: 'immediate', source: 'robyn', row: 2 });
  });

  it("warns when spend is the channel's whole window spend, and maps it as Robyn means when asked", () => {
    // Data tv spend in weeks 60..67 is 588435.41.
    const row = header + 'tv,2023-02-27,2023-04-23,300000,588435.41,0.7,total,sales\n';
    const asSpec = importLiftTests(row, 'robyn.csv', data);
    expect(asSpec.tests[0].x).toBeCloseTo(73554.42625, 6);
    const w = asSpec.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    expect(w.some((m) => m.includes("channel's whole spend"))).toBe(true);
    expect(w.some((m) => m.includes('below 0.8'))).toBe(true);
    const asRobyn = importLiftTests(row, 'robyn.csv', data, { robynSpend: 'channel_total' });
    expect(asRobyn.tests[0].x).toBe(0);
    expect(asRobyn.tests[0].delta_x).toBeCloseTo(588435.41 / 8, 9);
  });

  it('rejects a bad scope and an out-of-range confidence', () => {
    const imp = importLiftTests(header + 'tv,2023-02-27,2023-04-23,1000,8000,1.5,forever,sales\n', 'robyn.csv', data);
    expect(imp.tests).toEqual([]);
    expect(errors(imp.issues).map((e) => e.column).sort()).toEqual(['calibration_scope', 'confidence']);
  });
});

describe('the seed-format path end to end: workspace folder → src/data → calibration', () => {
  // The data importer builds the weekly Dataset from the daily raw/ files and hands
  // analysis/incrementality_results.json through untouched (src/data, Passthrough).
  const dir = join(SHARED, 'data/synthetic/dev_workspace_hill');
  const files = ['raw', 'analysis'].flatMap((sub) =>
    readdirSync(join(dir, sub)).map((f) => ({ name: `dev_workspace_hill/${sub}/${f}`, text: readFileSync(join(dir, sub, f), 'utf8') })),
  );
  const parsed = parseFiles(files);
  const ws = buildDataset(parsed, detectRoles(parsed)).dataset!;
  const pass = parsed.passthrough.find((p) => p.kind === 'incrementality_results')!;
  const imp = importLiftTests(pass.text, pass.file, ws);

  it('imports both tests; the metric "sales" is read as the workspace target "revenue" with a warning', () => {
    expect(errors(imp.issues)).toEqual([]);
    expect(imp.tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
    expect(imp.issues.filter((i) => i.column === 'metric').map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('gives the same per-period numbers as the weekly CSV (daily spend sums to the same weeks, to the cent)', () => {
    const weekly = importLiftTests(readText('data/synthetic/dev_workspace_hill/analysis/incrementality_results.json'), 'inc.json', data).tests;
    imp.tests.forEach((t, i) => {
      expect(t.window).toMatchObject({ first: 60, last: 67, periods: 8, aligned: true });
      expect(Math.abs(t.x - weekly[i].x)).toBeLessThan(0.05);
      expect(t.delta_x).toBe(weekly[i].delta_x);
      expect(t.delta_y).toBe(weekly[i].delta_y);
      expect(t.sigma).toBe(weekly[i].sigma);
    });
  });
});

describe("Robyn rows' confidence", () => {
  const header = 'channel;liftStartDate;liftEndDate;liftAbs;spend;confidence;calibration_scope\n';
  const row = (c: string, sep = ';') => importLiftTests((header + `tv;2023-02-27;2023-04-23;155656,23;117687,08;${c};immediate\n`).split(';').join(sep), 'robyn.csv', data);

  it('"0.85", "85%", "0,85" and "85,0%" are the same 0.85 (the "%" spellings failed before)', () => {
    for (const c of ['0.85', '85%', '0,85', '85,0%', ' 85 % ']) {
      const imp = row(c);
      expect(errors(imp.issues), c).toEqual([]);
      expect(imp.tests[0].confidence, c).toBe(0.85);
    }
    // Exact as 85 / 100 is (one correctly rounded division of exact operands): "85,5%" = 0.855.
    expect(row('85,5%').tests[0].confidence).toBe(0.855);
    // A ',' file: the decimal mark of the other columns, quoted if a comma.
    const en = importLiftTests(header.split(';').join(',') + 'tv,2023-02-27,2023-04-23,155656.23,117687.08,85%,immediate\n', 'robyn.csv', data);
    expect(en.tests[0].confidence).toBe(0.85);
  });

  it('1 and 100% are kept; below 0.8 warns, as Robyn does', () => {
    expect(row('1').tests[0].confidence).toBe(1);
    expect(row('100%').tests[0].confidence).toBe(1);
    const low = row('75%');
    expect(low.tests[0].confidence).toBe(0.75);
    expect(low.issues.filter((i) => i.severity === 'warning' && i.column === 'confidence').map((i) => i.message)).toEqual(["confidence 0.75 is below 0.8: a low-confidence test (Robyn's rule)"]);
  });

  it('outside (0, 1] the test is left out, and the error says so and how to write it', () => {
    const at = (c: string) => {
      const imp = row(c);
      expect(imp.tests, c).toEqual([]);
      return errors(imp.issues).map((e) => [e.row, e.column, e.message, e.hint]);
    };
    expect(at('85')).toEqual([[2, 'confidence', 'confidence 85 is not in (0, 1]: the test is left out', 'Give the test’s confidence as a fraction in (0, 1], e.g. 0.9, or a percentage, e.g. 90%; if 85 is a percentage, write 0.85 or 85%.']]);
    const plain = 'Give the test’s confidence as a fraction in (0, 1], e.g. 0.9, or a percentage, e.g. 90%.';
    expect(at('150%')).toEqual([[2, 'confidence', 'confidence 1.5 is not in (0, 1]: the test is left out', 'Give the test’s confidence as a fraction in (0, 1], e.g. 0.9, or a percentage, e.g. 90%; if 1.5 is a percentage, write 0.015 or 1.5%.']]);
    expect(at('0')).toEqual([[2, 'confidence', 'confidence 0 is not in (0, 1]: the test is left out', plain]]);
    expect(at('-0,5')).toEqual([[2, 'confidence', 'confidence -0.5 is not in (0, 1]: the test is left out', plain]]);
    expect(at('250')).toEqual([[2, 'confidence', 'confidence 250 is not in (0, 1]: the test is left out', plain]]);
    expect(at('%')).toEqual([[2, 'confidence', '"%" in "confidence" is not a number', 'Write a fraction such as 0.9, or a percentage such as 90%.']]);
  });

  it('left empty, it is no confidence (optional), without an error', () => {
    const imp = row('');
    expect(errors(imp.issues)).toEqual([]);
    expect(imp.tests[0].confidence).toBeUndefined();
  });
});
