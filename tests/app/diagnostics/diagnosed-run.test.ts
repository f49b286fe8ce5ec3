// The diagnostics worker computes PSIS-LOO once per run for both the report and the plot
// data (it used to run it twice whenever the Diagnostics or Results view opened a run), and
// sharing it changes no number: the report and the plot data equal those computed apart.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ psisLoo: 0 }));
vi.mock('../../../src/diagnostics/loo', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/diagnostics/loo')>();
  return {
    ...real,
    psisLoo: (...args: Parameters<typeof real.psisLoo>) => {
      calls.psisLoo++;
      return real.psisLoo(...args);
    },
  };
});

import { runDetails } from '../../../src/app/diagnostics/compute';
import { DiagnosedRun } from '../../../src/app/diagnostics/diagnosed-run';
import { buildDiagnostics } from '../../../src/diagnostics';
import { makeIdata } from '../../diagnostics/fixtures';

/** The report without its clock-dependent fields. */
const stable = (r: ReturnType<typeof buildDiagnostics>) => ({ ...r, metadata: { ...r.metadata, created_at: '' }, timings: {} });

describe('DiagnosedRun', () => {
  beforeEach(() => {
    calls.psisLoo = 0;
  });
  const idata = makeIdata({ chains: 4, draws: 100, nObs: 30, seed: 11, divergent: 3, dataSd: 1.5 });

  it('report then details: one PSIS-LOO', () => {
    const run = new DiagnosedRun(idata);
    run.report();
    run.details();
    run.report();
    expect(calls.psisLoo).toBe(1);
  });

  it('shares it without changing a number (vs the report and plot data computed apart)', () => {
    const run = new DiagnosedRun(idata);
    const shared = { report: run.report(), details: run.details() };
    calls.psisLoo = 0;
    const apart = { report: buildDiagnostics(idata), details: runDetails(idata) };
    expect(calls.psisLoo).toBe(2); // the old way: once each
    expect(stable(shared.report)).toEqual(stable(apart.report));
    expect(shared.details).toEqual(apart.details);
    expect(shared.report.loo.elpd).not.toBeNull();
    expect(shared.details.loo!.pareto_k.length).toBe(30);
  });

  it('a run without log_likelihood: no LOO anywhere, nothing computed', () => {
    const { log_likelihood: _, ...bare } = idata;
    const run = new DiagnosedRun(bare as typeof idata);
    expect(run.loo()).toBeNull();
    expect(run.report().loo.elpd).toBeNull();
    expect(run.details().loo).toBeNull();
    expect(calls.psisLoo).toBe(0);
  });
});
