// `carryover fit --lift-tests FILE [--roas-prior]` in process (the chain workers are the
// built dist-node/chain-worker.mjs, as for the CLI): the file goes through the studio's importer
// in all three shapes of MODEL.md §6; the tests are in the run's attrs.model and change the
// posterior (same seed, same data); bad files and rows are named with file, row and column and
// stop the fit (exit 1); contradictory flags exit 2.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/commands/fit';
import { sharedPath } from '../helpers/csv-dataset';

const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const ROLES = ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'];
// Two chains of 60 + 20 keep each fit a few seconds on a shared machine; nothing here needs
// a converged posterior, only the same sampler run with and without the test.
const TINY = ['--chains', '2', '--warmup', '60', '--draws', '20', '--seed', '11', '--quiet', '--workers', '1'];
const WS = sharedPath('data/synthetic/dev_workspace_hill');

const dir = mkdtempSync(join(tmpdir(), 'carryover-fit-lift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function fit(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  try {
    return { code: await run(argv), err: err.join(''), out: out.join('') };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

const idataOf = (out: string) => JSON.parse(readFileSync(join(out, 'inference_data.json'), 'utf8'));
const PYMC = 'channel,x,delta_x,delta_y,sigma\nx1,0.3,0.06,300,30\n';

describe('carryover fit --lift-tests', () => {
  it('a PyMC-Marketing test is in attrs.model and summary.json, and moves the posterior', async () => {
    const lift = file('lift.csv', PYMC);
    const plain = join(dir, 'plain');
    const cal = join(dir, 'cal');
    const a = await fit([EXAMPLE, ...ROLES, ...TINY, '--out', plain]);
    const b = await fit([EXAMPLE, ...ROLES, ...TINY, '--lift-tests', lift, '--out', cal]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/controls event_1, event_2, t; 1 lift test; 2 chains/);
    const A = idataOf(plain);
    const B = idataOf(cal);
    expect(A.attrs.model.lift_tests).toEqual([]);
    expect(B.attrs.model.lift_tests).toEqual([{ channel: 'x1', x: 0.3, delta_x: 0.06, delta_y: 300, sigma: 30, label: expect.any(String) }]);
    expect(B.attrs.model.roas_priors ?? []).toEqual([]);
    expect(JSON.parse(readFileSync(join(cal, 'summary.json'), 'utf8')).metadata.model.lift_tests).toEqual(B.attrs.model.lift_tests);
    // Same seed, data and settings: the only difference is the lift term in the density (and
    // without it the same fit again gives the same draws, so the difference is not noise).
    const again = join(dir, 'plain-again');
    expect((await fit([EXAMPLE, ...ROLES, ...TINY, '--out', again])).code).toBe(0);
    expect(idataOf(again).posterior).toEqual(A.posterior);
    expect(B.attrs.seed).toBe(A.attrs.seed);
    expect(B.posterior.saturation_beta).not.toEqual(A.posterior.saturation_beta);
    expect(B.posterior.saturation_beta[0]).toHaveLength(20);
  }, 240_000);

  it('--roas-prior: the workspace incrementality_results.json becomes ROAS priors, none left as likelihood terms', async () => {
    const out = join(dir, 'roas');
    const r = await fit([join(WS, 'raw'), '--lift-tests', join(WS, 'analysis/incrementality_results.json'), '--roas-prior', '--roas-prior-scope', 'window', '--chains', '1', '--warmup', '0', '--draws', '2', '--seed', '3', '--quiet', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/0 lift tests as likelihood terms, 2 as ROAS priors \(scope window\)/);
    const m = idataOf(out).attrs.model;
    expect(m.lift_tests).toEqual([]);
    expect(m.roas_priors.map((p: { channel: string; scope: string; source: string }) => [p.channel, p.scope, p.source])).toEqual([
      ['tv', 'window', 'lift_test'],
      ['radio', 'window', 'lift_test'],
    ]);
  }, 240_000);

  it('a Robyn row with an unknown channel is left out, named; the good row is used', async () => {
    const robyn = file('robyn.csv', 'channel,liftStartDate,liftEndDate,liftAbs,spend\ntv,2023-02-27,2023-04-23,155656.23,117687.08\ncinema,2023-02-27,2023-04-23,1000,500\n');
    const out = join(dir, 'robyn');
    const r = await fit([join(WS, 'raw'), '--lift-tests', robyn, '--chains', '1', '--warmup', '0', '--draws', '2', '--seed', '3', '--quiet', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`error: ${robyn.replace(/[.]/g, '\\.')}, row 3, .*channel "cinema".*this test is left out`));
    expect(idataOf(out).attrs.model.lift_tests.map((t: { channel: string }) => t.channel)).toEqual(['tv']);
  }, 240_000);

  it('bad files stop the fit before sampling (exit 1), each problem by file, row and column', async () => {
    const out = join(dir, 'never');
    const cases: Array<[string, RegExp]> = [
      [file('text.csv', 'channel,x,delta_x,delta_y,sigma\nx1,0.3,0.06,lots,30\n'), /error: .*text\.csv, row 2, column "delta_y": /],
      [file('shape.csv', 'a,b\n1,2\n'), /error: .*shape\.csv: the columns \(a, b\) match no lift-test format/],
      [file('dup.csv', 'channel,x,delta_x,delta_y,sigma,sigma\nx1,0.3,0.06,300,30,40\n'), /error: .*dup\.csv, row 2, column "sigma": the header "sigma" appears twice \(columns 5 and 6\)/],
      [join(dir, 'missing.csv'), /error: .*missing\.csv: the lift-test file does not exist/],
      [dir, /is a folder, not a lift-test file/],
    ];
    for (const [lift, msg] of cases) {
      const r = await fit([EXAMPLE, ...ROLES, ...TINY, '--lift-tests', lift, '--out', out]);
      expect(r.code, lift).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.err).toMatch(/the lift-test file cannot be used \(above\); nothing was fitted/);
      expect(r.err).not.toMatch(/Duplicate headers/);
    }
    expect(existsSync(join(out, 'inference_data.json'))).toBe(false);
  });

  it('flag combinations: --roas-prior needs --lift-tests, a scope needs --roas-prior (exit 2); --help names the flags', async () => {
    const lift = file('ok.csv', PYMC);
    const cases: Array<[string[], RegExp]> = [
      [['--roas-prior'], /--roas-prior turns the lift tests into ROAS priors: give them with --lift-tests FILE/],
      [['--lift-tests', lift, '--roas-prior-scope', 'window'], /--roas-prior-scope needs --roas-prior/],
      [['--lift-tests', lift, '--roas-prior', '--roas-prior-scope', 'all'], /--roas-prior-scope must be 'test' or 'window', got "all"/],
    ];
    for (const [extra, msg] of cases) {
      const r = await fit([EXAMPLE, ...ROLES, ...extra, '--out', join(dir, 'never')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const help = await fit(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--lift-tests V +lift tests to calibrate with/);
    expect(help.out).toMatch(/--roas-prior +use the lift tests as ROAS priors/);
    expect(help.out).toMatch(/--roas-prior-scope V/);
  });
});
