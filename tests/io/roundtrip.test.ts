import { describe, expect, it } from 'vitest';
import type { InferenceData } from '../../src/core/types';
import { formatNumber, fromArvizJson, fromCmdStanCsv, parseNumber, toArvizJson, toCmdStanCsv } from '../../src/io/index';
import { makeIdata } from '../diagnostics/fixtures';
import { chainHealth } from '../../src/diagnostics/sampler';
import { statChains } from '../../src/diagnostics/idata';

/** A run with the awkward values: NA (null), −0, subnormal, huge, many digits, a 2-D variable. */
function awkwardRun(): InferenceData {
  const idata = makeIdata({ chains: 3, draws: 40, nObs: 7, seed: 41 });
  const p = idata.posterior.intercept as number[][];
  p[0][0] = -0;
  p[0][1] = 5e-324;
  p[0][2] = 1.7976931348623157e308;
  p[1][3] = 0.1 + 0.2;
  p[2][4] = null as unknown as number; // NA
  p[2][5] = -1.2345678901234567e-200;
  // chain × draw × date × channel, as a contribution would be.
  idata.posterior.channel_contribution = Array.from({ length: 3 }, (_, c) =>
    Array.from({ length: 40 }, (_, d) => Array.from({ length: 7 }, (_, t) => [c + d / 3 + t, -(c * 1000 + d + t / 7)])));
  idata.dims.channel_contribution = ['date', 'channel'];
  delete idata.sample_stats.n_steps; // a statistic the run did not record
  return idata;
}

const jsonNormal = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('numbers', () => {
  it('shortest round-trip text parses back to the same double', () => {
    for (const x of [0.1, 1 / 3, 5e-324, 1.7976931348623157e308, -2.5e-8, 123456789012345680, Math.PI]) {
      const t = formatNumber(x);
      expect(Object.is(parseNumber(t), x)).toBe(true);
      expect(t.length).toBeLessThanOrEqual(String(x).length);
    }
    expect(formatNumber(null)).toBe('nan');
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(-Infinity)).toBe('-inf');
    expect(parseNumber('NA')).toBeNull();
    expect(parseNumber('Inf')).toBe(Infinity);
    expect(parseNumber('0x10')).toBeUndefined();
    expect(parseNumber('abc')).toBeUndefined();
  });
});

describe('ArviZ JSON round trip', () => {
  it('export → import gives identical arrays (−0 becomes 0: JSON has no negative zero)', () => {
    const idata = awkwardRun();
    const back = fromArvizJson(toArvizJson(idata));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value).toEqual(jsonNormal(idata));
  });
  it('boolean diverging (as ArviZ to_json writes it) counts as 1/0, in diagnostics and in CmdStan export', () => {
    const idata = makeIdata({ chains: 2, draws: 30, nObs: 5, seed: 7 });
    const flags = Array.from({ length: 2 }, (_, c) => Array.from({ length: 30 }, (_, d) => (c === 1 && d % 10 === 3)));
    const raw = JSON.parse(toArvizJson(idata));
    raw.sample_stats.diverging = flags;
    const text = JSON.stringify(raw);
    expect(text).toContain('true');
    const back = fromArvizJson(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const health = chainHealth({ diverging: statChains(back.value, 'diverging') }, 10);
    expect(health.map((h) => h.divergences)).toEqual([0, 3]);
    expect(health[1].divergent_draws).toEqual([3, 13, 23]);
    const csv = toCmdStanCsv(back.value);
    const lines = csv[1].split('\n').filter((l) => l && !l.startsWith('#'));
    const col = lines[0].split(',').indexOf('divergent__');
    expect(lines.slice(1).map((l) => l.split(',')[col]).filter((v) => v === '1')).toHaveLength(3);
    expect(lines.slice(1).some((l) => l.split(',')[col] === 'nan')).toBe(false);
  });
  it('invalid JSON and wrong layouts are errors naming the file', () => {
    const bad = fromArvizJson('{"posterior":', 'run.json');
    expect(!bad.ok && bad.errors[0].file).toBe('run.json');
    const noPosterior = fromArvizJson('{"sample_stats": {}}');
    expect(!noPosterior.ok && noPosterior.errors[0].message).toMatch(/no posterior/);
  });
});

