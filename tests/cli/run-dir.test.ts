// Run directories from elsewhere (src/cli/run-dir.ts) as diagnose, optimize and check read
// them: a run written by a newer Carryover is refused naming both versions; an older run
// that lacks what the command needs names each missing part (and both versions); a good run
// is read. Plus optimize's --shift checks. Runs are made by the built CLI (npm test builds it).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseVersion, readRunDir, versionProblem } from '../../src/cli/run-dir';
import { APP_VERSION } from '../../src/core/version';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const root = mkdtempSync(join(tmpdir(), 'carryover-rundir-'));
const good = join(root, 'good');

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
}

/** A copy of the good run with its inference_data.json edited. */
function variant(name: string, edit: (idata: Record<string, any>) => void): string {
  const idata = JSON.parse(readFileSync(join(good, 'inference_data.json'), 'utf8'));
  edit(idata);
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'inference_data.json'), JSON.stringify(idata));
  return dir;
}

beforeAll(() => {
  const r = carryover(['fit', EXAMPLE, '--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t', '--chains', '2', '--warmup', '60', '--draws', '30', '--seed', '5', '--out', good, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('versions', () => {
  it('parses major.minor.patch with an optional suffix', () => {
    expect(parseVersion('0.1.0')).toEqual([0, 1, 0]);
    expect(parseVersion('12.3.45-beta.1')).toEqual([12, 3, 45]);
    expect(parseVersion('0.1')).toBeNull();
    expect(parseVersion(3)).toBeNull();
  });

  it('refuses a newer major or minor release, reads older ones and newer patches', () => {
    expect(versionProblem('0.2.0', 'f', '0.1.7')?.message).toBe('the run was written by Carryover 0.2.0, newer than this Carryover 0.1.7, whose run layout may differ');
    expect(versionProblem('1.0.0', 'f', '0.9.9')?.hint).toMatch(/Update Carryover to 1\.0 or later/);
    expect(versionProblem('0.1.9', 'f', '0.1.7')).toBeNull();
    expect(versionProblem('0.0.1', 'f', '0.1.7')).toBeNull();
    expect(versionProblem(undefined, 'f', '0.1.7')).toBeNull(); // an ArviZ export from elsewhere: judged by its layout
  });
});

describe('readRunDir', () => {
  it('reads a run this build wrote', () => {
    const r = readRunDir(good, { needModel: true });
    expect('idata' in r && r.idata.attrs.app_version).toBe(APP_VERSION);
  });

  it('a newer run is refused, naming both versions, even when its layout looks right', () => {
    const dir = variant('newer', (x) => (x.attrs.app_version = '9.0.0'));
    const r = readRunDir(dir, { needModel: false });
    expect('errors' in r && r.errors[0]).toMatchObject({ column: 'attrs.app_version', message: expect.stringContaining(`Carryover 9.0.0, newer than this Carryover ${APP_VERSION}`) });
  });

  it('an older run without what the command needs lists each missing part and both versions', () => {
    const dir = variant('older', (x) => {
      x.attrs.app_version = '0.0.1';
      delete x.constant_data;
      delete x.attrs.sampler;
    });
    const r = readRunDir(dir, { needModel: true });
    const errors = 'errors' in r ? r.errors : [];
    expect(errors.map((e) => e.message)).toEqual([
      'attrs.sampler (chains, warmup, draws) is missing',
      'constant_data (the spend and controls the model was fitted on) is missing',
    ]);
    for (const e of errors) expect(e.hint).toContain(`written by Carryover 0.0.1; this is ${APP_VERSION}`);
    // Diagnostics need only the draws: the same run can still be diagnosed.
    expect('idata' in readRunDir(dir, { needModel: false })).toBe(true);
  });
});

describe('the built CLI on foreign runs', () => {
  it('diagnose, optimize and check refuse a newer run with exit 1 and both versions', () => {
    const dir = variant('newer-cli', (x) => (x.attrs.app_version = '9.0.0'));
    for (const args of [['diagnose', dir], ['optimize', dir, '--budget', '50'], ['check', dir, '--holdout', '10', '--quiet']]) {
      const r = carryover(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain(`Carryover 9.0.0, newer than this Carryover ${APP_VERSION}`);
    }
  });

  it('check on a run without its sampler settings names them (it used to fail on "pool size NaN")', () => {
    const dir = variant('no-sampler', (x) => delete x.attrs.sampler);
    const r = carryover(['check', dir, '--holdout', '10', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/attrs\.sampler \(chains, warmup, draws\) is missing/);
    expect(r.stderr).not.toMatch(/NaN|internal error/);
  });

  it('optimize: a --shift share outside (0, 100] or an unknown channel is a bad argument', () => {
    const over = carryover(['optimize', good, '--budget', '50', '--shift', 'x1:x2:500']);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/--shift x1:x2:500: the share .* at most 100/);
    const typo = carryover(['optimize', good, '--budget', '50', '--shift', 'x1:x3:10']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--shift: "x3" is not a channel of this run \(channels: x1, x2\)/);
  });
});
