// The prior-sensitivity check reuses the base run's PSIS-LOO when it is given (the studio's
// Diagnostics worker computes it once per run; the Checks section keeps it between checks)
// instead of recomputing it on every check, and reusing it changes no number: the result
// equals the one computed from scratch. psisLoo calls are counted as in
// tests/app/diagnostics/diagnosed-run.test.ts. Fixture: the committed v1 run (2 chains × 4
// draws, 12 weeks) — small, since only the bookkeeping is under test here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ psisLoo: 0 }));
vi.mock('../../src/diagnostics/loo', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/diagnostics/loo')>();
  return {
    ...real,
    psisLoo: (...args: Parameters<typeof real.psisLoo>) => {
      calls.psisLoo++;
      return real.psisLoo(...args);
    },
  };
});

import { pointwiseLoo, refitHealth, runSettings, sensitivityKeepingLoo, sensitivityResult } from '../../src/checks';
import type { RunRecord } from '../../src/store';

const run = (JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord).inference_data;
/** A stand-in for the vague refit: the run with every pointwise log-likelihood shifted, so its LOO differs. */
const vague = structuredClone(run);
vague.log_likelihood!.y = (run.log_likelihood!.y as number[][][]).map((c) => c.map((d) => d.map((v, t) => v - 0.05 * (t % 3))));
const opts = { factor: 10, userFit: 'run' as const, settings: runSettings(run), userWallMs: null, vagueWallMs: 1 };

describe('sensitivity with the run’s PSIS-LOO given', () => {
  beforeEach(() => {
    calls.psisLoo = 0;
  });

  it('computes only the vague fit’s LOO, and the result equals the one from scratch', () => {
    const runElpd = pointwiseLoo(run)!;
    expect(runElpd.length).toBe(12);
    calls.psisLoo = 0;
    const reused = sensitivityResult(run, vague, { ...opts, runElpd });
    expect(calls.psisLoo).toBe(1);
    calls.psisLoo = 0;
    const scratch = sensitivityResult(run, vague, opts);
    // From scratch: the run's and the vague refit's (shared by the refit's gates and the
    // comparison; it used to be computed twice, 3 calls in all).
    expect(calls.psisLoo).toBe(2);
    expect(reused).toEqual(scratch);
    expect(reused.comparison).not.toBeNull();
    expect(reused.comparison!.some((r) => r.elpd_diff !== 0)).toBe(true);
  });

  it('keeps it across checks: the first computes the run’s LOO and hands it back, the next ones reuse it', () => {
    const first = sensitivityKeepingLoo(run, vague, opts);
    expect(calls.psisLoo).toBe(2); // the run's and the vague refit's
    expect(first.runElpd).toEqual(pointwiseLoo(run));
    calls.psisLoo = 0;
    for (let i = 0; i < 3; i++) {
      const next = sensitivityKeepingLoo(run, vague, { ...opts, runElpd: first.runElpd });
      expect(next.result).toEqual(first.result);
      expect(next.runElpd).toBe(first.runElpd);
    }
    expect(calls.psisLoo).toBe(3); // one per check: the vague refit's only
  });

  it('ignores it when the user fit is a refit (another fit) or when it does not match the run’s observations', () => {
    const runElpd = pointwiseLoo(run)!;
    calls.psisLoo = 0;
    const refit = sensitivityKeepingLoo(run, vague, { ...opts, userFit: 'refit', runElpd });
    expect(calls.psisLoo).toBe(2);
    expect(refit.runElpd).toBeNull();
    // Sharing each refit's LOO between its gates and the comparison changes no gate.
    expect(refit.result.refits.vague).toEqual(refitHealth(vague, 1));
    expect(refit.result.refits.user).toEqual(refitHealth(run, null));
    calls.psisLoo = 0;
    const short = sensitivityResult(run, vague, { ...opts, runElpd: runElpd.subarray(0, 5) });
    expect(calls.psisLoo).toBe(2);
    expect(short).toEqual(sensitivityResult(run, vague, opts));
  });
});
