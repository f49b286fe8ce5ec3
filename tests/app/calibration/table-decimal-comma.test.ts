// Numbers typed into the lift-test table in a decimal-comma locale ("0,3", "155.656,23") are
// read as a lift-test file reads them (src/calibration/decimal-marks.ts, src/data/numbers.ts):
// the same tests as the numbers typed the English way. A cell nothing in the table settles
// ("3,150") is read with the browser language's mark and named in a warning; a cell written
// with the other mark than the rest of its column is an error naming its row and column.
import { describe, expect, it } from 'vitest';
import { importSource, localeDecimalMark, type LiftSourceInput, type RecordShape } from '../../../src/app/calibration/sources';
import { TABLE_PLACE, tableIssues } from '../../../src/app/calibration/table';
import { devWeeklyHill, readText } from '../../calibration/wide-csv';
import { CalibrationState, withCalibration, type CalibrationHost } from '../../../src/app/calibration/calibration.svelte';
import type { ModelSpec } from '../../../src/core/types';
import { defaultModelSpec } from '../../../src/model/spec';

const data = devWeeklyHill();

/** The studio's CalibrationState on the weekly data, one table row typed cell by cell. */
function stateWith(cells: Record<string, string>): CalibrationState {
  const host: CalibrationHost & { spec: ModelSpec } = {
    dataset: data,
    passthrough: null,
    spec: defaultModelSpec(data),
    write(c) {
      this.spec = withCalibration(this.spec, c);
    },
  };
  const state = new CalibrationState(host);
  state.sync();
  state.addTableRow();
  for (const [k, v] of Object.entries(cells)) state.setTableCell(0, k, v);
  return state;
}
/** The workspace's incrementality_results.json: tv and radio, 2023-02-27..2023-04-23. */
const results = JSON.parse(readText('data/synthetic/dev_workspace_hill/analysis/incrementality_results.json')) as Array<Record<string, string | number>>;
const COLS = ['channel', 'start_date', 'end_date', 'lift', 'ci_lower', 'ci_upper', 'spend'];

const table = (shape: RecordShape, records: Array<Record<string, string>>): LiftSourceInput => ({ id: 'table', kind: 'table', name: 'table', shape, records });

/** The JSON's tests typed in, each number written by `num`. */
function typed(num: (v: number) => string): Array<Record<string, string>> {
  return results.map((r) => Object.fromEntries(COLS.map((c) => [c, typeof r[c] === 'number' ? num(r[c] as number) : String(r[c])])));
}

/** 155656.23 → "155.656,23" (grouped) or "155656,23". */
const comma = (grouped: boolean) => (v: number) => {
  const [int, frac] = String(v).split('.');
  const g = grouped ? int.replace(/\B(?=(\d{3})+$)/g, '.') : int;
  return frac === undefined ? g : `${g},${frac}`;
};

const numbers = (s: ReturnType<typeof importSource>) => s.tests.map((t) => [t.channel, t.x, t.delta_x, t.delta_y, t.sigma]);

