// Lift-test files given to run / ridge (src/cli/lift-file.ts): a bad row is left out with a
// note, an unreadable file stops the command, and so does a file with no usable row (it used
// to fit uncalibrated and exit 0). Real imports of the synthetic workspace's tests.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importLiftTests } from '../../src/calibration/import';
import { liftFileOutcome } from '../../src/cli/lift-file';
import { loadDataset } from '../../src/cli/load-dataset';
import { sharedPath } from '../helpers/csv-dataset';

const WS = sharedPath('data/synthetic/dev_workspace_hill');
const TESTS = JSON.parse(readFileSync(join(WS, 'analysis/incrementality_results.json'), 'utf8')) as Array<Record<string, unknown>>;
const data = loadDataset([join(WS, 'raw')], {}).dataset!;
const outcome = (tests: unknown) => liftFileOutcome(importLiftTests(JSON.stringify(tests), 'lift.json', data), 'lift.json', 'Or leave it out.');

describe('liftFileOutcome', () => {
  it('the workspace file: every test used, nothing fatal', () => {
    const o = outcome(TESTS);
    expect(o.tests).toHaveLength(TESTS.length);
    expect(o.fatal).toEqual([]);
  });

  it('one unusable row among good ones is left out with a note', () => {
    const o = outcome([...TESTS, { ...TESTS[0], channel: 'cinema' }]);
    expect(o.tests).toHaveLength(TESTS.length);
    expect(o.fatal).toEqual([]);
    const note = o.notes.find((e) => e.severity === 'error')!;
    expect(note).toMatchObject({ row: TESTS.length + 1, channel: 'cinema' });
    expect(note.message).toMatch(/unknown channel "cinema"; this test is left out$/);
  });

  it('no usable row stops the command, with each row and a summary', () => {
    const o = outcome(TESTS.map((t) => ({ ...t, channel: 'cinema' })));
    expect(o.tests).toEqual([]);
    expect(o.fatal.map((e) => e.row)).toEqual([1, 2, undefined]);
    expect(o.fatal.at(-1)).toMatchObject({ file: 'lift.json', message: 'no lift test in the file can be used (above)', hint: 'Fix the file. Or leave it out.' });
  });

  it('a file that is not a list of tests stops the command', () => {
    const o = outcome({});
    expect(o.fatal[0].message).toMatch(/expected a JSON array/);
    expect(o.fatal.at(-1)!.hint).toMatch(/Or leave it out\./);
  });
});

describe('ridge --lift-tests with no usable row (built CLI)', () => {
  it('exits 1 before searching', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carryover-lift-'));
    const file = join(dir, 'lift.csv');
    writeFileSync(file, 'garbage;;\n1;2\n');
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../bin/carryover.mjs'), 'ridge', join(WS, 'raw'), '--lift-tests', file, '--out', join(dir, 'out'), '--iterations', '8', '--bootstrap', '10', '--seed', '1', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lift\.csv: no lift test in the file can be used/);
    expect(r.stderr).not.toMatch(/candidates,/);
  });
});
