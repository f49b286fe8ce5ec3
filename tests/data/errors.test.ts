import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles, setRole } from '../../src/data';
import type { UserError } from '../../src/core/types';
import { errorsOf, sharedFile } from './helpers';

/** A small weekly wide file with one cell replaced (row is the spreadsheet row, header = 1). */
function weekly(edit?: { row: number; column: string; value: string }, weeks = 12): string {
  const header = ['date', 'tv', 'search', 'sales', 'price', 'note'];
  const lines = [header.join(',')];
  for (let i = 0; i < weeks; i++) {
    const date = new Date(Date.UTC(2021, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    const cells = [date, String(100 + i), String(50 + (i % 3)), String(1000 + 10 * i), String(1 + (i % 2) / 10), 'ok'];
    if (edit && edit.row === i + 2) cells[header.indexOf(edit.column)] = edit.value;
    lines.push(cells.join(','));
  }
  return lines.join('\n');
}

function run(text: string, name = 'broken.csv') {
  const parsed = parseFiles([{ name, text }]);
  return buildDataset(parsed, detectRoles(parsed));
}

function expectError(report: UserError[], where: Partial<UserError>, message: RegExp) {
  const match = errorsOf(report).find((e) => message.test(e.message));
  expect(match, `no error matching ${message} in ${JSON.stringify(errorsOf(report))}`).toBeDefined();
  expect(match).toMatchObject(where);
  expect(match!.hint).toBeTruthy();
}

describe('broken files produce errors naming file, row and column', () => {
  it('the clean file builds', () => {
    const r = run(weekly());
    expect(errorsOf(r.report)).toEqual([]);
    expect(r.dataset!.channels.map((c) => c.name)).toEqual(['tv', 'search']);
  });

  it('a non-numeric spend cell', () => {
    const r = run(weekly({ row: 5, column: 'tv', value: 'twelve' }));
    expect(r.dataset).toBeUndefined();
    expectError(r.report, { file: 'broken.csv', row: 5, column: 'tv' }, /"twelve" is not a number/);
  });

  it('NaN and Infinity strings', () => {
    expectError(run(weekly({ row: 3, column: 'sales', value: 'NaN' })).report, { row: 3, column: 'sales' }, /not a finite number/);
    expectError(run(weekly({ row: 7, column: 'search', value: '-Infinity' })).report, { row: 7, column: 'search' }, /not a finite number/);
  });

  it('negative spend', () => {
    expectError(run(weekly({ row: 4, column: 'search', value: '-5' })).report, { row: 4, column: 'search', channel: 'search' }, /Negative spend/);
  });

  it('an unparseable date', () => {
    expectError(run(weekly({ row: 6, column: 'date', value: '2021-02-31' })).report, { row: 6, column: 'date' }, /not a valid calendar date/);
    expectError(run(weekly({ row: 9, column: 'date', value: 'week 8' })).report, { row: 9, column: 'date' }, /not a date/);
  });

  it('a duplicate date names both rows', () => {
    expectError(run(weekly({ row: 4, column: 'date', value: '2021-01-11' })).report, { row: 4, column: 'date' }, /Duplicate date 2021-01-11: also on row 3/);
  });

  it('a date off the weekly cadence', () => {
    expectError(run(weekly({ row: 8, column: 'date', value: '2021-02-16' })).report, { row: 8, column: 'date' }, /not a whole number of weeks/);
  });

  it('a ragged row', () => {
    const text = weekly().split('\n').map((l, i) => (i === 3 ? l + ',extra' : l)).join('\n');
    expectError(run(text).report, { file: 'broken.csv', row: 4 }, /Row has 7 values but the header names 6 columns/);
  });

  it('an all-zero channel names the channel', () => {
    const text = weekly().split('\n').map((l, i) => (i === 0 ? l : l.replace(/^([^,]+),[^,]+,/, '$1,0,'))).join('\n');
    // Detection proposes to ignore it, and the report says why ...
    const p = parseFiles([{ name: 'broken.csv', text }]);
    const roles = detectRoles(p);
    expect(roles.columns.find((c) => c.column === 'tv')!.role).toBe('ignored');
    expect(buildDataset(p, roles).report.some((e) => e.severity === 'warning' && e.channel === 'tv' && /no spend/.test(e.message))).toBe(true);
    // ... and kept as a channel it is an error (MODEL.md §1: max 0 cannot be scaled).
    expectError(buildDataset(p, setRole(roles, 'tv', { role: 'channel', channel: 'tv', measure: 'spend' })).report, { channel: 'tv' }, /no spend in any period/);
  });

  it('monthly data', () => {
    const text = ['date,tv,sales', '2021-01-01,1,2', '2021-02-01,2,3', '2021-03-01,3,4', '2021-04-01,3,5'].join('\n');
    expectError(run(text).report, { column: 'date' }, /monthly/);
  });

  it('text in an ignored column is not an error', () => {
    const r = run(weekly({ row: 5, column: 'note', value: 'see #4' }));
    expect(errorsOf(r.report)).toEqual([]);
  });

  it('no recognisable target', () => {
    const text = weekly().replace('sales', 'colA');
    expectError(run(text).report, {}, /No target chosen/);
  });

  it('a constant control is a warning', () => {
    const text = weekly().split('\n').map((l, i) => (i === 0 ? l : l.replace(/,[^,]+,ok$/, ',2,ok'))).join('\n');
    const r = run(text);
    expect(r.dataset).toBeDefined();
    // A constant numeric column is proposed as ignored ...
    const p = parseFiles([{ name: 'c.csv', text }]);
    expect(detectRoles(p).columns.find((c) => c.column === 'price')!.role).toBe('ignored');
  });

  it('a missing week in Robyn data is imputed from neighbouring weeks and flagged', () => {
    const lines = sharedFile('robyn/dt_simulated_weekly.csv').text.split('\n');
    const r = run(lines.filter((_, i) => i !== 11).join('\n'), 'robyn.csv');
    expect(errorsOf(r.report)).toEqual([]);
    expect(r.dataset!.dates).toHaveLength(208);
    const cols = new Set(r.dataset!.imputed.map((c) => c.column));
    expect(cols).toContain('revenue');
    expect(cols).toContain('tv');
    expect(r.dataset!.imputed.every((c) => c.row === 10)).toBe(true); // data line 11 = week 10
  });

  it('an empty cell in a channel is imputed, not zero; outside its active range it is zero', () => {
    const mid = run(weekly({ row: 6, column: 'tv', value: '' }));
    const tv = mid.dataset!.channels[0].spend;
    expect(tv[4]).toBe((102 + 103 + 105 + 106) / 4);
    expect(mid.dataset!.imputed).toEqual([{ column: 'tv', row: 4, method: expect.stringMatching(/nearest observed/) }]);
    const edge = run(weekly({ row: 2, column: 'tv', value: '' }));
    expect(edge.dataset!.channels[0].spend[0]).toBe(0);
    expect(edge.report.some((e) => e.channel === 'tv' && /counted as zero/.test(e.message))).toBe(true);
  });
});