describe('typed-in lift-test table with decimal commas', () => {
  // Both fallbacks: the cells settle the mark themselves, so the browser language must not matter.
  for (const fallback of ['.', ','] as const) {
    const english = importSource(table('incrementality', typed(String)), data, {}, fallback);

    it(`"155656,23" and "155.656,23" give the English table's tests (browser mark "${fallback}")`, () => {
      expect(english.issues).toEqual([]);
      expect(english.tests).toHaveLength(results.length);
      // By hand, tv: (194064.40 − 117248.05) / (2 · 1.645 · 8) = 2918.554...
      expect(english.tests[0].sigma).toBeCloseTo(2918.5543313, 6);
      for (const grouped of [false, true]) {
        const rows = typed(comma(grouped));
        expect(rows[0].lift).toBe(grouped ? '155.656,23' : '155656,23');
        const got = importSource(table('incrementality', rows), data, {}, fallback);
        expect(got.issues).toEqual([]);
        expect(numbers(got)).toEqual(numbers(english));
      }
    });

    it(`per period: "0,3"-style cells read as their dotted twins (browser mark "${fallback}")`, () => {
      const got = importSource(table('pymc', [{ channel: 'radio', x: '15757,34', delta_x: '3151,5', delta_y: '3775,0', sigma: '566,3', label: '' }]), data, {}, fallback);
      expect(got.issues).toEqual([]);
      expect(got.tests[0]).toMatchObject({ channel: 'radio', x: 15757.34, delta_x: 3151.5, delta_y: 3775, sigma: 566.3, row: 1 });
    });
  }

  it('a cell no other cell settles is read with the browser mark, and the warning names the table, row and column', () => {
    // Nothing typed shows whether "," is a decimal mark: 3.15 in a decimal-comma browser, 3150 in an English one.
    const rows = [{ channel: 'radio', x: '15757', delta_x: '3,150', delta_y: '3775', sigma: '566', label: '' }];
    const de = importSource(table('pymc', rows), data, {}, ',');
    const en = importSource(table('pymc', rows), data, {}, '.');
    expect(de.tests[0].delta_x).toBe(3.15);
    expect(en.tests[0].delta_x).toBe(3150);
    const warn = (s: typeof de) => tableIssues(s.issues, 'pymc', 'table').filter((e) => /groups thousands/.test(e.message));
    expect(warn(de)).toEqual([
      expect.objectContaining({ severity: 'warning', source: TABLE_PLACE, row: 1, column: 'Δx', message: '"3,150" in "Δx" read as 3.15: no cell in the table shows whether "." groups thousands' }),
    ]);
    expect(warn(en)).toEqual([
      expect.objectContaining({ severity: 'warning', source: TABLE_PLACE, row: 1, column: 'Δx', message: '"3,150" in "Δx" read as 3150: no cell in the table shows whether "," groups thousands' }),
    ]);
  });

  it('another cell of the table settles an ambiguous one, without a warning', () => {
    // "566,3" shows the table writes decimal commas, so "3.150" groups thousands: 3150, whatever the browser.
    const rows = [{ channel: 'radio', x: '15757', delta_x: '3.150', delta_y: '3775', sigma: '566,3', label: '' }];
    for (const fallback of ['.', ','] as const) {
      const got = importSource(table('pymc', rows), data, {}, fallback);
      expect(got.tests[0]).toMatchObject({ delta_x: 3150, sigma: 566.3 });
      expect(got.issues.filter((e) => /groups thousands/.test(e.message))).toEqual([]);
    }
  });

  it('a label does not settle how numbers are written', () => {
    // A label "2,5" (the second wave of test 2) is a name, not a number: "3,150" stays unsettled (3150 in an English browser, with the warning).
    const got = importSource(table('pymc', [{ channel: 'radio', x: '15757', delta_x: '3,150', delta_y: '3775', sigma: '566', label: '2,5' }]), data, {}, '.');
    expect(got.tests[0]).toMatchObject({ delta_x: 3150, label: '2,5' });
    expect(got.issues.filter((e) => /groups thousands/.test(e.message))).toHaveLength(1);
  });

  it('typed through the studio state: the tests of the English table (the browser language does not enter: the cells settle the mark)', () => {
    const english = stateWith({ channel: 'radio', x: '15757.34', delta_x: '3151.5', delta_y: '3775.0', sigma: '566.3' });
    const german = stateWith({ channel: 'radio', x: '15.757,34', delta_x: '3.151,5', delta_y: '3.775,0', sigma: '566,3' });
    expect(english.issues).toEqual([]);
    expect(german.issues).toEqual([]);
    expect(german.tests.map((t) => [t.x, t.delta_x, t.delta_y, t.sigma])).toEqual([[15757.34, 3151.5, 3775, 566.3]]);
    expect(german.tests.map((t) => [t.x, t.delta_x, t.delta_y, t.sigma])).toEqual(english.tests.map((t) => [t.x, t.delta_x, t.delta_y, t.sigma]));
  });

  it('a cell with the other decimal mark than its column is an error naming row and column', () => {
    const rows = [
      { channel: 'radio', x: '15757,34', delta_x: '3151,5', delta_y: '3775,0', sigma: '566,3', label: '' },
      { channel: 'tv', x: '70000,5', delta_x: '14000,5', delta_y: '20000,5', sigma: '2900.5', label: '' },
      { channel: 'radio', x: '15757,34', delta_x: '3151,5', delta_y: '3775,0', sigma: '566,7', label: '' },
    ];
    const got = importSource(table('pymc', rows), data, {}, '.');
    expect(got.tests.map((t) => t.row)).toEqual([1, 3]);
    const shown = tableIssues(got.issues, 'pymc', 'table').filter((e) => e.severity === 'error');
    expect(shown).toEqual([
      expect.objectContaining({
        source: TABLE_PLACE,
        row: 2,
        column: 'σ',
        message: '"2900.5" in "σ" has "." as its decimal mark, but the table\'s other numbers use ","',
        hint: 'Write every number of the table with one decimal mark, e.g. 1234,5.',
      }),
    ]);
  });

  it("the browser language's mark", () => {
    expect(localeDecimalMark('de-DE')).toBe(',');
    expect(localeDecimalMark('fr-FR')).toBe(',');
    expect(localeDecimalMark('en-GB')).toBe('.');
    expect(localeDecimalMark('not a locale!')).toBe('.');
  });
});
