// fit and ridge name a lift-test file the same way in their messages: by the path as the user
// typed it (ridge used to print only its base name, so two files called lift.csv in different
// folders read alike). Both commands are driven in process with files they stop on before any
// sampling or search (no usable row; a missing path), so each case takes well under a second.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run as fit } from '../../src/cli/commands/fit';
import { run as ridge } from '../../src/cli/commands/ridge';
import { sharedPath } from '../helpers/csv-dataset';

const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const ROLES = ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'];
const FIT = ['--chains', '1', '--warmup', '20', '--draws', '10', '--seed', '3', '--quiet', '--workers', '1'];
const RIDGE = ['--iterations', '8', '--population', '8', '--bootstrap', '10', '--seed', '3', '--quiet'];

const dir = mkdtempSync(join(tmpdir(), 'carryover-lift-name-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stderrOf(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await command(argv), err };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

/** The lines that name the file, without their hints (each command says its own way out). */
function naming(err: string): string[] {
  return err
    .split('\n')
    .filter((l) => l.includes('lift.csv'))
    .map((l) => l.replace(/ \(.*\)$/, ''));
}

async function both(lift: string): Promise<{ fit: string; ridge: string }> {
  const out = join(dir, 'out');
  const f = await stderrOf(fit, [EXAMPLE, ...ROLES, ...FIT, '--lift-tests', lift, '--out', out]);
  const r = await stderrOf(ridge, [EXAMPLE, ...ROLES, ...RIDGE, '--lift-tests', lift, '--out', out]);
  expect(f.code, f.err).toBe(1);
  expect(r.code, r.err).toBe(1);
  return { fit: f.err, ridge: r.err };
}

describe('a lift-test file is named by the path as given, in fit and in ridge alike', () => {
  // Two rows naming channels the data do not have: no usable row, so both commands stop.
  const sub = join(dir, 'sub');
  mkdirSync(sub, { recursive: true });
  const absolute = join(sub, 'lift.csv');
  writeFileSync(absolute, 'channel,x,delta_x,delta_y,sigma\nradio,1,1,1,1\ncinema,1,1,1,1\n');

  it('an absolute path: every row message and the summary start with it', async () => {
    const { fit: f, ridge: r } = await both(absolute);
    for (const err of [f, r]) {
      expect(err).toContain(`${absolute}, row 2`);
      expect(err).toContain(`${absolute}, row 3`);
      expect(err).toContain(`${absolute}: no lift test in the file can be used`);
    }
    expect(naming(r)).toEqual(naming(f));
    expect(naming(f)).toHaveLength(3);
  });

  it('a relative path stays relative (not made absolute, not cut to its base name)', async () => {
    const rel = relative(process.cwd(), absolute);
    expect(rel).not.toBe('lift.csv');
    const { fit: f, ridge: r } = await both(rel);
    for (const err of [f, r]) {
      expect(err).toContain(`${rel}: no lift test in the file can be used`);
      expect(err).not.toContain(` ${absolute}`);
      expect(err).not.toMatch(/(^|\n)(carryover \w+: )?lift\.csv[,:]/);
    }
  });

  it('a missing file is named by the path as given in both', async () => {
    const missing = join(sub, 'nope', 'lift.csv');
    const { fit: f, ridge: r } = await both(missing);
    for (const err of [f, r]) expect(err).toContain(`${missing}: the lift-test file does not exist`);
  });
});
