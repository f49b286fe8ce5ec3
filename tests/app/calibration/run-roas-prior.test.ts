// `carryover run --roas-prior`: the workspace's lift tests (dev_workspace_hill's
// incrementality_results.json: tv and radio) as ROAS priors instead of likelihood terms.
// In process: which test becomes what (one prior per channel; a channel's second test stays a
// likelihood term, with a note naming the file). Through the built CLI (npm test builds it): the
// fitted run's spec carries the priors and no lift tests; bad flag combinations exit 2.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPrior } from '../../../src/calibration/assign';
import { workspaceCalibration } from '../../../src/cli/commands/run';
import { importLiftTests, toModelLiftTests } from '../../../src/calibration';
import type { InferenceData } from '../../../src/core/types';
import { buildDataset, detectRoles, parseFiles } from '../../../src/data';
import { SHARED } from '../../calibration/wide-csv';

const WORKSPACE = join(SHARED, 'data/synthetic/dev_workspace_hill');
const BIN = resolve(__dirname, '../../../bin/carryover.mjs');
const files = ['raw', 'analysis'].flatMap((sub) => readdirSync(join(WORKSPACE, sub)).map((f) => ({ name: `${sub}/${f}`, text: readFileSync(join(WORKSPACE, sub, f), 'utf8') })));
const parsed = parseFiles(files);
const data = buildDataset(parsed, detectRoles(parsed)).dataset!;
const pass = parsed.passthrough.find((p) => p.kind === 'incrementality_results')!;
const tests = toModelLiftTests(importLiftTests(pass.text, pass.file, data).tests);

describe('workspace lift tests as ROAS priors', () => {
  it('without the flag every test is a likelihood term; with it every test is a ROAS prior of the scope asked, none left in the likelihood', () => {
    expect(workspaceCalibration(tests, null)).toEqual({ lift_tests: tests, roas_priors: [], notes: [] });
    for (const scope of ['test', 'window'] as const) {
      const c = workspaceCalibration(tests, scope);
      expect(c.lift_tests).toEqual([]);
      expect(c.roas_priors).toEqual(tests.map((t) => testPrior(t, scope)));
      expect(c.roas_priors.map((p) => [p.channel, p.scope, p.source])).toEqual([
        ['tv', scope, 'lift_test'],
        ['radio', scope, 'lift_test'],
      ]);
      expect(c.notes).toEqual([]);
    }
  });

  it("a channel's second test stays a likelihood term, noted against the lift-test file", () => {
    const second = { ...tests[0], delta_y: 1.5 * tests[0].delta_y, label: 'tv again' };
    const c = workspaceCalibration([...tests, second], 'test');
    expect(c.roas_priors.map((p) => p.channel)).toEqual(['tv', 'radio']);
    expect(c.lift_tests).toEqual([second]);
    expect(c.notes).toHaveLength(1);
    expect(c.notes[0]).toMatchObject({ severity: 'warning', channel: 'tv', file: 'analysis/incrementality_results.json' });
    expect(c.notes[0].message).toMatch(/"tv again" is used as a likelihood term instead/);
  });
});

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 280_000 });
  return { code: r.status, stderr: r.stderr };
}

function copyWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'carryover-roas-')), 'workspace');
  cpSync(WORKSPACE, dir, { recursive: true });
  const walk = (p: string) => {
    chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => walk(join(p, e)));
  };
  walk(dir);
  return dir;
}

describe('carryover run --roas-prior (built CLI)', () => {
  it('bad combinations are option errors (exit 2)', () => {
    const dir = copyWorkspace();
    const scope = carryover(['run', dir, '--roas-prior', '--roas-prior-scope', 'weekly']);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/--roas-prior-scope must be 'test' or 'window'/);
    expect(carryover(['run', dir, '--roas-prior-scope', 'window']).stderr).toMatch(/--roas-prior-scope needs --roas-prior/);
    expect(carryover(['run', dir, '--roas-prior', '--no-calibration']).code).toBe(2);
  });

  it('fits with the tests as ROAS priors: the run records them and no lift tests', () => {
    const dir = copyWorkspace();
    const r = carryover(['run', dir, '--roas-prior', '--roas-prior-scope', 'window', '--chains', '1', '--warmup', '40', '--draws', '20', '--seed', '5', '--quiet']);
    expect([0, 3]).toContain(r.code);
    expect(r.stderr).toMatch(/0 lift tests as likelihood terms, 2 as ROAS priors \(scope window\)/);
    const idata = JSON.parse(readFileSync(join(dir, 'analysis/inference_data.json'), 'utf8')) as InferenceData;
    expect(idata.attrs.model.lift_tests).toEqual([]);
    expect(idata.attrs.model.roas_priors).toEqual(tests.map((t) => testPrior(t, 'window')));
  }, 300_000);
});
