// `carryover fit --cmdstan` (MODEL.md §8: traces also as CmdStan-style CSV, one file per
// chain). Oracle: the chain files read back with src/io's CmdStan reader give the posterior,
// sample stats and pointwise log-likelihood of inference_data.json exactly (shortest
// round-trip numbers); without the flag no CSV is written. Built CLI (npm test builds it).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fromCmdStanCsv } from '../../src/io';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const ARGS = ['fit', sharedPath('data/pymc-marketing/mmm_example.csv'), '--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t', '--chains', '2', '--warmup', '60', '--draws', '25', '--seed', '9', '--quiet'];

function fit(extra: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'carryover-cmdstan-'));
  const r = spawnSync(process.execPath, [BIN, ...ARGS, ...extra, '--out', out], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe('fit --cmdstan', () => {
  it('writes chain_1.csv, chain_2.csv that read back as the run', () => {
    const out = fit(['--cmdstan']);
    expect(readdirSync(out).sort()).toEqual(['chain_1.csv', 'chain_2.csv', 'inference_data.json', 'mmm_diagnostics.json', 'summary.json']);
    const files = ['chain_1.csv', 'chain_2.csv'].map((name) => ({ name, text: readFileSync(join(out, name), 'utf8') }));
    expect(files[0].text).toMatch(/^# stan_version_major/);
    expect(files[0].text).toMatch(/^lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,/m);
    const back = fromCmdStanCsv(files);
    expect(back.ok).toBe(true);
    const idata = JSON.parse(readFileSync(join(out, 'inference_data.json'), 'utf8'));
    const read = back.ok ? back.value : null;
    expect(read!.posterior).toEqual(idata.posterior);
    expect(read!.log_likelihood).toEqual(idata.log_likelihood);
    expect(read!.sample_stats.lp).toEqual(idata.sample_stats.lp);
    expect(read!.sample_stats.diverging).toEqual(idata.sample_stats.diverging);
  });

  it('writes no CSV without the flag', () => {
    expect(readdirSync(fit([])).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });
});
