// `carryover run WORKSPACE_DIR` end to end through the built bundle (npm test builds it):
// bad input fails with a message naming the place and a non-zero exit; a short run on a copy
// of the synthetic workspace writes every output, parses, uses the workspace's lift tests,
// sets the default budget problem from the raw files, and leaves every input byte-identical.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedPath } from '../helpers/csv-dataset';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const WORKSPACE = sharedPath('data/synthetic/dev_workspace_hill');
const OUTPUTS = [
  'analysis/inference_data.json',
  'analysis/summary.json',
  'analysis/mmm_diagnostics.json',
  'analysis/mmm_channel_contributions.json',
  'analysis/mmm_budget_optimization.json',
  'reports/mmm_executive_summary.html',
];

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 280_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** A writable copy of the workspace (the shared copy is read-only). */
function copyWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'carryover-ws-')), 'workspace');
  cpSync(WORKSPACE, dir, { recursive: true });
  const walk = (p: string) => {
    chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => walk(join(p, e)));
  };
  walk(dir);
  return dir;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string, rel: string) => {
    if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => walk(join(p, e), rel ? `${rel}/${e}` : e));
    else out.set(rel, readFileSync(p, 'latin1'));
  };
  walk(dir, '');
  return out;
}

describe('carryover run: bad input', () => {
  it('a missing directory, a directory without raw/, unknown options', () => {
    const missing = carryover(['run', join(tmpdir(), 'no-such-workspace-dir')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-workspace-dir does not exist/);
    const empty = mkdtempSync(join(tmpdir(), 'carryover-empty-'));
    const noRaw = carryover(['run', empty]);
    expect(noRaw.code).toBe(1);
    expect(noRaw.stderr).toMatch(/raw is missing.*campaign_spend_\{platform\}\.csv/s);
    expect(carryover(['run', empty, '--chain', '2']).code).toBe(2);
    const two = carryover(['run', empty, empty]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/exactly one workspace/);
    expect(carryover(['run', empty, '--budget', '-5']).stderr).toMatch(/--budget must be at least 0/);
  });

  it('a non-numeric revenue cell names the file, row and column, fits nothing and writes nothing', () => {
    const dir = copyWorkspace();
    const file = join(dir, 'raw/conversions.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[5] = lines[5].replace(/,[^,]*$/, ',lots');
    writeFileSync(file, lines.join('\n'));
    const r = carryover(['run', dir, '--chains', '1', '--warmup', '10', '--draws', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/conversions\.csv.*row 6.*"revenue"/);
    expect(r.stderr).toMatch(/nothing was fitted/);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it('an unreadable lift-test file is an error, not silently ignored', () => {
    const dir = copyWorkspace();
    writeFileSync(join(dir, 'analysis/incrementality_results.json'), '[{"channel": "tv", ');
    const r = carryover(['run', dir, '--chains', '1', '--warmup', '10', '--draws', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/incrementality_results\.json.*not valid JSON/);
  });

  it('a --horizon longer than the data is refused before fitting (exit 2), as carryover optimize does', () => {
    const dir = copyWorkspace();
    const r = carryover(['run', dir, '--horizon', '400', '--chains', '1', '--warmup', '10', '--draws', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--horizon 400 is longer than the run's data \(208 weeks\)/);
    expect(r.stderr).not.toMatch(/fitted in/);
    expect(existsSync(join(dir, 'analysis/inference_data.json'))).toBe(false);
  });
});

describe('carryover run: options', () => {
  it('--no-calibration fits without the lift tests; an unreachable --budget is reported as infeasible (exit 3) with every file written', () => {
    const dir = copyWorkspace();
    const r = carryover(['run', dir, '--chains', '1', '--warmup', '20', '--draws', '20', '--seed', '3', '--no-calibration', '--budget', '1e12', '--quiet']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/0 lift tests/);
    expect(r.stderr).toMatch(/no budget plan meets the constraints: the maximums .* allow at most/);
    for (const p of OUTPUTS) expect(existsSync(join(dir, p)), p).toBe(true);
    const idata = JSON.parse(readFileSync(join(dir, 'analysis/inference_data.json'), 'utf8'));
    expect(idata.attrs.model.lift_tests).toEqual([]);
    const budget = JSON.parse(readFileSync(join(dir, 'analysis/mmm_budget_optimization.json'), 'utf8'));
    expect(budget).toMatchObject({ feasible: false, budget: 1e12, horizon_periods: 52, optimal: null });
    expect(budget.reason).toMatch(/less than the budget/);
    expect(budget.metadata.budget_rule).toMatch(/as given/);
    const html = readFileSync(join(dir, 'reports/mmm_executive_summary.html'), 'utf8');
    expect(html).toMatch(/badge fail">infeasible<\/span> No plan meets all the constraints: the maximums/);
  }, 120_000);
});

describe('carryover run on the synthetic workspace', () => {
  it('writes every output, calibrated by the workspace lift tests, without touching the inputs', () => {
    const dir = copyWorkspace();
    const before = files(dir);
    const r = carryover(['run', dir, '--chains', '2', '--warmup', '150', '--draws', '100', '--seed', '11', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/208 weeks of revenue.*2 lift tests.*2 chains × \(150 \+ 100\), seed 11/);
    for (const p of OUTPUTS) expect(existsSync(join(dir, p)), p).toBe(true);
    const json = (p: string) => JSON.parse(readFileSync(join(dir, p), 'utf8'));
    const idata = json('analysis/inference_data.json');
    const channels = ['display', 'search', 'social', 'radio', 'tv'];
    expect(idata.coords.channel).toEqual(channels);
    expect(idata.attrs.seed).toBe(11);
    expect(idata.attrs.model.lift_tests.map((t: { channel: string }) => t.channel)).toEqual(['tv', 'radio']);
    expect(Object.keys(json('analysis/summary.json').channels)).toEqual(channels);
    expect(json('analysis/mmm_diagnostics.json').gates).toHaveProperty('r_hat');
    const contrib = json('analysis/mmm_channel_contributions.json');
    expect(Object.keys(contrib.channels)).toEqual(channels);
    expect(contrib.sum_check.within_2_percent).toBe(true);

    // The default budget problem, from the raw daily files: the last 52 weeks (Monday
    // 2024-12-30 to Sunday 2025-12-28) of spend, and each channel's bounds 0.5–2× its mean.
    const spend = new Map<string, number>();
    for (const f of readdirSync(join(WORKSPACE, 'raw')).filter((n) => n.startsWith('campaign_spend_')))
      for (const line of readFileSync(join(WORKSPACE, 'raw', f), 'utf8').trim().split('\n').slice(1)) {
        const [date, channel, value] = line.split(',');
        if (date >= '2024-12-30' && date <= '2025-12-28') spend.set(channel, (spend.get(channel) ?? 0) + Number(value));
      }
    const budget = json('analysis/mmm_budget_optimization.json');
    const total = [...spend.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(budget.budget - total) / total).toBeLessThan(1e-9);
    expect(budget.horizon_periods).toBe(52);
    expect(budget.metadata.budget_rule).toMatch(/last 52 weeks.*between 0\.5× and 2×/);
    expect(budget.feasible).toBe(true);
    for (const c of channels) {
      const mean = spend.get(c)! / 52;
      expect(budget.constraints[c].min / mean).toBeCloseTo(0.5, 9);
      expect(budget.constraints[c].max / mean).toBeCloseTo(2, 9);
      const s = budget.optimal.spend_per_period[c];
      expect(s).toBeGreaterThanOrEqual(budget.constraints[c].min * (1 - 1e-9));
      expect(s).toBeLessThanOrEqual(budget.constraints[c].max * (1 + 1e-9));
    }
    expect(budget.lift).toHaveProperty('q05');
    expect(budget.scenarios.length).toBeGreaterThan(0);

    const html = readFileSync(join(dir, 'reports/mmm_executive_summary.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
    expect(html).toContain('2 lift tests calibrate the model (tv 2023-02-27..2023-04-23 and radio 2023-02-27..2023-04-23)');
    expect(html).toContain('raw/campaign_spend_google.csv');
    expect(html).toMatch(/Imputed cells<\/th><td>9 /);

    // Inputs unchanged, byte for byte; the only new files are the outputs.
    const after = files(dir);
    for (const [p, text] of before) expect(after.get(p), p).toBe(text);
    expect([...after.keys()].filter((p) => !before.has(p)).sort()).toEqual([...OUTPUTS].sort());
  }, 300_000);
});
