// `carryover report RUN_DIR` through the built bundle (npm run build:cli): on a tiny fit of
// PyMC-Marketing's example (2 × (100 + 100)) it writes the outputs `carryover run` writes for a
// workspace, equal to run's functions called directly on the same inference_data.json; the
// report names the channels and loads nothing from the network; --out, --min/--max, an
// infeasible budget (exit 3) and a calibrated run; on a workspace's analysis/ it rewrites
// `run`'s JSON outputs byte for byte; and every bad run directory is a message with the file
// and what to do, exit 1 or 2, nothing written, no stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedPath } from '../helpers/csv-dataset';
import { analyseForReport, DEFAULT_BUDGET } from '../../src/report';
import { channelContributionsJson } from '../../src/analysis/outputs/channel-contributions';
import { budgetOptimizationJson } from '../../src/analysis/outputs/budget-optimization';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { writeAnalysisOutputs } from '../../src/cli/commands/run';
import type { InferenceData } from '../../src/core/types';

const BIN = resolve(__dirname, '../../bin/carryover.mjs');
const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const ROLES = ['--date', 'date_week', '--target', 'y', '--channels', 'x1,x2', '--controls', 'event_1,event_2,t'];
const TINY = ['--chains', '2', '--warmup', '100', '--draws', '100', '--seed', '5', '--quiet', '--workers', '1'];
const OUTPUTS = ['mmm_channel_contributions.json', 'mmm_budget_optimization.json', 'mmm_diagnostics.json', 'reports/mmm_executive_summary.html'];

const root = mkdtempSync(join(tmpdir(), 'carryover-report-'));
const plain = join(root, 'plain');
const calibrated = join(root, 'calibrated');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function carryover(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const idataOf = (dir: string): InferenceData => readJson(join(dir, 'inference_data.json'));

/** The diagnostics without the two fields that differ between two computations of it: its time stamp and duration. */
const untimed = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x), (k, v) => (k === 'created_at' || k === 'diagnostics_seconds' ? undefined : v));

