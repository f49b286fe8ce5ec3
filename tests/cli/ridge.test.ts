// `carryover ridge` on Robyn's dt_simulated_weekly.csv with a small search budget: the file it
// writes carries MODEL.md §8 metadata and exactly the result src/ridge computes on the same data
// (read through the same importer); the front has no dominated point; the same seed gives the
// same file but for created_at; lift tests add MAPE.LIFT; bad input is named and exits non-zero.
// Through the built CLI (node bin/carryover.mjs) once main.ts lists the command; the command
// module is also driven in-process, so its behaviour is checked before that line lands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RIDGE_FILE, run } from '../../src/cli/commands/ridge';
import { loadDataset } from '../../src/cli/load-dataset';
import { APP_VERSION } from '../../src/core/version';
import { dominates } from '../../src/ridge/pareto';
import { runRidge } from '../../src/ridge/run';
import type { RidgeOptions, RidgeResult } from '../../src/ridge/types';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const ROBYN = sharedPath('data/robyn/dt_simulated_weekly.csv');
const CHANNELS = ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'];
const ROLES = ['--date', 'DATE', '--target', 'revenue', '--channels', CHANNELS.join(','), '--controls', 'competitor_sales_B,newsletter,events'];
const SMALL = ['--iterations', '96', '--population', '16', '--bootstrap', '60', '--seed', '77', '--quiet'];

type RidgeFile = RidgeResult & { metadata: Record<string, unknown> & { settings: RidgeOptions & { iterations: number } } };

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function ridge(args: string[]): Promise<{ code: number; file?: RidgeFile }> {
  const out = mkdtempSync(join(tmpdir(), 'carryover-ridge-'));
  const code = await run([...args, '--out', out]);
  return code === 0 ? { code, file: JSON.parse(readFileSync(join(out, RIDGE_FILE), 'utf8')) } : { code };
}

const withoutTime = (f: RidgeFile) => JSON.stringify({ ...f, metadata: { ...f.metadata, created_at: null } });

