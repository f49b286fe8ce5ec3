// The CLI's data loading (src/cli/load-dataset.ts) on hostile files, in process: every
// failure is a UserError naming the file, row, column or flag and what to do; the variants a
// spreadsheet export produces (BOM, ';', quoted numbers with thousands separators) read as
// the same numbers as the plain file. Oracles: the values of the plain CSV, transformed here.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/cli/load-dataset';
import { formatUserError } from '../../src/cli/format-error';
import type { UserError } from '../../src/core/types';
import { sharedPath } from '../helpers/csv-dataset';

const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const WORKSPACE = sharedPath('data/synthetic/dev_workspace_hill');
const ROLES = { date: 'date_week', target: 'y', channels: ['x1', 'x2'], controls: ['event_1', 'event_2', 't'] };
const [HEAD, ...LINES] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
const ROWS = LINES.map((l) => l.split(','));
const COL = Object.fromEntries(HEAD.split(',').map((h, j) => [h, j]));

const dir = mkdtempSync(join(tmpdir(), 'carryover-load-'));
let n = 0;
function file(text: string, name = `f${n++}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
/** The example with `edit` applied to a copy of its rows, written as CSV. */
function edited(edit: (rows: string[][]) => void, head = HEAD): string {
  const rows = ROWS.map((r) => [...r]);
  edit(rows);
  return file([head, ...rows.map((r) => r.join(','))].join('\n'));
}
const errors = (r: UserError[]) => r.filter((e) => e.severity === 'error');
const text = (r: UserError[]) => r.map(formatUserError).join('\n');

describe('loadDataset: files that are not there', () => {
  it('a missing path is an error naming it, not an exception', () => {
    const missing = join(dir, 'no-such.csv');
    const r = loadDataset([missing], ROLES);
    expect(r.dataset).toBeUndefined();
    expect(errors(r.report)).toHaveLength(1);
    expect(r.report[0]).toMatchObject({ file: missing, message: 'the file or folder does not exist' });
    expect(r.report[0].hint).toMatch(/Check the path/);
  });

  it('an empty folder and an empty file', () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    expect(loadDataset([empty], {}).report[0].message).toMatch(/holds no files/);
    const r = loadDataset([file('')], {});
    expect(errors(r.report)[0].message).toMatch(/empty/);
  });
});

describe('loadDataset: roles from the command line', () => {
  it('a column named by two flags is refused, naming both', () => {
    const r = loadDataset([EXAMPLE], { ...ROLES, channels: ['x1'], controls: ['x1', 't'] });
    expect(r.dataset).toBeUndefined();
    expect(errors(r.report)).toHaveLength(1);
    expect(r.report[0]).toMatchObject({ column: 'x1', message: 'column "x1" is named in both --channels and --controls' });
    const twice = loadDataset([EXAMPLE], { ...ROLES, channels: ['x1', 'x1'] });
    expect(twice.report[0].message).toBe('column "x1" is named twice in --channels');
  });

  it('a role nobody filled is said with the flag that fills it and the columns', () => {
    // y named as a channel: the detected target was taken, and the message says so.
    const noTarget = loadDataset([EXAMPLE], { date: 'date_week', channels: ['x1', 'y'] });
    expect(errors(noTarget.report)).toHaveLength(1);
    expect(noTarget.report[0].message).toBe('no target column: "y", detected as the target, was given another role on the command line');
    expect(noTarget.report[0].hint).toMatch(/--target COLUMN.*date_week, y, x1/);
    // Nothing detected as the target at all: the plain message.
    const mediaOnly = file(['date_week,x1,x2', ...ROWS.map((r) => [r[COL.date_week], r[COL.x1], r[COL.x2]].join(','))].join('\n'));
    expect(errors(loadDataset([mediaOnly], { channels: ['x1', 'x2'] }).report).map((e) => e.message)).toEqual(['no column was recognised as the target (the outcome to explain)']);
    // A date column whose cells are not dates: nothing to detect as the date, and the
    // column named like one is named with its first cell that is not a date.
    const undated = edited((rows) => rows.forEach((r, i) => (r[COL.date_week] = `week ${i}`)));
    const noDate = loadDataset([undated], { target: 'y', channels: ['x1', 'x2'] });
    expect(errors(noDate.report).map((e) => e.message)).toEqual(['no column reads as dates: column "date_week" holds "week 0" on row 2, which is not a date']);
    expect(noDate.report[0]).toMatchObject({ file: undated, column: 'date_week', row: 2 });
    expect(noDate.report[0].hint).toMatch(/yyyy-mm-dd.*--date COLUMN/);
    // No column named like a date: the plain message with the columns.
    const unnamed = edited((rows) => rows.forEach((r, i) => (r[COL.date_week] = `week ${i}`)), HEAD.replace('date_week', 'period_label'));
    const none = loadDataset([unnamed], { target: 'y', channels: ['x1', 'x2'] });
    expect(errors(none.report).map((e) => e.message)).toEqual(['no column reads as dates']);
    expect(none.report[0].hint).toMatch(/--date COLUMN; the columns are: period_label, y/);
  });

  it('months instead of days are said as months (was: no column reads as dates)', () => {
    const months = edited((rows) => {
      rows.splice(36);
      rows.forEach((r, i) => (r[COL.date_week] = `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`));
    });
    const r = loadDataset([months], {});
    expect(errors(r.report)).toEqual([
      { severity: 'error', file: months, column: 'date_week', row: 2, message: 'no column reads as dates: column "date_week" holds months ("2019-01" on row 2), and the model needs daily or weekly rows', hint: 'export the data by day or by week, or name the date column with --date COLUMN.' },
    ]);
  });

  it('columns left out of the model are named with the reason', () => {
    const auto = loadDataset([EXAMPLE], {});
    expect(auto.ignored).toMatch(/^not modelled: dayofyear \(.+\); name a column with --channels or --controls/);
    const named = loadDataset([EXAMPLE], { date: 'date_week', target: 'y', channels: ['x1'], controls: ['t'] });
    expect(named.ignored).toMatch(/x2 \(not named on the command line\)/);
    expect(named.ignored).toMatch(/event_1 \(not named on the command line\)/);
    expect(loadDataset([EXAMPLE], { ...ROLES, controls: [...ROLES.controls, 'dayofyear'] }).ignored).toBeNull();
  });

  it('a channel named like an HTML tag is kept as text, exactly', () => {
    const tag = '<img src=x onerror=alert(1)>';
    const p = edited(() => {}, HEAD.replace('x1', tag));
    const r = loadDataset([p], { ...ROLES, channels: [tag, 'x2'] });
    expect(errors(r.report)).toEqual([]);
    expect(r.dataset!.channels.map((c) => c.name)).toEqual([tag, 'x2']);
    expect(Array.from(r.dataset!.channels[0].spend)).toEqual(ROWS.map((row) => Number(row[COL.x1])));
  });
});

describe('loadDataset: spreadsheet exports read as the plain file', () => {
  const plain = loadDataset([EXAMPLE], ROLES).dataset!;

  it('a BOM, a semicolon delimiter', () => {
    for (const t of ['\ufeff' + readFileSync(EXAMPLE, 'utf8'), readFileSync(EXAMPLE, 'utf8').replace(/,/g, ';')]) {
      const r = loadDataset([file(t)], ROLES);
      expect(errors(r.report)).toEqual([]);
      expect(r.dataset!.dates).toEqual(plain.dates);
      expect(Array.from(r.dataset!.target.values)).toEqual(Array.from(plain.target.values));
      expect(Array.from(r.dataset!.channels[1].spend)).toEqual(Array.from(plain.channels[1].spend));
    }
  });

  it('quoted numbers with thousands separators', () => {
    // y × 1000 written as "3,984,662.24" (2 decimals, en-US grouping).
    const cents = ROWS.map((r) => Math.round(Number(r[COL.y]) * 1000 * 100) / 100);
    const p = edited((rows) => rows.forEach((r, i) => (r[COL.y] = `"${cents[i].toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}"`)));
    expect(readFileSync(p, 'utf8')).toMatch(/"3,984,662\.24"/);
    const r = loadDataset([p], ROLES);
    expect(errors(r.report)).toEqual([]);
    expect(Array.from(r.dataset!.target.values)).toEqual(cents);
  });
});

describe('loadDataset: bad cells are named by row and column', () => {
  // Spreadsheet row = data index + 2 (the header is row 1).
  const cases: Array<[string, (rows: string[][]) => void, RegExp, Partial<UserError>]> = [
    ['text in a spend column', (rows) => (rows[10][COL.x1] = 'abc'), /"abc" is not a number/, { row: 12, column: 'x1' }],
    ['negative spend', (rows) => (rows[11][COL.x2] = '-5'), /Negative spend -5 for channel x2/, { row: 13, column: 'x2', channel: 'x2' }],
    ['a duplicate date', (rows) => (rows[12][COL.date_week] = rows[11][COL.date_week]), /Duplicate date .*also on row 13/, { row: 14, column: 'date_week' }],
    ['a date that does not parse', (rows) => (rows[13][COL.date_week] = '2018-13-45'), /is not a (valid calendar )?date/, { row: 15, column: 'date_week' }],
    ['Infinity', (rows) => (rows[20][COL.y] = 'Infinity'), /not a finite number/, { row: 22, column: 'y' }],
  ];
  for (const [label, edit, message, where] of cases)
    it(label, () => {
      const r = loadDataset([edited(edit)], ROLES);
      expect(r.dataset, label).toBeUndefined();
      const e = errors(r.report).find((x) => message.test(x.message));
      expect(e, text(r.report)).toMatchObject(where);
      expect(e!.hint, label).toBeTruthy();
      // Nothing is built, so nothing is said to be imputed (that line was noise beside the
      // error): the report is the error alone, whatever the wording of an imputation line.
      expect(r.report, label).toEqual([e]);
    });
});

describe('loadDataset: each problem is reported once', () => {
  it('a ragged row warns once, not once per stage', () => {
    const p = edited((rows) => (rows[30] = rows[30].slice(0, 4)));
    const r = loadDataset([p], ROLES);
    expect(errors(r.report)).toEqual([]);
    const ragged = r.report.filter((e) => /Row has 4 values/.test(e.message));
    expect(ragged).toHaveLength(1);
    expect(ragged[0].row).toBe(32);
  });
});

describe('loadDataset: imputed periods are said once', () => {
  /** Report lines naming an ISO date: each imputed period must be named by exactly one. */
  const naming = (report: UserError[], date: string) => report.filter((e) => e.message.includes(date));

  it('a missing week: every series imputed at that week, the week named in one line', () => {
    const missing = ROWS[50][COL.date_week];
    const p = edited((rows) => rows.splice(50, 1));
    const r = loadDataset([p], ROLES);
    const d = r.dataset!;
    expect(d.dates[50]).toBe(missing); // the grid keeps the week, imputed
    // The structured result: one imputed cell per series, all at row 50.
    const series = [d.target.name, ...d.channels.map((c) => c.name), ...d.controls.map((c) => c.name)];
    expect(d.imputed.map((c) => [c.column, c.row]).sort()).toEqual(series.map((s) => [s, 50]).sort());
    expect(errors(r.report)).toEqual([]);
    const lines = naming(r.report, missing);
    expect(lines, text(r.report)).toHaveLength(1);
    expect(lines[0]).toMatchObject({ severity: 'warning', file: p });
    // The plain file: nothing imputed, no line about it.
    const plain = loadDataset([EXAMPLE], ROLES);
    expect(plain.dataset!.imputed).toEqual([]);
    expect(plain.report.filter((e) => e.severity === 'warning')).toEqual([]);
  });

  it('daily data summed into weeks: each week holding imputed days is named in one line (was two)', () => {
    const r = loadDataset([join(WORKSPACE, 'raw')], {});
    const d = r.dataset!;
    const weeks = [...new Set(d.imputed.map((c) => d.dates[c.row]))];
    // The workspace's 10 missing search days (2022-10-30 to 2022-11-08) touch three weeks.
    expect(weeks).toEqual(['2022-10-24', '2022-10-31', '2022-11-07']);
    for (const w of weeks) expect(naming(r.report, w), `${w}\n${text(r.report)}`).toHaveLength(1);
    expect(naming(r.report, '2022-10-30')).toHaveLength(1);
  });
});
