import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/commands/optimize';
import { inferenceDataFor, jitteredDraws, syntheticSet } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'carryover-optimize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const err: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return {
    text: () => err.join(''),
    restore: () => {
      spy.mockRestore();
      spyOut.mockRestore();
    },
  };
}

describe('carryover optimize', () => {
  const { data, spec, theta } = syntheticSet('dev_weekly_logistic');
  writeFileSync(join(dir, 'inference_data.json'), JSON.stringify(inferenceDataFor(data, spec, jitteredDraws(spec, theta, 40, 0.1, 4))));
  const weekly = data.channels.map((c) => c.spend.slice(-52).reduce((a, v) => a + v, 0));
  const budget = weekly.reduce((a, v) => a + v, 0);

  it('writes the optimal plan within bounds given as multiples of current spend', async () => {
    const io = capture();
    const code = await run([dir, '--budget', String(budget), '--min', 'tv=0.5x', '--max', 'tv=2x', '--min', 'search=0.5x', '--max', 'search=2x', '--fixed', 'social', '--shift', 'tv:search:10']);
    io.restore();
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'mmm_budget_optimization.json'), 'utf8'));
    expect(json.feasible).toBe(true);
    expect(json.horizon_periods).toBe(52);
    const cur = json.current.spend_per_period;
    const opt = json.optimal.spend_per_period;
    expect(opt.social).toBe(cur.social);
    for (const c of ['tv', 'search']) {
      expect(opt[c]).toBeGreaterThanOrEqual(0.5 * cur[c]);
      expect(opt[c]).toBeLessThanOrEqual(2 * cur[c]);
    }
    expect((opt.tv + opt.search + opt.social) * 52).toBeCloseTo(budget, 3);
    expect(json.scenarios.map((s: { name: string }) => s.name)).toEqual(['total budget +10%', 'total budget -10%', 'shift 10% of tv to search', 'minimum spend for the current outcome']);
    expect(io.text()).toMatch(/P\(lift > 0\)/);
    // The summary prints no posterior quantity without its interval: the outcomes, the lift,
    // each channel's next-unit return and each scenario's outcome and lift, as in the file.
    const lines = io.text().split('\n');
    const est = (e: { mean: number; q05: number; q95: number }, f: (v: number) => string) => `${f(e.mean)} (90% interval ${f(e.q05)} … ${f(e.q95)})`;
    const amt = (v: number) => (Math.abs(v) >= 100 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toLocaleString('en-US', { maximumSignificantDigits: 3 }));
    const sig3 = (v: number) => v.toLocaleString('en-US', { maximumSignificantDigits: 3 });
    expect(lines).toContain(`expected outcome, current split: ${est(json.current.expected_outcome, amt)}`);
    expect(lines).toContain(`expected outcome, optimal split: ${est(json.optimal.expected_outcome, amt)}`);
    expect(lines.some((l) => l.startsWith(`lift ${est(json.lift, amt)}, P(lift > 0) = `))).toBe(true);
    for (const c of ['tv', 'search', 'social']) {
      const row = lines.find((l) => l.startsWith(`  ${c} `))!;
      expect(row.endsWith(`next unit returns ${est(json.marginal_return_estimate.optimal[c], sig3)}`), row).toBe(true);
    }
    for (const sc of json.scenarios) expect(lines).toContain(`  ${sc.name}: spend ${amt(sc.total_spend)}, outcome ${est(sc.expected_outcome, amt)}, lift ${est(sc.lift, amt)}`);
  });

  it('infeasible constraints: exit 3, file written with the reason', async () => {
    const io = capture();
    const code = await run([dir, '--budget', '1000', '--min', 'tv=1x', '--out', join(dir, 'bad.json')]);
    io.restore();
    expect(code).toBe(3);
    const json = JSON.parse(readFileSync(join(dir, 'bad.json'), 'utf8'));
    expect(json.feasible).toBe(false);
    expect(json.reason).toMatch(/minimums/);
  });

  it('contradictory bounds: exit 3, the channel named once on stderr and first in the reason', async () => {
    const io = capture();
    const code = await run([dir, '--budget', String(budget), '--min', 'tv=1x', '--max', 'tv=0.5x', '--no-scenarios', '--out', join(dir, 'contra.json')]);
    io.restore();
    expect(code).toBe(3);
    expect(io.text()).toMatch(/^error: channel "tv": the minimum [\d,.]+ per period is above the maximum [\d,.]+ \(lower the minimum or raise the maximum\)$/m);
    expect(io.text()).not.toMatch(/channel "tv".*channel "tv"/);
    const json = JSON.parse(readFileSync(join(dir, 'contra.json'), 'utf8'));
    expect(json.reason).toMatch(/^channel "tv": the minimum [\d,.]+ per period is above the maximum [\d,.]+$/);
  });

  it('a horizon of exactly the data length is accepted', async () => {
    const io = capture();
    const code = await run([dir, '--budget', String(budget), '--horizon', String(data.dates.length), '--no-scenarios', '--out', join(dir, 'long.json')]);
    io.restore();
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'long.json'), 'utf8')).horizon_periods).toBe(data.dates.length);
  });

  it('bad input: clear messages and exit codes', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [[dir], 2, /--budget B is required/],
      [[dir, '--budget', 'lots'], 2, /--budget must be a number/],
      [[dir, '--budget', '10', '--min', 'tv>5'], 2, /channel=value/],
      [[dir, '--budget', '10', '--objective', 'max'], 2, /mean or q05/],
      [[dir, '--budget', '10', '--shift', 'tv-search'], 2, /FROM:TO:PERCENT/],
      [[join(dir, 'nope'), '--budget', '10'], 1, /does not exist/],
      // A channel the run does not have is bad input (exit 2), named with the flag and the run's channels.
      [[dir, '--budget', '10', '--fixed', 'radio', '--out', join(dir, 'x.json')], 2, /^error: channel "radio": --fixed names a channel this run does not have \(the run's channels are tv, search, social\)$/m],
      [[dir, '--budget', '10', '--min', 'tv=1', '--max', 'Search=2x', '--out', join(dir, 'x.json')], 2, /^error: channel "Search": --max names a channel this run does not have/m],
      [[dir, '--budget', '10', '--horizon', String(data.dates.length + 1)], 2, new RegExp(`--horizon ${data.dates.length + 1} is longer than the run's data \\(${data.dates.length} weeks\\).*give --horizon ${data.dates.length} or less`)],
    ];
    for (const [argv, code, msg] of cases) {
      const io = capture();
      const got = await run(argv);
      io.restore();
      expect(got).toBe(code);
      expect(io.text()).toMatch(msg);
    }
  });
});
