import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  essBasic,
  essBulk,
  essTail,
  mcseMean,
  mcseQuantile,
  mcseSd,
  quantile,
  rhat,
  rhatBasic,
} from '../../src/diagnostics/index';
import { type RefValue, referenceDraws, referenceJson } from './reference';

type RefVars = Record<string, Record<string, RefValue | null>>;

const draws = referenceDraws();
const shared = referenceJson<{ variables: RefVars }>('reference_posterior.json').variables;
// Full-precision output of posterior 1.4.0 itself on draws.csv (golden/make-posterior-golden.R).
const golden = (
  JSON.parse(readFileSync(new URL('./golden/posterior-1.4.0.json', import.meta.url), 'utf8')) as { variables: RefVars }
).variables;

// Known issue in the shared reference, with the reason: its cauchy rhat (0.9999502814102)
// is not what posterior 1.4.0 returns on draws.csv. Debian's r-cran-posterior 1.4.0 gives
// 0.99995601762429 (bulk 0.999494057, folded 0.999956018) — our value to all 15 digits.
// That entry is checked against the golden file instead.
const KNOWN_SHARED_ISSUES = new Set(['cauchy.rhat']);

// Relative tolerances: R-hat/ESS/MCSE of mean and sd are the same arithmetic as R up to
// summation order (~1e-13 seen); quantiles are exact type-7 interpolation; MCSE of
// quantiles picks two order statistics from a qbeta, so it is exact unless qbeta's 1e-14
// error crosses an integer — it does not here.
const TOL: Record<string, number> = {
  rhat: 1e-6, rhat_basic: 1e-6, ess_bulk: 1e-6, ess_tail: 1e-6, ess_basic: 1e-6,
  mcse_mean: 1e-6, mcse_sd: 1e-6, q5: 1e-12, q95: 1e-12, mcse_q5: 1e-9, mcse_q95: 1e-9,
};

function compute(chains: Float64Array[]): Record<string, number> {
  const all = chains.flatMap((c) => Array.from(c));
  return {
    rhat: rhat(chains), rhat_basic: rhatBasic(chains), ess_bulk: essBulk(chains), ess_tail: essTail(chains),
    ess_basic: essBasic(chains), mcse_mean: mcseMean(chains), mcse_sd: mcseSd(chains),
    q5: quantile(all, 0.05), q95: quantile(all, 0.95),
    mcse_q5: mcseQuantile(chains, 0.05), mcse_q95: mcseQuantile(chains, 0.95),
  };
}

function check(actual: number, expected: RefValue | null | undefined, rel: number, label: string): void {
  if (expected === 'NA' || expected === null) {
    expect(Number.isNaN(actual), `${label} should be NA (NaN), got ${actual}`).toBe(true);
  } else if (expected === 0) {
    expect(actual, label).toBe(0);
  } else {
    const e = expected as number;
    expect(Math.abs(actual - e) / Math.abs(e), `${label}: ${actual} vs R ${e}`).toBeLessThan(rel);
  }
}

describe('convergence diagnostics match R posterior 1.4.0 on the reference draws', () => {
  it('covers every reference variable', () => {
    expect([...draws.keys()].sort()).toEqual(Object.keys(shared).sort());
    expect(Object.keys(golden).sort()).toEqual(Object.keys(shared).sort());
  });
  for (const [name, chains] of draws) {
    it(`${name}: every statistic against reference_posterior.json and the golden file`, () => {
      const got = compute(chains);
      for (const [stat, rel] of Object.entries(TOL)) {
        check(got[stat], golden[name][stat], rel, `${name}.${stat} (golden)`);
        if (!KNOWN_SHARED_ISSUES.has(`${name}.${stat}`)) check(got[stat], shared[name][stat], rel, `${name}.${stat}`);
      }
    });
  }
  it('the known issue is real: the shared cauchy rhat differs from posterior 1.4.0 by more than 1e-6', () => {
    const s = shared.cauchy.rhat as number;
    const g = golden.cauchy.rhat as number;
    expect(Math.abs(s - g) / g).toBeGreaterThan(1e-6);
  });
});
