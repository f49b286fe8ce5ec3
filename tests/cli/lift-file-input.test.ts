// Lift-test files that parse but hold no test, or the same test twice (bad-input sweep,
// session 4). A header-only file fitted uncalibrated and exited 0 ("0 lift tests"); an empty
// file was "Unable to auto-detect delimiting character"; a copied row was used twice.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liftTestsFromFile } from '../../src/cli/calibration-flags';
import { loadDataset } from '../../src/cli/load-dataset';
import { sharedPath } from '../helpers/csv-dataset';

const data = loadDataset([sharedPath('data/pymc-marketing/mmm_example.csv')], { date: 'date_week', target: 'y', channels: ['x1', 'x2'] }).dataset!;
const dir = mkdtempSync(join(tmpdir(), 'carryover-lift-'));
const HEAD = 'channel,x,delta_x,delta_y,sigma';
function read(text: string, name: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return liftTestsFromFile(p, data, 'Or leave out --lift-tests.', name);
}

describe('lift-test files with nothing to use', () => {
  it('an empty file is said to be empty', () => {
    for (const text of ['', '\ufeff\n  \n']) {
      const o = read(text, 'empty.csv');
      expect(o.tests).toEqual([]);
      expect(o.fatal).toEqual([{ severity: 'error', file: 'empty.csv', message: 'the lift-test file is empty', hint: 'Check that it is the right file. Or leave out --lift-tests.' }]);
    }
  });

  it('a header without rows, or an empty JSON list, stops the command instead of fitting with 0 tests', () => {
    for (const [text, name] of [[`${HEAD}\n`, 'head.csv'], ['[]', 'incrementality_results.json']]) {
      const o = read(text, name);
      expect(o.tests).toEqual([]);
      expect(o.fatal).toEqual([{ severity: 'error', file: name, message: 'the file holds no lift test (no row under the header)', hint: 'Add the tests. Or leave out --lift-tests.' }]);
    }
  });
});

describe('the same test on two rows', () => {
  it('is used as given, with a warning naming both rows', () => {
    const o = read(`${HEAD}\nx1,0.3,0.1,200,50\nx2,0.2,0.05,100,30\nx1,0.3,0.1,200,50\n`, 'dup.csv');
    expect(o.fatal).toEqual([]);
    expect(o.tests).toHaveLength(3);
    const w = o.notes.filter((e) => e.severity === 'warning' && e.row === 4);
    expect(w).toEqual([
      {
        severity: 'warning',
        file: 'dup.csv',
        row: 4,
        channel: 'x1',
        message: 'the same test as row 2 (channel x1, lift 200 ± 50 for a spend change of 0.1); both are used, so the experiment counts twice',
        hint: 'Delete one of the rows if they are the same experiment.',
      },
    ]);
    // Different tests on the same channel are not flagged.
    expect(read(`${HEAD}\nx1,0.3,0.1,200,50\nx1,0.3,0.1,180,50\n`, 'two.csv').notes).toEqual([]);
  });
});