describe('CmdStan CSV', () => {
  const idata = awkwardRun();
  const files = toCmdStanCsv(idata);

  it('writes one file per chain with CmdStan columns then name.1 indexing', () => {
    expect(files).toHaveLength(3);
    const header = files[0].split('\n').find((l) => !l.startsWith('#'))!;
    expect(header.startsWith('lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,intercept,')).toBe(true);
    const cols = header.split(',');
    expect(cols).toContain('adstock_alpha.1');
    expect(cols).toContain('adstock_alpha.2');
    // 2-D in Stan's column-major order: first index fastest.
    const i11 = cols.indexOf('channel_contribution.1.1');
    expect(cols.slice(i11, i11 + 3)).toEqual(['channel_contribution.1.1', 'channel_contribution.2.1', 'channel_contribution.3.1']);
    expect(cols).toContain('log_lik.7');
    expect(cols).toContain('y_rep.1');
    expect(files[0]).toMatch(/^# id = 1$/m);
    expect(files[0]).toMatch(/^# Adaptation terminated$/m);
  });
  it('writes CmdStan\'s Elapsed Time block only when warm-up and sampling times are known', () => {
    expect(files[0]).not.toMatch(/Elapsed Time/);
    const timed = awkwardRun();
    timed.attrs.timings = { chain_warmup_seconds: [1.5, 2, 2.5], chain_sampling_seconds: [3, 3, 3] };
    const f = toCmdStanCsv(timed);
    expect(f[1]).toMatch(/^#  Elapsed Time: 2 seconds \(Warm-up\)\n#\s+3 seconds \(Sampling\)\n#\s+5 seconds \(Total\)$/m);
    const back = fromCmdStanCsv(f.map((text, i) => ({ name: `c${i}.csv`, text })));
    expect(back.ok && back.value).toEqual(timed);
  });
  it('values are shortest round-trip text; NA is nan; −0 keeps its sign', () => {
    const firstRow = files[0].split('\n').filter((l) => !l.startsWith('#'))[1].split(',');
    expect(firstRow[7]).toBe('-0');
    expect(firstRow[4]).toBe('nan'); // n_leapfrog__ was not recorded
    expect(files[2]).toMatch(/,nan,/);
  });
  it('import gives back identical arrays, dims, coords, attrs and data', () => {
    const back = fromCmdStanCsv(files.map((text, i) => ({ name: `output_${i + 1}.csv`, text })));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    // CSV keeps what JSON cannot: −0 (JSON.stringify writes "0"), so compare with the run itself.
    expect(back.value).toEqual(idata);
    const p = back.value.posterior.intercept as number[][];
    expect(Object.is(p[0][0], -0)).toBe(true);
    expect(p[0][1]).toBe(5e-324);
  });
  it('reads a CSV written by CmdStan itself (no carryover metadata)', () => {
    const text = [
      '# model = bernoulli_model',
      '#     num_samples = 3',
      '#     num_warmup = 1000 (Default)',
      '#             max_depth = 10 (Default)',
      '# id = 1',
      '#   seed = 1234',
      'lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,theta,beta.1,beta.2,log_lik.1',
      '# Adaptation terminated',
      '# Step size = 0.93',
      '-7.3,0.91,0.93,1,3,0,7.5,0.25,1.5,-2,-0.7',
      '-7.0,1,0.93,2,3,0,7.2,0.19,1.25,-2.5,-0.6',
      '-6.9,0.8,0.93,1,1,0,7.1,0.21,nan,-3,-0.65',
      '# ',
      '#  Elapsed Time: 0.005 seconds (Warm-up)',
    ].join('\r\n');
    const r = fromCmdStanCsv([{ name: 'bernoulli-1.csv', text }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.posterior.theta).toEqual([[0.25, 0.19, 0.21]]);
    expect(r.value.posterior.beta).toEqual([[[1.5, -2], [1.25, -2.5], [null, -3]]]);
    expect(r.value.dims.beta).toEqual(['beta_dim_0']);
    expect(r.value.log_likelihood.y).toEqual([[[-0.7], [-0.6], [-0.65]]]);
    expect(r.value.sample_stats.tree_depth).toEqual([[1, 2, 1]]);
    expect(r.value.attrs.sampler.warmup).toBe(1000);
    expect(r.value.attrs.seed).toBe(1234);
  });
  it('malformed files are errors with file, line and column', () => {
    const good = files[0];
    const lines = good.split('\n');
    const firstData = lines.findIndex((l, i) => i > 0 && !l.startsWith('#') && lines.slice(0, i).some((p) => p.startsWith('lp__')));
    const broken = [...lines];
    broken[firstData] = broken[firstData].replace(/^[^,]+/, 'oops');
    const r = fromCmdStanCsv([{ name: 'c1.csv', text: broken.join('\n') }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: 'c1.csv', row: firstData + 1, column: 'lp__' });
    const short = fromCmdStanCsv([{ name: 'a.csv', text: files[0] }, { name: 'b.csv', text: files[1].split('\n').slice(0, -5).join('\n') }]);
    expect(!short.ok && short.errors[0].file).toBe('b.csv');
  });
});
