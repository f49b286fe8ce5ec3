// The Optimize step's form (src/app/optimize/form.ts): its defaults are the (budget =
// the last N periods' spend, horizon 52 weeks, 0.5–2× bounds), its "current spend" is
// bit-identical to the optimizer's, and its validation agrees with the analysis's own
// constraint checks on every generated form: what the form lets through, channelBounds
// accepts, and what the form stops at a channel, channelBounds rejects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelBounds, type ChannelConstraint } from '../../../src/analysis/constraints';
import { PlanResponse } from '../../../src/analysis/plan-response';
import { posteriorFromInferenceData } from '../../../src/analysis/posterior';
import { budgetFor, defaultForm, defaultHorizon, maxHorizon, problemFromForm, recentSpend, type BoundMode, type ChannelForm, type OptimizeForm } from '../../../src/app/optimize/form';
import type { RunRecord } from '../../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const idata = run.inference_data;
const read = posteriorFromInferenceData(idata);
if ('errors' in read) throw new Error(read.errors.map((e) => e.message).join('\n'));
const post = read;

describe('defaults', () => {
  it('horizon: 52 weeks or 91 days, at most the data length', () => {
    expect(defaultHorizon('week', 179)).toBe(52);
    expect(defaultHorizon('day', 800)).toBe(91);
    expect(defaultHorizon('week', 12)).toBe(12);
    expect(defaultHorizon('day', 30)).toBe(30);
  });

  it('current spend per period equals the optimizer’s bit for bit, for horizons inside and beyond the data', () => {
    for (const N of [1, 5, 12, 52]) {
      const resp = new PlanResponse(post.data, post.spec, post.draws, N);
      expect(Array.from(recentSpend(idata, N))).toEqual(Array.from(resp.current));
    }
  });

  it('current spend is the mean of the last N rows of constant_data.spend (hand computation)', () => {
    const rows = idata.constant_data.spend;
    const mean = (j: number, N: number) => rows.slice(-N).reduce((s, r) => s + r[j], 0) / N;
    const got = recentSpend(idata, 4);
    expect(got[0]).toBeCloseTo(mean(0, 4), 9);
    expect(got[1]).toBeCloseTo(mean(1, 4), 9);
  });

  it('the default budget is the last N periods’ spend and bounds are 0.5× to 2× current', () => {
    const cur = recentSpend(idata, 12);
    const f = defaultForm(['x1', 'x2'], cur, 12);
    const total = idata.constant_data.spend.reduce((s, r) => s + r[0] + r[1], 0);
    expect(f.budget).toBeCloseTo(total, 6);
    const c = problemFromForm(f, cur, 'week');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.problem).toEqual({
      budget: f.budget,
      horizon: 12,
      constraints: { x1: { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } }, x2: { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } } },
    });
    expect(c.objective).toBe('mean');
    expect(budgetFor([1, 2.5], 4)).toBe(14);
  });
});

