// Opening Optimize no longer builds a full diagnostics report with PSIS-LOO: its banner needs
// only the gates that affect the estimates (R-hat, ESS, divergences, predictive coverage;
// Pareto k does not), so they are computed without LOO, or taken from the Diagnostics worker's
// report of the run when the studio has it. The executive summary embeds the full report: the
// given one, else one built once (LOO included) on the first download. psisLoo and
// buildDiagnostics calls are counted as in tests/app/diagnostics/diagnosed-run.test.ts, and the
// numbers are checked against the full report computed apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ psisLoo: 0, buildDiagnostics: 0 }));
vi.mock('../../../src/diagnostics/loo', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/diagnostics/loo')>();
  return { ...real, psisLoo: (...a: Parameters<typeof real.psisLoo>) => (calls.psisLoo++, real.psisLoo(...a)) };
});
vi.mock('../../../src/diagnostics/report', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/diagnostics/report')>();
  return { ...real, buildDiagnostics: (...a: Parameters<typeof real.buildDiagnostics>) => (calls.buildDiagnostics++, real.buildDiagnostics(...a)) };
});

import { describeProblem } from '../../../src/app/optimize/describe';
import { OptimizeEngine, type PlanRequest } from '../../../src/app/optimize/engine';
import { defaultForm, problemFromForm, recentSpend } from '../../../src/app/optimize/form';
import { readinessOf } from '../../../src/app/optimize/readiness';
import { reportFile } from '../../../src/app/optimize/report-file';
import { buildDiagnostics } from '../../../src/diagnostics/report';
import type { RunRecord } from '../../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const idata = run.inference_data;
const N = 12;
const cur = recentSpend(idata, N);
const full = buildDiagnostics(idata, { now: new Date(0) });
// The fixture's chains are short: coverage passes or fails on its own, ESS fails; either way
// the banner must say what the full report says.
const expected = readinessOf(full);

function request(): PlanRequest {
  const c = problemFromForm(defaultForm(['x1', 'x2'], cur, N), cur, 'week');
  if (!c.ok) throw new Error(c.errors[0].message);
  return { problem: c.problem, objective: c.objective };
}
const extras = (req: PlanRequest) => ({ target: 'y', sources: [], notes: [], rule: describeProblem(req.problem, req.objective, ['x1', 'x2'], 'week', N) });
/** The LOO row of the report's diagnostics table (src/report/sections/diagnostics.ts). */
const looRow = (html: string) => /PSIS-LOO elpd[^\n]*/.exec(html)?.[0] ?? '';

describe('Optimize and the run’s diagnostics', () => {
  beforeEach(() => {
    calls.psisLoo = 0;
    calls.buildDiagnostics = 0;
  });

  it('opening a run computes the gates without PSIS-LOO, and the banner equals the full report’s', () => {
    const engine = new OptimizeEngine();
    const loaded = engine.load(idata);
    expect(calls.psisLoo).toBe(0);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.readiness).toEqual(expected);
    expect(expected.failing.length).toBeGreaterThan(0); // not a vacuous equality
    expect(full.loo.elpd).not.toBeNull();
  });

  it('with the Diagnostics worker’s report: nothing is recomputed, neither at open nor for the report', () => {
    const engine = new OptimizeEngine();
    const loaded = engine.load(idata, full);
    expect(calls).toEqual({ psisLoo: 0, buildDiagnostics: 0 });
    if (loaded.ok) expect(loaded.value.readiness).toEqual(expected);
    const req = request();
    const html = reportFile(engine, req, [], extras(req));
    if ('errors' in html) throw new Error(html.errors[0].message);
    expect(calls).toEqual({ psisLoo: 0, buildDiagnostics: 0 });
    expect(looRow(html.text)).toContain('(± ');
  });

  it('without it: the first report download builds the full report once (one PSIS-LOO), later downloads reuse it', () => {
    const engine = new OptimizeEngine();
    engine.load(idata);
    const req = request();
    calls.psisLoo = 0;
    const first = reportFile(engine, req, [], extras(req));
    const second = reportFile(engine, req, [], extras(req));
    expect(calls.psisLoo).toBe(1);
    if ('errors' in first || 'errors' in second) throw new Error('report failed');
    // Same LOO numbers as the report built apart from the run.
    const apart = reportFile((() => { const e = new OptimizeEngine(); e.load(idata, full); return e; })(), req, [], extras(req));
    if ('errors' in apart) throw new Error('report failed');
    expect(looRow(first.text)).toMatch(/\d.*\(± /);
    expect(looRow(first.text)).toBe(looRow(apart.text));
    expect(looRow(second.text)).toBe(looRow(first.text));
  });

  it('a report that arrives after the open is used for the download', () => {
    const engine = new OptimizeEngine();
    engine.load(idata);
    const req = request();
    calls.psisLoo = 0;
    const out = reportFile(engine, req, [], { ...extras(req), diagnostics: full });
    expect(calls.psisLoo).toBe(0);
    expect('errors' in out).toBe(false);
  });
});
