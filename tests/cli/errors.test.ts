// How the built CLI fails (npm test builds dist-node first): a message saying what, where and
// what to do, a non-zero exit, and never a stack trace — for missing inputs, an output folder
// that cannot be written (found before any fitting), a folder given as a path file, and an
// exception that reaches main().
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeFatal } from '../../src/cli/fatal';
import { prepareOutDir, writeFileAtomic } from '../../src/cli/out-dir';
import { safeForTerminal } from '../../src/cli/terminal';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const ROLES = ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'];
const dir = mkdtempSync(join(tmpdir(), 'carryover-errors-'));
const aFile = join(dir, 'a-file.txt');
writeFileSync(aFile, 'not a folder');

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
}
/** A stack frame ("    at fn (file:line:col)") anywhere in the output. */
const STACK = /^\s+at .+[:(]/m;

describe('describeFatal', () => {
  it('says a file-system error by its path, a reason and what to do', () => {
    const e = Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), { code: 'ENOENT', path: 'x.csv', syscall: 'open' });
    expect(describeFatal(e)).toBe('carryover: x.csv: does not exist (open)\n  Check the path (it is read relative to the current directory).');
    const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/out/summary.json', syscall: 'write' });
    expect(describeFatal(full)).toMatch(/^carryover: \/out\/summary\.json: no space left on the device \(write\)\n  Free some disk space/);
  });

  it('anything else is an internal error to report, without the stack', () => {
    const e = new RangeError('pool size must be at least 1, got NaN');
    const text = describeFatal(e);
    expect(text).toMatch(/^carryover: internal error: pool size must be at least 1, got NaN\n  This is a bug in Carryover/);
    expect(text).not.toMatch(STACK);
  });
});

describe('prepareOutDir', () => {
  it('creates a missing folder, refuses a file in the way', () => {
    expect(prepareOutDir(join(dir, 'new', 'nested'))).toBeNull();
    expect(prepareOutDir(aFile)).toMatchObject({ severity: 'error', file: aFile, message: 'cannot write the output folder: a file of that name is in the way' });
    expect(prepareOutDir(join(aFile, 'sub'))).toMatchObject({ message: 'cannot write the output folder: part of the path is a file, not a folder' });
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const out = join(dir, 'atomic');
    expect(prepareOutDir(out)).toBeNull();
    writeFileAtomic(join(out, 'summary.json'), '{"a": 1}');
    writeFileAtomic(join(out, 'summary.json'), '{"a": 2}');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('{"a": 2}');
    expect(readdirSync(out)).toEqual(['summary.json']);
  });
});

describe('the built CLI on bad paths', () => {
  it('fit: a missing data file', () => {
    const r = carryover(['fit', join(dir, 'nope.csv'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*nope\.csv: the file or folder does not exist \(Check the path/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('fit: an --out that is a file fails before fitting', () => {
    const r = carryover(['fit', EXAMPLE, ...ROLES, '--out', aFile, '--chains', '1', '--warmup', '20', '--draws', '10', '--seed', '1', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a-file\.txt: cannot write the output folder: a file of that name is in the way \(Give --out a folder/);
    expect(r.stderr).not.toMatch(/chains ×|done in/); // nothing was fitted
    expect(r.stderr).not.toMatch(STACK);
  });

  it('ridge: an --out under a file', () => {
    const r = carryover(['ridge', EXAMPLE, ...ROLES, '--out', join(aFile, 'ridge'), '--iterations', '8', '--bootstrap', '10', '--seed', '1', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/part of the path is a file/);
    expect(r.stderr).not.toMatch(/candidates,/); // nothing was searched
  });

  it('attribute: a folder or a missing file', () => {
    const folder = carryover(['attribute', dir, '--out', join(dir, 'mta')]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder, not a file/);
    const missing = carryover(['attribute', join(dir, 'paths.csv'), '--out', join(dir, 'mta')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/paths\.csv: the file does not exist\. Check the path/);
    expect(folder.stderr + missing.stderr).not.toMatch(STACK);
  });
});

describe('terminal escapes in user text', () => {
  it('control characters are shown as \\xNN; newlines, tabs and non-ASCII text pass', () => {
    expect(safeForTerminal('a\u001b[2Jb\u0007\u009b\u007f')).toBe('a\\x1b[2Jb\\x07\\x9b\\x7f');
    expect(safeForTerminal('row 1\tx\nübung → 5 €')).toBe('row 1\tx\nübung → 5 €');
  });

  it('a cell holding an escape sequence is reported without the raw ESC byte', () => {
    const [head, ...lines] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
    const rows = lines.map((l) => l.split(','));
    rows[4][2] = '\u001b[2J\u001b]0;title\u0007';
    const p = join(dir, 'escape.csv');
    writeFileSync(p, [head, ...rows.map((r) => r.join(','))].join('\n'));
    const r = carryover(['fit', p, ...ROLES, '--out', join(dir, 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 6, column "x1": x1: "\\x1b[2J\\x1b]0;title\\x07" is not a number');
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});
