// How the calibration inputs become ModelSpec.lift_tests and ModelSpec.roas_priors. A lift test
// enters the model one of two ways:
//  - as a likelihood term (PyMC-Marketing; MODEL.md §6): |dys| ~ Gamma(mean |lift|, sd sigma);
//  - as a ROAS prior (Meridian's ROI prior; src/calibration/roas-prior.ts): LogNormal with the
//    test's ROAS delta_y / delta_x as mean and sigma / |delta_x| as sd, replacing the channel's
//    saturation_beta prior. Never both: the same experiment counted twice would count double.
// MTA-informed priors (src/calibration/mta-prior.ts) and priors saved with a model are further
// ROAS priors. The density takes at most one ROAS prior per channel (src/engine/mmm/validate.ts),
// so when several ask for one channel the first by rank wins — a lift test (an experiment) before
// a user's prior before an MTA credit (observational, click-path biased) — and each loser is
// explained: a lift test that loses becomes a likelihood term (it is still evidence, and as a
// likelihood term it does not double count the winner), any other loser is not applied.
import type { LiftTest, RoasPrior, RoasScope, UserError } from '../core/types';
import { roasPriorFromLiftTest } from './roas-prior';

/** How a lift test is used. */
export type TestUse = { as: 'likelihood' } | { as: 'roas_prior'; scope: RoasScope };

export const LIKELIHOOD: TestUse = { as: 'likelihood' };

/** What an input became in the spec. */
export type Outcome = 'likelihood' | 'roas_prior' | 'not_used' | 'not_applied';

export interface TestInput {
  key: string;
  test: LiftTest;
  used: boolean;
  use: TestUse;
}

export interface PriorInput {
  key: string;
  prior: RoasPrior;
  used: boolean;
  /** Where the prior was picked, for messages ("MTA-informed priors", "saved with the model"). */
  from: string;
}

export interface Assignment {
  lift_tests: LiftTest[];
  roas_priors: RoasPrior[];
  /** Per input key. */
  outcome: Map<string, Outcome>;
  /** Why an input did not become what was asked (warnings), per key and overall. */
  notes: Map<string, UserError>;
  issues: UserError[];
}

const RANK: Record<RoasPrior['source'], number> = { lift_test: 0, user: 1, mta: 2 };

/** The ROAS prior a lift test asks for, keeping the test's operating point for the calibration panel. */
export function testPrior(t: LiftTest, scope: RoasScope): RoasPrior | UserError {
  const p = roasPriorFromLiftTest(t, scope);
  if ('severity' in p) return p;
  // A 'window' prior does not need x and delta_x; kept so the panel can show the lift the model
  // implies at the test's spend (the density reads them only for scope 'test').
  return { ...p, x: t.x, delta_x: t.delta_x };
}

export function assignCalibration(tests: readonly TestInput[], priors: readonly PriorInput[]): Assignment {
  const out: Assignment = { lift_tests: [], roas_priors: [], outcome: new Map(), notes: new Map(), issues: [] };
  const note = (key: string, e: UserError) => {
    out.notes.set(key, e);
    out.issues.push(e);
  };
  type Candidate = { key: string; prior: RoasPrior; test?: LiftTest; order: number; from: string };
  const candidates: Candidate[] = [];
  const likelihood = new Set<string>();
  tests.forEach((t, order) => {
    if (!t.used) return void out.outcome.set(t.key, 'not_used');
    if (t.use.as === 'likelihood') return void likelihood.add(t.key);
    const p = testPrior(t.test, t.use.scope);
    if ('severity' in p) {
      likelihood.add(t.key);
      return note(t.key, { ...p, severity: 'warning', message: `lift test "${label(t.test)}" cannot be a ROAS prior: ${p.message}; it is used as a likelihood term`, hint: p.hint });
    }
    candidates.push({ key: t.key, prior: p, test: t.test, order, from: 'lift tests' });
  });
  priors.forEach((p, i) => {
    if (!p.used) return void out.outcome.set(p.key, 'not_used');
    candidates.push({ key: p.key, prior: p.prior, order: tests.length + i, from: p.from });
  });
  candidates.sort((a, b) => RANK[a.prior.source] - RANK[b.prior.source] || a.order - b.order);
  const winner = new Map<string, Candidate>();
  for (const c of candidates) {
    const w = winner.get(c.prior.channel);
    if (!w) {
      winner.set(c.prior.channel, c);
      out.outcome.set(c.key, 'roas_prior');
      continue;
    }
    if (c.test) {
      likelihood.add(c.key);
      note(c.key, {
        severity: 'warning',
        channel: c.prior.channel,
        message: `${c.prior.channel} already has a ROAS prior (${w.prior.label}); lift test "${label(c.test)}" is used as a likelihood term instead`,
        hint: 'A channel takes one ROAS prior. As a likelihood term the test still counts, once.',
      });
      continue;
    }
    out.outcome.set(c.key, 'not_applied');
    note(c.key, {
      severity: 'warning',
      channel: c.prior.channel,
      message: `${c.prior.label} for ${c.prior.channel} (${c.from}) is not applied: ${c.prior.channel}'s ROAS prior is ${w.prior.label}`,
      hint:
        w.prior.source === 'lift_test' && w.test
          ? `A channel takes one ROAS prior, and an experiment outranks ${c.prior.source === 'mta' ? 'journey credit' : 'it'}. To use both, set lift test "${label(w.test)}" to "likelihood term".`
          : 'A channel takes one ROAS prior: leave one of them out.',
    });
  }
  // Model order: tests in their list order, priors in channel order of first appearance.
  tests.forEach((t) => {
    if (!likelihood.has(t.key)) return;
    out.lift_tests.push(t.test);
    out.outcome.set(t.key, 'likelihood');
  });
  out.roas_priors = [...winner.values()].sort((a, b) => a.order - b.order).map((c) => c.prior);
  return out;
}

function label(t: LiftTest): string {
  return t.label ?? t.channel;
}

/** Same priors, same numbers, same order. */
export function samePriors(a: readonly RoasPrior[], b: readonly RoasPrior[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return p.channel === q.channel && p.mu === q.mu && p.sigma === q.sigma && p.scope === q.scope && p.x === q.x && p.delta_x === q.delta_x && p.label === q.label && p.source === q.source;
    })
  );
}
