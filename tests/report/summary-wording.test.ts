// The plain-language summary must be true for the run it describes. Over runs constructed
// from one real short fit (its gates, lift and intervals replaced), the wording rules:
// a reallocation is called an improvement only when the lift's 90% interval shown beside it
// lies above zero; no plan is recommended while a gate that affects the estimates fails;
// borderline R-hat / ESS / divergences are said before the numbers, with their values; a
// rank whose intervals overlap is said to be uncertain.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Estimate } from '../../src/core/types';
import type { Gate, GateStatus } from '../../src/diagnostics/gates';
import type { OptimizeSuccess } from '../../src/analysis/optimizer';
import { analyseForReport, renderExecutiveSummary, reportInput, type ReportInput } from '../../src/report';
import { summarySentences } from '../../src/report/sections/summary-text';
import { liftConfidence } from '../../src/report/sections/confidence';
import { fmtAmount } from '../../src/report/format';
import { shortFit } from './fixture';

let base: ReportInput;

beforeAll(async () => {
  const { idata } = await shortFit();
  const a = analyseForReport(idata);
  if ('errors' in a) throw new Error(JSON.stringify(a.errors));
  base = reportInput(idata, a, { target: 'revenue', created_at: '2026-01-01T00:00:00.000Z' });
  expect(base.budget?.result.feasible).toBe(true);
}, 300_000);

const est = (mean: number, q05: number, q95: number): Estimate => ({ mean, sd: (q95 - q05) / 3.29, q05, q50: mean, q95 });

/** The base run with every gate passing, then `status` applied (value, detail as a run would have them). */
function withGates(changes: Record<string, { status: GateStatus; value: number | null }> = {}): ReportInput {
  const gates: Record<string, Gate> = {};
  for (const [k, g] of Object.entries(base.diagnostics.gates)) {
    const c = changes[k];
    gates[k] = c ? { ...g, status: c.status, value: c.value, detail: `${k} ${c.value}`, action: c.status === 'pass' ? null : 'do something' } : { ...g, status: 'pass', action: null };
  }
  const provisional = Object.values(gates).some((g) => g.affects_estimates && g.status === 'fail');
  return { ...base, diagnostics: { ...base.diagnostics, gates, estimates_provisional: provisional } };
}

function withLift(r: ReportInput, lift: Estimate, p: number | null): ReportInput {
  const res = r.budget!.result as OptimizeSuccess;
  return { ...r, budget: { ...r.budget!, result: { ...res, lift, p_lift_positive: p } } };
}

const planOf = (s: string[]) => s.find((x) => /recommended split|No reallocation/.test(x))!;