/** Every file under `dir` with its bytes, to show a command changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string, rel: string) => {
    if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => walk(join(p, e), rel ? `${rel}/${e}` : e));
    else out.set(rel, readFileSync(p, 'latin1'));
  };
  walk(dir, '');
  return out;
}

/** A message for the user, not a crash: no stack frame, no "TypeError" and the like. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+[:(]/);
  expect(stderr).not.toMatch(/\b(Type|Range|Reference|Syntax)Error\b/);
}

beforeAll(() => {
  const a = carryover(['fit', EXAMPLE, ...ROLES, ...TINY, '--out', plain]);
  expect(a.code, a.stderr).toBe(0);
  const lift = join(root, 'lift.csv');
  writeFileSync(lift, 'channel,x,delta_x,delta_y,sigma\nx1,0.3,0.06,300,30\n');
  const b = carryover(['fit', EXAMPLE, ...ROLES, ...TINY, '--lift-tests', lift, '--out', calibrated]);
  expect(b.code, b.stderr).toBe(0);
}, 200_000);

describe('carryover report on a `carryover fit` run directory', () => {
  it('writes the outputs into the run directory, keeps fit\'s mmm_diagnostics.json and changes none of the run\'s files', () => {
    const before = snapshot(plain);
    const r = carryover(['report', plain]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of OUTPUTS) expect(existsSync(join(plain, f)), f).toBe(true);
    const after = snapshot(plain);
    // inference_data.json, summary.json and fit's mmm_diagnostics.json are byte-identical.
    for (const [rel, bytes] of before) expect(after.get(rel) === bytes, rel).toBe(true);
    expect(r.stderr).toMatch(/kept the mmm_diagnostics\.json already in/);
  }, 60_000);

  it('the JSON outputs equal run\'s functions called on the same inference_data.json', () => {
    const idata = idataOf(plain);
    const T = idata.observed_data.y.length;
    // `carryover run`'s default problem: DEFAULT_BUDGET over min(52, T) periods.
    const a = analyseForReport(idata, { budget: { ...DEFAULT_BUDGET, horizon: Math.min(52, T) } });
    if ('errors' in a) throw new Error(JSON.stringify(a.errors));
    const contributions = channelContributionsJson(idata.attrs, a.analysis, idata.coords.date?.map(String));
    expect(readJson(join(plain, 'mmm_channel_contributions.json'))).toEqual(JSON.parse(JSON.stringify(contributions)));
    const b = a.budget!;
    const budget = budgetOptimizationJson({ ...idata.attrs, budget_rule: b.rule }, b.result, b.scenarios);
    expect(readJson(join(plain, 'mmm_budget_optimization.json'))).toEqual(JSON.parse(JSON.stringify(budget)));
    expect(budget.feasible).toBe(true);
    // And run's own writer gives the same bytes for both files.
    const dir = join(root, 'direct');
    const to = { diagnostics: join(dir, 'd.json'), contributions: join(dir, 'c.json'), budget: join(dir, 'b.json'), report: join(dir, 'r.html') };
    writeAnalysisOutputs(idata, a, to, { target: 'y', sources: ['mmm_example'] });
    expect(readFileSync(to.contributions, 'utf8')).toBe(readFileSync(join(plain, 'mmm_channel_contributions.json'), 'utf8'));
    expect(readFileSync(to.budget, 'utf8')).toBe(readFileSync(join(plain, 'mmm_budget_optimization.json'), 'utf8'));
    expect(untimed(readJson(to.diagnostics))).toEqual(untimed(buildDiagnostics(idata)));
  }, 60_000);

  it('the report names the channels, the outcome and the dataset from the run, and loads nothing from the network', () => {
    const page = readFileSync(join(plain, 'reports/mmm_executive_summary.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    for (const c of ['x1', 'x2']) expect(page).toMatch(new RegExp(`>${c}<`));
    expect(page).toMatch(/<th scope="row">Outcome<\/th><td>y<\/td>/);
    expect(page).toMatch(/<th scope="row">Dataset<\/th><td>mmm_example<\/td>/);
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<(script|img|link|iframe)\b[^>]*\b(src|href)=/i);
  });

  it('--out writes every output there, mmm_diagnostics.json included, and nothing into the run directory', () => {
    const before = snapshot(calibrated);
    const out = join(root, 'out-a', 'nested');
    const r = carryover(['report', calibrated, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of OUTPUTS) expect(existsSync(join(out, f)), f).toBe(true);
    expect(snapshot(calibrated)).toEqual(before);
    expect(untimed(readJson(join(out, 'mmm_diagnostics.json')))).toEqual(untimed(buildDiagnostics(idataOf(calibrated))));
  }, 60_000);

  it('a calibrated run: the report shows its lift test against the model', () => {
    const out = join(root, 'out-a', 'nested');
    const page = readFileSync(join(out, 'reports/mmm_executive_summary.html'), 'utf8');
    const test = idataOf(calibrated).attrs.model.lift_tests[0];
    expect(page).toMatch(/data-testid="lift-agreement"/);
    expect(page).toContain(`<th scope="row">${test.label}</th><td>x1</td>`);
  });

  it('--min and --max replace the default bounds of their channels; the plan keeps them', () => {
    const out = join(root, 'bounds');
    const r = carryover(['report', plain, '--out', out, '--min', 'x1=0.9x', '--max', 'x2=0.1']);
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(join(out, 'mmm_budget_optimization.json'));
    const cur = j.current.spend_per_period;
    const opt = j.optimal.spend_per_period;
    expect(j.constraints.x1.min).toBeCloseTo(0.9 * cur.x1, 12);
    expect(j.constraints.x1.max).toBeCloseTo(2 * cur.x1, 12); // default kept
    expect(j.constraints.x2.min).toBeCloseTo(0.5 * cur.x2, 12); // default kept
    expect(j.constraints.x2.max).toBe(0.1);
    expect(opt.x1).toBeGreaterThanOrEqual(0.9 * cur.x1 * (1 - 1e-9));
    expect(opt.x2).toBeLessThanOrEqual(0.1 * (1 + 1e-9));
    expect(j.metadata.budget_rule).toMatch(/x1 at least 0\.9× its mean spend per week; x2 at most 0\.1 per week/);
  }, 60_000);

  it('a budget no plan can meet: exit 3, the files still written, saying why', () => {
    const out = join(root, 'infeasible');
    const r = carryover(['report', plain, '--out', out, '--budget', '0.001']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/no budget plan meets the constraints: the minimums/);
    const j = readJson(join(out, 'mmm_budget_optimization.json'));
    expect(j.feasible).toBe(false);
    expect(j.reason).toMatch(/more than the budget/);
    expect(readFileSync(join(out, 'reports/mmm_executive_summary.html'), 'utf8')).toMatch(/No plan meets all the constraints/);
    expect(existsSync(join(out, 'mmm_channel_contributions.json'))).toBe(true);
  }, 60_000);
});

describe('carryover report on a workspace\'s analysis/ (written by `carryover run`)', () => {
  it('rewrites run\'s JSON outputs byte for byte and puts the report in the workspace\'s reports/, listing its files', () => {
    const ws = join(root, 'workspace');
    cpSync(sharedPath('data/synthetic/dev_workspace_hill'), ws, { recursive: true });
    const writable = (p: string) => {
      chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
      if (statSync(p).isDirectory()) readdirSync(p).forEach((e) => writable(join(p, e)));
    };
    writable(ws);
    const fitted = carryover(['run', ws, ...TINY]);
    expect(fitted.code, fitted.stderr).toBe(0);
    const byRun = snapshot(ws);
    rmSync(join(ws, 'reports'), { recursive: true });
    const r = carryover(['report', join(ws, 'analysis')]);
    expect(r.code, r.stderr).toBe(0);
    const byReport = snapshot(ws);
    // Every file `run` wrote is there again, the JSON outputs with the same bytes (same idata, same functions).
    expect([...byReport.keys()].sort()).toEqual([...byRun.keys()].sort());
    for (const f of ['inference_data.json', 'summary.json', 'mmm_diagnostics.json', 'mmm_channel_contributions.json', 'mmm_budget_optimization.json'])
      expect(byReport.get(`analysis/${f}`) === byRun.get(`analysis/${f}`), f).toBe(true);
    const page = byReport.get('reports/mmm_executive_summary.html')!;
    const files = ['raw/campaign_spend_google.csv', 'raw/conversions.csv', 'raw/external_factors.csv', 'analysis/incrementality_results.json'];
    for (const f of files) expect(page).toContain(`<code>${f}</code>`);
    expect(page).toMatch(/<th scope="row">Outcome<\/th><td>revenue<\/td>/);
  }, 120_000);
});

describe('carryover report: bad input', () => {
  /** The command fails with `code`, names `what`, writes nothing and prints no stack. */
  function fails(args: string[], code: number, what: RegExp, dir?: string) {
    const before = dir ? snapshot(dir) : null;
    const r = carryover(['report', ...args]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(what);
    expectNoStack(r.stderr);
    if (dir) expect(snapshot(dir)).toEqual(before);
    return r;
  }

  it('a missing directory, a folder that is not a run, options', () => {
    fails([join(root, 'no-such-run')], 1, /no-such-run does not exist.*carryover fit/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    fails([empty], 1, /empty\/inference_data\.json is missing.*carryover fit/, empty);
    fails([], 2, /exactly one RUN_DIR/);
    fails([plain, '--budget', '-1'], 2, /--budget must be at least 0/);
    fails([plain, '--frobnicate'], 2, /unknown option --frobnicate/);
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'x');
    fails([plain, '--out', blocker], 1, /a-file: cannot write the output folder: a file of that name is in the way.*--out/, plain);
  });

  it('a channel the run does not have, a horizon longer than the data', () => {
    fails([plain, '--min', 'tv=0.5x'], 2, /channel "tv".*--min names a channel this run does not have.*x1, x2/);
    fails([plain, '--horizon', '500'], 2, /--horizon 500 is longer than the run's data \(179 weeks\)/);
  });

  it('a truncated inference_data.json, one that is not a run, a geo run', () => {
    const text = readFileSync(join(plain, 'inference_data.json'), 'utf8');
    const cut = join(root, 'cut');
    mkdirSync(cut);
    writeFileSync(join(cut, 'inference_data.json'), text.slice(0, 5000));
    fails([cut], 1, /cut\/inference_data\.json is not valid JSON.*truncated/, cut);

    const other = join(root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'inference_data.json'), JSON.stringify({ rows: [1, 2, 3] }));
    fails([other], 1, /other\/inference_data\.json/, other);

    // A hierarchical run from elsewhere: spend per geo, a geo coordinate.
    const idata = JSON.parse(text);
    idata.coords.geo = ['north', 'south'];
    idata.dims.spend = ['geo', 'date', 'channel'];
    idata.constant_data.spend = [idata.constant_data.spend, idata.constant_data.spend];
    const geo = join(root, 'geo');
    mkdirSync(geo);
    writeFileSync(join(geo, 'inference_data.json'), JSON.stringify(idata));
    fails([geo], 1, /geo\/inference_data\.json.*fitted per geo.*"geo" dimension.*summed to national level/, geo);
  });

  it('the command is listed in carryover --help', () => {
    const r = carryover(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}report +write the contributions, budget and diagnostics JSON and the executive report/);
  });
});