describe('validation messages', () => {
  const cur = Float64Array.of(100, 50);
  const base = (): OptimizeForm => defaultForm(['tv', 'search'], cur, 52);
  const errorsOf = (f: OptimizeForm) => {
    const c = problemFromForm(f, cur, 'week');
    return c.ok ? [] : c.errors;
  };

  it('names each impossible input and what to do', () => {
    const f = base();
    f.budget = null;
    expect(errorsOf(f).map((e) => e.message)).toEqual(['Enter the total budget for the horizon.']);
    f.budget = -5;
    expect(errorsOf(f)[0].message).toMatch(/cannot be negative/);
    f.budget = 1000;
    for (const h of [0, 2.5, 521, Number.NaN]) {
      f.horizon = h;
      expect(errorsOf(f)[0].message, String(h)).toMatch(/horizon/i);
      expect(errorsOf(f)[0].hint).toBeTruthy();
    }
  });

  it("the horizon is at most the run's data length, as in carryover optimize", () => {
    const f = base();
    expect(maxHorizon(156)).toBe(156);
    expect(maxHorizon(2000)).toBe(520);
    f.horizon = 156;
    expect(problemFromForm(f, cur, 'week', maxHorizon(156)).ok).toBe(true);
    f.horizon = 157;
    const c = problemFromForm(f, cur, 'week', maxHorizon(156));
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors[0].message).toBe('The horizon must be a whole number of weeks from 1 to 156 (got 157).');
    expect(c.errors[0].hint).toMatch(/data covers 156 weeks/);
  });

  it('a bound without a value, a negative bound, and a minimum above the maximum are channel errors', () => {
    const f = base();
    f.channels[0].min = null;
    expect(errorsOf(f)).toMatchObject([{ channel: 'tv', message: expect.stringMatching(/enter the minimum/) }]);
    f.channels[0].min = -1;
    expect(errorsOf(f)).toMatchObject([{ channel: 'tv', message: expect.stringMatching(/cannot be negative/) }]);
    // 80 per week absolute against 0.5 × 100 = 50 per week relative.
    f.channels[0] = { ...f.channels[0], minMode: 'absolute', min: 80, maxMode: 'relative', max: 0.5 };
    expect(errorsOf(f)).toMatchObject([{ channel: 'tv', message: 'the minimum (80 per week) is above the maximum (50 per week)' }]);
  });

  it('a fixed channel ignores its bound fields; "none" ignores an empty value', () => {
    const f = base();
    f.channels[0] = { ...f.channels[0], fixed: true, min: -3, max: null };
    f.channels[1] = { ...f.channels[1], maxMode: 'none', max: null };
    const c = problemFromForm(f, cur, 'week');
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.problem.constraints).toEqual({ tv: { fixed: true }, search: { min: { value: 0.5, relative: true } } });
  });
});

describe('the form and the analysis agree on what is a valid channel constraint', () => {
  const mode = fc.constantFrom<BoundMode>('none', 'absolute', 'relative');
  const value = fc.oneof(fc.constant(null), fc.double({ min: -5, max: 400, noNaN: true }), fc.constant(Number.NaN));
  const channel = (name: string) =>
    fc.record({ channel: fc.constant(name), minMode: mode, min: value, maxMode: mode, max: value, fixed: fc.boolean() }) as fc.Arbitrary<ChannelForm>;
  const form = fc.record({
    budget: fc.double({ min: 0, max: 1e5, noNaN: true }),
    budgetAuto: fc.constant(false),
    horizon: fc.integer({ min: 1, max: 520 }),
    objective: fc.constantFrom('mean' as const, 'q05' as const),
    channels: fc.tuple(channel('a'), channel('b'), channel('c')),
  });
  const current = fc.tuple(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }));

  it('problemFromForm ok ⇔ channelBounds feasible (3,000 generated forms)', () => {
    fc.assert(
      fc.property(form, current, (f, cur) => {
        const check = problemFromForm(f as OptimizeForm, cur, 'week');
        if (check.ok) {
          expect(channelBounds(['a', 'b', 'c'], cur, check.problem).feasible).toBe(true);
          return;
        }
        // Every error the form raises names a channel whose own constraint is impossible as stated.
        for (const e of check.errors) {
          const i = ['a', 'b', 'c'].indexOf(e.channel!);
          expect(i, e.message).toBeGreaterThanOrEqual(0);
          const ch = f.channels[i];
          const k: Record<string, ChannelConstraint> = {};
          const bound = (m: BoundMode, v: number | null) => (m === 'none' ? undefined : { value: v ?? Number.NaN, relative: m === 'relative' });
          k[ch.channel] = { min: bound(ch.minMode, ch.min), max: bound(ch.maxMode, ch.max) };
          expect(channelBounds(['a', 'b', 'c'], cur, { budget: f.budget, horizon: f.horizon, constraints: k }).feasible, e.message).toBe(false);
        }
      }),
      { numRuns: 3000, seed: 20261122 },
    );
  });
});