describe('carryover ridge (command module)', () => {
  it('writes ridge_result.json with MODEL.md §8 metadata', async () => {
    const { code, file } = await ridge([ROBYN, ...ROLES, ...SMALL]);
    expect(stderr).toMatch(/not a posterior/);
    expect(code).toBe(0);
    const m = file!.metadata;
    expect(Date.parse(m.created_at as string)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(m.app_version).toBe(APP_VERSION);
    expect(m.data_range).toEqual({ first: '2015-11-23', last: '2019-11-11', rows: 208, grain: 'week' });
    expect(m.seed).toBe(77);
    expect(m.settings).toMatchObject({ seed: 77, iterations: 96, search: { population: 16, generations: 5 }, bootstrap: { replicates: 60 }, adstock: 'geometric', saturation: 'hill', l_max: 8, fourier_order: 2 });
    // 96 iterations at 16 per generation: the first population and 5 generations.
    expect(file!.evaluations).toBe(96);
    // Channels in the file's column order.
    expect(Object.keys(file!.channels)).toEqual(['tv_S', 'ooh_S', 'print_S', 'search_S', 'facebook_S']);
    for (const c of Object.values(file!.channels)) for (const e of [c.contribution, c.roas, c.marginal_roas]) expect(Object.keys(e).sort()).toEqual(['mean', 'q05', 'q50', 'q95', 'sd']);
  });

  it('holds exactly what src/ridge computes on the same data, and its front has no dominated point', async () => {
    const { file } = await ridge([ROBYN, ...ROLES, ...SMALL]);
    const { dataset } = loadDataset([ROBYN], { date: 'DATE', target: 'revenue', channels: CHANNELS, controls: ['competitor_sales_B', 'newsletter', 'events'] });
    const direct = runRidge(dataset!, file!.metadata.settings) as RidgeResult;
    const { metadata: _m, ...rest } = file!;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(JSON.parse(JSON.stringify(direct))));
    const vec = (id: number) => [file!.candidates[id].objectives.nrmse, file!.candidates[id].objectives.decomp_rssd];
    for (const i of file!.pareto) for (let j = 0; j < file!.evaluations; j++) expect(dominates(vec(j), vec(i))).toBe(false);
    expect(file!.pareto).toContain(file!.chosen);
  });

  it('same seed, same file but for created_at; another seed, another search', async () => {
    const a = (await ridge([ROBYN, ...ROLES, ...SMALL])).file!;
    const b = (await ridge([ROBYN, ...ROLES, ...SMALL])).file!;
    expect(withoutTime(b)).toBe(withoutTime(a));
    const c = (await ridge([ROBYN, ...ROLES, ...SMALL.slice(0, -3), '--seed', '78', '--quiet'])).file!;
    expect(c.candidates[0].hyper).not.toEqual(a.candidates[0].hyper);
  });

  it('lift tests add MAPE.LIFT; an unusable row is named and left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carryover-lift-'));
    const lift = join(dir, 'lift.csv');
    writeFileSync(lift, 'channel,x,delta_x,delta_y,sigma\ntv_S,20000,4000,8000,1500\npodcast,1,1,1,1\n');
    const { code, file } = await ridge([ROBYN, ...ROLES, ...SMALL, '--lift-tests', lift]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/lift\.csv, row 3, column "channel": unknown channel "podcast"; this test is left out/);
    expect(file!.metadata.settings.lift_tests).toEqual([{ channel: 'tv_S', x: 20000, delta_x: 4000, delta_y: 8000, sigma: 1500, label: 'tv_S row 2' }]);
    expect(file!.lift.map((l) => l.channel)).toEqual(['tv_S']);
    for (const c of file!.candidates) if (Number.isFinite(c.objectives.nrmse)) expect(c.objectives.mape_lift).not.toBeNull();
  });

  it('names what is wrong and exits non-zero', async () => {
    expect((await ridge([ROBYN, '--date', 'DATE', '--target', 'sales', '--channels', 'tv_S', ...SMALL])).code).toBe(1);
    expect(stderr).toMatch(/no column "sales"/);
    expect((await ridge([ROBYN, ...ROLES, '--iterations', 'many'])).code).toBe(2);
    expect(stderr).toMatch(/--iterations must be a number/);
    expect((await ridge([ROBYN, ...ROLES, '--saturation', 'tanh'])).code).toBe(2);
    expect(await run([ROBYN, ...ROLES])).toBe(2);
    expect(stderr).toMatch(/--out DIR is required/);
    expect((await ridge([ROBYN, ...ROLES, ...SMALL, '--lift-tests', '/nonexistent/lift.csv'])).code).toBe(1);
    expect(stderr).toMatch(/lift-test file does not exist/);
  });
});

// The built bundle: runs once src/cli/main.ts has `ridge` in its command table and `npm run build:cli` has run.
const built = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
const registered = built.status === 0 && /^\s+ridge\s/m.test(built.stdout);

describe.skipIf(!registered)('carryover ridge (built CLI: node bin/carryover.mjs)', () => {
  it('writes the same file as the command module', async () => {
    const out = mkdtempSync(join(tmpdir(), 'carryover-ridge-bin-'));
    const r = spawnSync(process.execPath, [BIN, 'ridge', ROBYN, ...ROLES, ...SMALL, '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toMatch(/wrote .*ridge_result\.json/);
    expect(r.status).toBe(0);
    const fromBin = JSON.parse(readFileSync(join(out, RIDGE_FILE), 'utf8')) as RidgeFile;
    const inProcess = (await ridge([ROBYN, ...ROLES, ...SMALL])).file!;
    expect(withoutTime(fromBin)).toBe(withoutTime(inProcess));
    const bad = spawnSync(process.execPath, [BIN, 'ridge', ROBYN, ...ROLES, '--iterations', 'many', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
