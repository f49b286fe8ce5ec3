// The headless `fit` command end to end through the built bundle (npm test builds it first):
// bad input gives a clear message naming the place and a non-zero exit; a short fit writes
// the run directory MODEL.md §8 describes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const ROLES = ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'];

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function editedCopy(edit: (rows: string[][]) => void): string {
  const [head, ...lines] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
  const rows = lines.map((l) => l.split(','));
  edit(rows);
  const dir = mkdtempSync(join(tmpdir(), 'carryover-cli-'));
  const file = join(dir, 'data.csv');
  writeFileSync(file, [head, ...rows.map((r) => r.join(','))].join('\n'));
  return file;
}

describe('carryover fit', () => {
  it('names an unknown column and exits non-zero', () => {
    const r = carryover(['fit', EXAMPLE, '--date', 'date_week', '--target', 'revenue', '--channels', 'x1,x2', '--out', join(tmpdir(), 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no column "revenue"/);
    expect(r.stderr).toMatch(/columns are: .*y/);
  });

  it('names the row and column of a non-numeric cell', () => {
    const x1 = 2; // date_week,y,x1,... (the header decides; checked below)
    expect(readFileSync(EXAMPLE, 'utf8').split('\n')[0].split(',')[x1]).toBe('x1');
    const file = editedCopy((rows) => (rows[4][x1] = 'abc'));
    const r = carryover(['fit', file, ...ROLES, '--out', join(tmpdir(), 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 6/);
    expect(r.stderr).toMatch(/"x1"/);
  });

  it('refuses a channel with zero spend, naming it', () => {
    const file = editedCopy((rows) => rows.forEach((r) => (r[3] = '0')));
    const r = carryover(['fit', file, ...ROLES, '--out', join(tmpdir(), 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/x2/);
  });

  it('rejects unknown options and bad numbers', () => {
    expect(carryover(['fit', EXAMPLE, '--chain', '4']).code).toBe(2);
    const r = carryover(['fit', EXAMPLE, ...ROLES, '--draws', 'many', '--out', '/tmp/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--draws must be a number/);
  });

  it('writes inference_data.json, summary.json and mmm_diagnostics.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'carryover-run-'));
    const r = carryover(['fit', EXAMPLE, ...ROLES, '--chains', '2', '--warmup', '150', '--draws', '100', '--seed', '7', '--out', out, '--quiet']);
    expect(r.stderr).toMatch(/done in/);
    expect(r.code).toBe(0);
    const idata = JSON.parse(readFileSync(join(out, 'inference_data.json'), 'utf8'));
    for (const g of ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive', 'observed_data', 'constant_data', 'dims', 'coords', 'attrs'])
      expect(idata).toHaveProperty(g);
    expect(idata.posterior.adstock_alpha).toHaveLength(2);
    expect(idata.posterior.adstock_alpha[0]).toHaveLength(100);
    expect(idata.posterior.adstock_alpha[0][0]).toHaveLength(2);
    expect(idata.log_likelihood.y[1][99]).toHaveLength(179);
    expect(Object.keys(idata.sample_stats).sort()).toEqual(['acceptance_rate', 'diverging', 'energy', 'lp', 'n_steps', 'step_size', 'tree_depth']);
    expect(idata.attrs.seed).toBe(7);
    expect(idata.attrs.sampler).toMatchObject({ chains: 2, warmup: 150, draws: 100, adapt_delta: 0.8, max_treedepth: 10 });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.channels)).toEqual(['x1', 'x2']);
    for (const k of ['contribution', 'roas', 'marginal_roas']) expect(Object.keys(summary.channels.x1[k]).sort()).toEqual(['mean', 'q05', 'q50', 'q95', 'sd']);
    expect(summary.parameters['adstock_alpha[x1]']).toHaveProperty('ess_bulk');
    expect(summary.sampler.gradient_evaluations).toBeGreaterThan(0);
    const diag = JSON.parse(readFileSync(join(out, 'mmm_diagnostics.json'), 'utf8'));
    expect(diag.gates).toHaveProperty('r_hat');
  }, 300_000);
});
