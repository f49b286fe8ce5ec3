// `carryover check RUN_DIR`: from a run directory alone (a short mmm_example fit written as
// `carryover fit` writes it) the command writes mmm_checks.json with MODEL.md §8 metadata and
// exactly the results src/checks computes in process with the same settings; the refits
// default to the run's settings and seed (so the command is repeatable) and flags override
// them; bad input is named and exits non-zero. Through the built CLI (node
// bin/carryover.mjs) once src/cli/main.ts lists the command; the command module is also
// driven in process, so its behaviour is checked before that line lands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/check';
import { CHECKS_FILE, holdoutCheck, runSettings, sensitivityCheck, type MmmChecksJson } from '../../src/checks';
import type { HoldoutResult, SensitivityResult } from '../../src/checks';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { APP_VERSION } from '../../src/core/version';
import { createNodePool } from '../../src/node/node-pool';
import { defaultModelSpec } from '../../src/model/spec';
import { MMM_EXAMPLE, wideCsvDataset } from '../helpers/csv-dataset';
import { cachedFit } from '../helpers/fit-cache';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());
const pool = createNodePool(2, 2);
afterAll(() => pool.dispose());

const data = wideCsvDataset(MMM_EXAMPLE.rel, MMM_EXAMPLE.roles);
const spec = defaultModelSpec(data);
const fitted = cachedFit('checks-cli-mmm-example', data, spec, { ...DEFAULT_SAMPLER, chains: 2, warmup: 300, draws: 300, seed: 3 });

async function runDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'carryover-check-'));
  writeFileSync(join(dir, 'inference_data.json'), JSON.stringify((await fitted).idata));
  return dir;
}
const readChecks = (dir: string) => JSON.parse(readFileSync(join(dir, CHECKS_FILE), 'utf8')) as MmmChecksJson;
// JSON drops nothing the result holds (numbers, null, strings): compare through JSON.
const asJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const noTimes = (h: HoldoutResult) => ({ ...h, refit: { ...h.refit, wall_seconds: null } });
const noSensTimes = (s: SensitivityResult) => ({ ...s, refits: { user: s.refits.user && { ...s.refits.user, wall_seconds: null }, vague: { ...s.refits.vague, wall_seconds: null } } });

describe('carryover check (command module)', () => {
  it('--holdout 13 --sensitivity: the file holds what src/checks computes with the run\'s settings and seed', async () => {
    const dir = await runDir();
    const idata = (await fitted).idata;
    expect(await run([dir, '--holdout', '13', '--sensitivity', '--quiet', '--workers', '2'])).toBe(0);
    const file = readChecks(dir);
    expect(file.metadata).toMatchObject({ app_version: APP_VERSION, seed: 3, sampler: { chains: 2, warmup: 300, draws: 300, adapt_delta: 0.8, max_treedepth: 10, metric: 'diag_e' }, checks: ['holdout', 'sensitivity'] });
    expect(file.metadata.model).toEqual(idata.attrs.model);
    expect(file.metadata.data_range).toEqual(idata.attrs.data_range);
    expect(Date.parse(file.metadata.created_at)).toBeGreaterThan(Date.parse(idata.attrs.created_at) - 1);
    const h = await holdoutCheck(pool, idata, { settings: runSettings(idata), periods: 13 });
    const s = await sensitivityCheck(pool, idata, { settings: runSettings(idata) });
    if ('errors' in h || 'errors' in s) throw new Error('check failed in process');
    expect(noTimes(file.holdout!)).toEqual(asJson(noTimes(h.result)));
    expect(noSensTimes(file.sensitivity!)).toEqual(asJson(noSensTimes(s.result)));
    expect(file.sensitivity!.user_fit).toBe('run');
    expect(stderr).toMatch(/training refit, held out +MAPE/);
    expect(stderr).toMatch(/prior sensitivity \(vague = every prior widened ×10/);
    expect(stderr).toMatch(new RegExp(`wrote .*${CHECKS_FILE}`));
  }, 600_000);

  it('with neither flag runs both checks; --seed/--draws/--warmup override the run\'s settings', async () => {
    const dir = await runDir();
    expect(await run([dir, '--seed', '11', '--warmup', '150', '--draws', '100', '--quiet'])).toBe(0);
    const file = readChecks(dir);
    expect(file.metadata.checks).toEqual(['holdout', 'sensitivity']);
    expect(file.metadata.seed).toBe(11);
    expect(file.metadata.sampler).toMatchObject({ chains: 2, warmup: 150, draws: 100 });
    expect(file.holdout!.holdout_periods).toBe(13); // 179 weeks: a quarter, under a fifth of the data
    expect(file.holdout!.settings.seed).toBe(11);
    // Other settings than the run's: the user-prior fit is refitted too, so both arms match.
    expect(file.sensitivity!.user_fit).toBe('refit');
    expect(file.sensitivity!.refits.user).not.toBeNull();
  }, 600_000);

  it('--sensitivity alone leaves the hold-out null', async () => {
    const dir = await runDir();
    expect(await run([dir, '--sensitivity', '--vague-factor', '3', '--quiet'])).toBe(0);
    const file = readChecks(dir);
    expect(file.holdout).toBeNull();
    expect(file.metadata.checks).toEqual(['sensitivity']);
    expect(file.sensitivity!.vague_factor).toBe(3);
  }, 600_000);

  it('names bad input and exits non-zero', async () => {
    expect(await run([join(tmpdir(), 'no-such-run-dir')])).toBe(1);
    expect(stderr).toMatch(/does not exist/);
    const empty = mkdtempSync(join(tmpdir(), 'carryover-check-empty-'));
    expect(await run([empty])).toBe(1);
    expect(stderr).toMatch(/inference_data\.json is missing/);
    const dir = await runDir();
    stderr = '';
    expect(await run([dir, '--holdout', '0'])).toBe(2);
    expect(stderr).toMatch(/--holdout must be at least 1/);
    expect(await run([dir, '--holdout', '179', '--quiet'])).toBe(1);
    expect(stderr).toMatch(/Cannot hold out 179 periods of 179/);
    expect(await run([dir, '--vague-factor', '0.5'])).toBe(2);
    expect(await run([dir, '--holdouts', '3'])).toBe(2);
    expect(stderr).toMatch(/unknown option --holdouts/);
    expect(await run([])).toBe(2);
  }, 120_000);
});

const built = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
const registered = built.status === 0 && /\bcheck\b/.test(built.stdout);

describe.skipIf(!registered)('carryover check (built CLI: node bin/carryover.mjs)', () => {
  it('writes mmm_checks.json, the same numbers as in process', async () => {
    const dir = await runDir();
    const r = spawnSync(process.execPath, [BIN, 'check', dir, '--holdout', '8', '--quiet', '--workers', '2'], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toMatch(/wrote/);
    expect(r.status).toBe(0);
    const file = readChecks(dir);
    const idata = (await fitted).idata;
    const h = await holdoutCheck(pool, idata, { settings: runSettings(idata), periods: 8 });
    if ('errors' in h) throw new Error(h.errors[0].message);
    expect(noTimes(file.holdout!)).toEqual(asJson(noTimes(h.result)));
    expect(file.sensitivity).toBeNull();
    const bad = spawnSync(process.execPath, [BIN, 'check', dir, '--holdout', 'many'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--holdout must be a number/);
  }, 600_000);
});
