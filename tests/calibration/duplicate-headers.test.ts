// Duplicate headers in a lift-test CSV (src/calibration/header-names.ts): our own error or
// warning naming the header and both columns, and not a word from papaparse on the console
// (it used to print 'Duplicate headers found and renamed.' into the CLI's stderr).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importLiftTests } from '../../src/calibration/import';
import { devWeeklyHill } from './wide-csv';

const data = devWeeklyHill();
const ROW = 'tv,70000,14000,19000,2900';

function quietly<T>(f: () => T): { value: T; console: unknown[][] } {
  const said: unknown[][] = [];
  for (const m of ['warn', 'log', 'error', 'info'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void said.push(a));
  return { value: f(), console: said };
}
afterEach(() => vi.restoreAllMocks());

describe('duplicate headers in a lift-test CSV', () => {
  it('a repeated column with other values: the file is refused, naming the header, both columns and the first differing row', () => {
    const csv = `channel,x,delta_x,delta_y,sigma,delta_y\n${ROW},19000\n${ROW},25000\n`;
    const { value: imp, console: said } = quietly(() => importLiftTests(csv, 'lift.csv', data));
    expect(said).toEqual([]);
    expect(imp.tests).toEqual([]);
    expect(imp.issues).toEqual([
      {
        severity: 'error',
        file: 'lift.csv',
        column: 'delta_y',
        row: 3,
        message: 'the header "delta_y" appears twice (columns 4 and 6) and their values differ, first in this row',
        hint: 'Keep one of the two columns or rename the other; the importer cannot tell which one is meant.',
      },
    ]);
  });

  it('two spellings of one field (liftAbs, lift_abs) count as a repeat too', () => {
    const csv = 'channel,liftStartDate,liftEndDate,liftAbs,spend,lift_abs\ntv,2023-02-27,2023-04-23,155656.23,117687.08,1\n';
    const { value: imp, console: said } = quietly(() => importLiftTests(csv, 'robyn.csv', data));
    expect(said).toEqual([]);
    expect(imp.tests).toEqual([]);
    expect(imp.issues[0]).toMatchObject({ severity: 'error', column: 'lift_abs', row: 2 });
    expect(imp.issues[0].message).toBe('the headers "liftAbs" and "lift_abs" name the same field (columns 4 and 6) and their values differ, first in this row');
  });

  it('an identical copy is dropped with a warning; the tests are those of the file without it', () => {
    const plain = `channel,x,delta_x,delta_y,sigma,note\n${ROW},a\n`;
    const copy = `channel,x,delta_x,delta_y,sigma,note,channel,Note\n${ROW},a,tv,a\n`;
    const { value: imp, console: said } = quietly(() => importLiftTests(copy, 'lift.csv', data));
    expect(said).toEqual([]);
    const ref = importLiftTests(plain, 'lift.csv', data);
    expect(imp.tests).toEqual(ref.tests);
    expect(imp.tests).toHaveLength(1);
    expect(imp.issues.map((e) => [e.severity, e.column, e.message])).toEqual([
      ['warning', 'channel', 'the header "channel" appears twice (columns 1 and 7); both hold the same values, column 1 is used'],
      ['warning', 'Note', 'the headers "note" and "Note" name the same field (columns 6 and 8); both hold the same values, column 6 is used'],
    ]);
  });

  it('the private names of dropped copies never show in a message about the columns', () => {
    const { value: imp } = quietly(() => importLiftTests('a,b,a\n1,2,1\n', 'x.csv', data));
    expect(imp.issues.map((e) => e.message)).toEqual([
      'the header "a" appears twice (columns 1 and 3); both hold the same values, column 1 is used',
      'the columns (a, b) match no lift-test format',
    ]);
  });
});

describe('two spellings of one field in a JSON test', () => {
  const base = { channel: 'tv', lift: 500, ci_lower: 300, ci_upper: 700, start_date: '2023-02-27', end_date: '2023-04-23', spend: 1000 };

  it('with different values the test is left out, naming both keys', () => {
    const imp = importLiftTests(JSON.stringify([{ ...base, ciLower: 100 }, base]), 'inc.json', data);
    expect(imp.tests).toHaveLength(1);
    expect(imp.tests[0].row).toBe(2);
    const e = imp.issues.filter((i) => i.severity === 'error');
    expect(e).toEqual([expect.objectContaining({ file: 'inc.json', row: 1, column: 'ciLower', message: '"ci_lower" and "ciLower" name the same field with different values' })]);
  });

  it('with the same value it is the test without the copy', () => {
    const copy = importLiftTests(JSON.stringify([{ ...base, ciLower: 300 }]), 'inc.json', data);
    const plain = importLiftTests(JSON.stringify([base]), 'inc.json', data);
    expect(copy).toEqual(plain);
    expect(copy.tests).toHaveLength(1);
  });
});
