// A lift-test CSV from a European spreadsheet: ';' between fields, ',' as the decimal mark
// ("0,3"), '.' grouping thousands. Read as the data files are (src/data/numbers.ts), it gives
// exactly the tests of the same numbers written the English way.
import { describe, expect, it } from 'vitest';
import { importLiftTests } from '../../src/calibration/import';
import { devWeeklyHill, readText } from './wide-csv';

const data = devWeeklyHill();
/** The workspace's incrementality_results.json: tv and radio, 2023-02-27..2023-04-23. */
const json = readText('data/synthetic/dev_workspace_hill/analysis/incrementality_results.json');
const rows = JSON.parse(json) as Array<Record<string, string | number>>;
const COLS = ['channel', 'lift', 'ci_lower', 'ci_upper', 'start_date', 'end_date', 'spend'];

function csv(sep: string, num: (v: number) => string): string {
  return [COLS.join(sep), ...rows.map((r) => COLS.map((c) => (typeof r[c] === 'number' ? num(r[c] as number) : String(r[c]))).join(sep))].join('\n');
}

/** 155656.23 → "155.656,23" (grouped) or "155656,23". */
const comma = (grouped: boolean) => (v: number) => {
  const [int, frac] = String(v).split('.');
  const g = grouped ? int.replace(/\B(?=(\d{3})+$)/g, '.') : int;
  return frac === undefined ? g : `${g},${frac}`;
};

describe('lift-test CSV with decimal commas', () => {
  // The same numbers the English way: ',' between fields, '.' as the decimal mark.
  const reference = importLiftTests(csv(',', String), 'lift.csv', data);

  it('the English CSV reads without issues, as the JSON does (the reference)', () => {
    expect(reference.issues).toEqual([]);
    expect(reference.tests.map((t) => [t.channel, t.delta_y, t.sigma])).toEqual(importLiftTests(json, 'x.json', data).tests.map((t) => [t.channel, t.delta_y, t.sigma]));
  });

  it('";" with "155656,23" cells gives the same tests as the English CSV', () => {
    const text = csv(';', comma(false));
    expect(text.split('\n')[1]).toBe('tv;155656,23;117248,05;194064,4;2023-02-27;2023-04-23;117687,08');
    const imp = importLiftTests(text, 'lift.csv', data);
    expect(imp.issues).toEqual([]);
    expect(imp.tests).toEqual(reference.tests);
    // By hand: (194064.40 − 117248.05) / (2 · 1.645 · 8) = 2918.554...
    expect(imp.tests[0].sigma).toBeCloseTo(2918.5543313, 6);
  });

  it('thousands grouped with "." ("155.656,23") read the same', () => {
    const imp = importLiftTests(csv(';', comma(true)), 'lift.csv', data);
    expect(imp.issues).toEqual([]);
    expect(imp.tests.map((t) => [t.delta_y, t.sigma, t.delta_x])).toEqual(reference.tests.map((t) => [t.delta_y, t.sigma, t.delta_x]));
  });

  it('the pymc shape: "0,3"-style cells in every column', () => {
    const text = ['channel;x;delta_x;delta_y;sigma', 'radio;15757,34;3151,5;3775,0;566,3'].join('\n');
    const imp = importLiftTests(text, 'pymc.csv', data);
    expect(imp.issues).toEqual([]);
    expect(imp.tests[0]).toMatchObject({ channel: 'radio', x: 15757.34, delta_x: 3151.5, delta_y: 3775, sigma: 566.3 });
  });

  it('a ";" file whose cells could be read either way is read with a decimal comma, with a warning per such cell', () => {
    // "3,150" is 3.15 (decimal comma, the ';' convention) or 3150 (grouped): nothing in the file says.
    const text = ['channel;x;delta_x;delta_y;sigma', 'radio;15,757;3,150;3,775;566'].join('\n');
    const imp = importLiftTests(text, 'pymc.csv', data);
    expect(imp.tests[0]).toMatchObject({ x: 15.757, delta_x: 3.15, delta_y: 3.775, sigma: 566 });
    // (sigma 566 above a lift of 3.775 is also warned as not significant; not the subject here.)
    expect(imp.issues.filter((i) => /groups thousands/.test(i.message)).map((i) => [i.severity, i.column, i.message])).toEqual([
      ['warning', 'x', '"15,757" in "x" read as 15.757: no cell in the file shows whether "." groups thousands'],
      ['warning', 'delta_x', '"3,150" in "delta_x" read as 3.15: no cell in the file shows whether "." groups thousands'],
      ['warning', 'delta_y', '"3,775" in "delta_y" read as 3.775: no cell in the file shows whether "." groups thousands'],
    ]);
  });

  it('a cell that is not a number in a decimal-comma file says how to write one there', () => {
    const text = ['channel;x;delta_x;delta_y;sigma', 'radio;15757,34;about 3k;3775,0;566,3'].join('\n');
    const imp = importLiftTests(text, 'pymc.csv', data);
    expect(imp.tests).toEqual([]);
    expect(imp.issues).toEqual([
      expect.objectContaining({ severity: 'error', file: 'pymc.csv', row: 2, column: 'delta_x', message: '"about 3k" in "delta_x" is not a finite number', hint: 'Write a plain number such as 1234,5.' }),
    ]);
  });
});

describe('numbers written as strings in incrementality_results.json', () => {
  const reference = importLiftTests(json, 'x.json', data);
  /** The JSON with every number replaced by the string `num` writes. */
  const asStrings = (num: (v: number) => string) => JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? num(v) : v]))));

  it('"155656.23", "155656,23" and "155.656,23" give the tests the JSON numbers give (the last two failed before)', () => {
    expect(reference.issues).toEqual([]);
    for (const num of [String, comma(false), comma(true)]) {
      const imp = importLiftTests(asStrings(num), 'x.json', data);
      expect(imp.issues).toEqual([]);
      expect(imp.tests.map((t) => [t.x, t.delta_x, t.delta_y, t.sigma])).toEqual(reference.tests.map((t) => [t.x, t.delta_x, t.delta_y, t.sigma]));
    }
  });

  it('a string no other settles reads with a decimal point ("3,150" is 3150), and the warning says so', () => {
    const one = [{ ...rows[0], spend: '117,687' }];
    const imp = importLiftTests(JSON.stringify(one), 'x.json', data);
    expect(imp.tests[0].given.spend).toBe(117687);
    expect(imp.issues.filter((i) => /groups thousands/.test(i.message))).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'x.json', row: 1, column: 'spend', message: '"117,687" in "spend" read as 117687: no cell in the file shows whether "," groups thousands' }),
    ]);
  });
});

describe('a cell written with the other decimal mark than its column', () => {
  it('is an error that says so, in a ";" file', () => {
    const text = ['channel;x;delta_x;delta_y;sigma', 'radio;15757,34;3151,5;3775,0;566,3', 'radio;15757,34;3151,5;3775,0;566.3', 'radio;15757,34;3151,5;3775,0;566,7'].join('\n');
    const imp = importLiftTests(text, 'pymc.csv', data);
    expect(imp.tests.map((t) => t.row)).toEqual([2, 4]);
    expect(imp.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'pymc.csv',
        row: 3,
        column: 'sigma',
        message: '"566.3" in "sigma" has "." as its decimal mark, but the file\'s other numbers use ","',
        hint: 'Write every number of the file with one decimal mark, e.g. 1234,5.',
      }),
    ]);
  });
});