describe('the budget sentence says only what the lift interval supports', () => {
  it('interval above zero: "raises", with P(lift > 0)', () => {
    const s = planOf(summarySentences(withLift(withGates(), est(630_400, 59_800, 1_220_000), 0.962)));
    expect(s).toMatch(/^Spending the same budget of .* with the recommended split raises expected revenue by 630.4k \(90% interval 59.8k to 1.22M\) against the current split \(probability of an improvement 96%\)\.$/);
  });

  it('interval includes a loss: "might raise", the loss and the low probability said', () => {
    const s = planOf(summarySentences(withLift(withGates(), est(11_410_000, -21_110_000, 46_160_000), 0.72)));
    expect(s).toContain('might raise expected revenue by 11.41M (90% interval -21.11M to 46.16M)');
    expect(s).toContain('that interval includes a loss and the probability of an improvement is only 72%');
    expect(s).toContain('not a confident case for reallocating');
    expect(s).not.toMatch(/\braises\b/);
  });

  it('an improvement less likely than not: not expected to beat the current split', () => {
    const s = planOf(summarySentences(withLift(withGates(), est(1000, -50_000, 40_000), 0.3)));
    expect(s).toContain('is not expected to beat the current split');
    expect(s).toContain('only 30%');
    expect(s).not.toMatch(/\braises\b/);
  });

  it('a negative lift is a loss: "might lower" by its magnitude, interval flipped', () => {
    const s = planOf(summarySentences(withLift(withGates(), est(-20_000, -60_000, 10_000), 0.2)));
    expect(s).toContain('might lower expected revenue by 20.0k (90% interval -10.0k to 60.0k)');
  });

  it('a failing gate that affects the estimates: no reallocation recommended', () => {
    const s = planOf(summarySentences(withLift(withGates({ r_hat: { status: 'fail', value: 1.2 } }), est(630_400, 59_800, 1_220_000), 0.99)));
    expect(s).toMatch(/^No reallocation is recommended while the diagnostics fail/);
    expect(s).toContain('these numbers are not reliable');
    expect(s).not.toMatch(/\braises\b/);
  });

  it('borderline gates: a confident plan is said subject to the caution', () => {
    const s = planOf(summarySentences(withLift(withGates({ ess_tail: { status: 'warn', value: 192 } }), est(630_400, 59_800, 1_220_000), 0.962)));
    expect(s).toMatch(/raises expected revenue .* subject to the caution on the sampler checks above\.$/);
  });

  it('a given budget the current split does not spend: not "the same budget", and the lift said to include the change of total', () => {
    const r = withLift(withGates(), est(630_400, 59_800, 1_220_000), 0.962);
    const res = r.budget!.result as OptimizeSuccess;
    const given = { ...r, budget: { ...r.budget!, result: { ...res, budget: res.budget * 1.25, current_feasible: false } } };
    const s = planOf(summarySentences(given));
    expect(s).toMatch(/^Spending a budget of [\d,.]+ over the next \d+ weeks with the recommended split raises/);
    expect(s).toContain(` The current split spends ${fmtAmount(res.current.total_spend)} over those weeks instead, so this lift includes the effect of changing the total, not only the split.`);
    expect(planOf(summarySentences(r))).toMatch(/^Spending the same budget of/);
  });

  it('never "raises" unless the shown interval lies above zero and no estimate gate fails (property)', () => {
    const statuses: GateStatus[] = ['pass', 'warn', 'fail'];
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        fc.constantFrom(...statuses),
        fc.constantFrom(...statuses),
        (mean, below, above, p, rhat, div) => {
          const r = withLift(withGates({ r_hat: { status: rhat, value: 1.02 }, divergences: { status: div, value: 3 } }), est(mean, mean - below, mean + above), p);
          const s = planOf(summarySentences(r));
          const confident = /\braises\b/.test(s);
          const failing = rhat === 'fail' || div === 'fail';
          expect(confident).toBe(!failing && liftConfidence(mean - below, p) === 'confident');
          if (confident) expect(mean - below).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the summary says when the diagnostics make the numbers unreliable, before the numbers', () => {
  it('all estimate gates pass: said last, in words', () => {
    const s = summarySentences(withGates());
    expect(s[s.length - 1]).toMatch(/^All readiness gates that affect the estimates pass \(chains agree, enough effective draws, no divergent transitions, the model covers the data\)\.$/);
    expect(s.join(' ')).not.toMatch(/CAUTION|PROVISIONAL/);
  });

  it('R-hat and divergences warn: CAUTION second, each with its number, intervals less certain', () => {
    const s = summarySentences(withGates({ r_hat: { status: 'warn', value: 1.0125 }, divergences: { status: 'warn', value: 3 } }));
    expect(s[1]).toMatch(/^CAUTION: the sampler checks are borderline: /);
    expect(s[1]).toContain('the chains disagree (R-hat up to 1.0125; 1.01 or less is wanted)');
    expect(s[1]).toContain('the sampler hit 3 divergent transitions');
    expect(s[1]).toContain('90% intervals are less certain than stated');
    expect(s.filter((x) => /^All readiness gates/.test(x))).toHaveLength(0);
  });

  it('ESS fails: PROVISIONAL second, naming the gate and its number', () => {
    const s = summarySentences(withGates({ ess_bulk: { status: 'fail', value: 42 }, pareto_k: { status: 'warn', value: 0.8 } }));
    expect(s[1]).toMatch(/^PROVISIONAL: the ess_bulk gate fails: too few effective draws for the averages \(as few as 42; over 400 wanted\)\. Contributions, ROAS and the budget plan below are not reliable/);
    expect(s[1]).toContain('Also flagged, without changing the estimates: leave-one-out checks are unreliable for some observations (Pareto k up to 0.80) (pareto_k warn)');
  });

  it('only efficiency gates flagged: the estimates pass, the flags said as not changing them', () => {
    const s = summarySentences(withGates({ tree_depth: { status: 'warn', value: 12 } }));
    expect(s[s.length - 1]).toMatch(/^All readiness gates that affect the estimates pass .* Also flagged, without changing the estimates: 12 sampler steps hit the maximum tree depth \(tree_depth warn\)\.$/);
  });
});

describe('a chain that failed and was left out', () => {
  const failed = (r: ReportInput): ReportInput => ({ ...r, metadata: { ...r.metadata, failed_chains: [{ chain: 1, error: 'chain 2: non-finite log density at initialisation' }] } });

  it('is said second, as a caution, with how many chains the estimates rest on', () => {
    const s = summarySentences(failed(withGates()));
    expect(s[1]).toMatch(/^CAUTION: the sampler checks are borderline: 1 of 2 chains failed and was left out \(chain 2: non-finite log density at initialisation\), so the estimates rest on 1 chain\. /);
    expect(planOf(summarySentences(withLift(failed(withGates()), est(630_400, 59_800, 1_220_000), 0.96)))).toMatch(/subject to the caution/);
  });

  it('is stated in the diagnostics section and the sampler table', () => {
    const doc = renderExecutiveSummary(failed(withGates()));
    expect(doc).toMatch(/<strong>1 of 2 chains failed and was left out \(chain 2: non-finite log density at initialisation\), so the estimates rest on 1 chain\.<\/strong>/);
    expect(doc).toContain('<tr><th scope="row">Chains used</th><td>1 of 2: 1 of 2 chains failed');
    expect(renderExecutiveSummary(withGates())).toContain('<tr><th scope="row">Chains used</th><td>all 2</td></tr>');
  });
});

describe('a rank is stated as certain only when the intervals do not overlap', () => {
  function withRoas(values: Array<[number, number, number]>): ReportInput {
    const r = withGates();
    return { ...r, roas: r.roas.map((x, i) => ({ ...x, roas: est(...values[i]) })) };
  }
  const roasOf = (r: ReportInput) => summarySentences(r).find((x) => x.startsWith('Return on ad spend'))!;

  it('separate intervals: no caveat; overlapping: the order is not certain', () => {
    expect(base.roas).toHaveLength(2);
    const clear = roasOf(withRoas([[5, 4.5, 5.6], [2, 1.5, 2.5]]));
    expect(clear).not.toContain('not certain');
    const close = roasOf(withRoas([[5, 3, 6], [4, 2.5, 5]]));
    expect(close).toMatch(/highest for (\w+).* The lead of \1 over (\w+) is not certain: their 90% intervals overlap\.$/);
  });

  it('a sentence never starts with a channel name (user text keeps its case: "search", not "Search")', () => {
    const lower = { ...withGates(), contributions: { ...base.contributions, channels: base.contributions.channels.map((ch) => ({ ...ch, channel: ch.channel.toLowerCase() })) } };
    for (const s of summarySentences(lower)) expect(s[0], s).toMatch(/[A-Z0-9]/);
    for (const s of summarySentences(withRoas([[5, 3, 6], [4, 2.5, 5]]))) for (const part of s.split(/(?<=\.) /)) expect(part[0], part).not.toMatch(/[a-z]/);
  });

  it('the top contributor: overlapping with the runner-up is said', () => {
    const r = withGates();
    const c = r.contributions;
    const close = { ...r, contributions: { ...c, channels: c.channels.map((ch, i) => ({ ...ch, contribution: i === 0 ? est(100, 80, 120) : est(90, 70, 110) })) } };
    const s = summarySentences(close).find((x) => x.includes('contributed the most'))!;
    expect(s).toContain(`Its lead over ${c.channels[1].channel} is not certain`);
    const apart = { ...r, contributions: { ...c, channels: c.channels.map((ch, i) => ({ ...ch, contribution: i === 0 ? est(100, 95, 105) : est(50, 45, 55) })) } };
    expect(summarySentences(apart).find((x) => x.includes('contributed the most'))).not.toContain('not certain');
  });
});
