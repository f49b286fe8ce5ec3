// The optimize worker's engine on the committed fixture run (2 channels, 12 weeks, 8 draws),
// checked against independent computations: the full forward pass over an extended horizon
// (src/analysis/period-plan.ts) for plan outcomes and per-channel contributions, a brute-force
// grid over the split for the optimum of the problem the form states, and the constraints
// recomputed by hand for every returned plan. Infeasible settings come back with the reason.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { periodPlanOutcomes } from '../../../src/analysis/period-plan';
import { posteriorFromInferenceData } from '../../../src/analysis/posterior';
import { OptimizeEngine, type PlanRequest } from '../../../src/app/optimize/engine';
import { defaultForm, problemFromForm, recentSpend } from '../../../src/app/optimize/form';
import { channelOutcomes } from '../../../src/app/optimize/views';
import type { RunRecord } from '../../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const idata = run.inference_data;
const read = posteriorFromInferenceData(idata);
if ('errors' in read) throw new Error(read.errors.map((e) => e.message).join('\n'));
const post = read;
const N = 12;

/** Mean outcome of a constant plan by the full forward pass (independent of PlanResponse). */
function forwardMean(plan: number[]): number {
  const out = periodPlanOutcomes(post.data, post.spec, post.draws, plan.map((s) => new Float64Array(N).fill(s)));
  if ('errors' in out) throw new Error(out.errors[0].message);
  return out.reduce((a, v) => a + v, 0) / out.length;
}

function request(edit: (f: ReturnType<typeof defaultForm>) => void = () => undefined): PlanRequest {
  const cur = recentSpend(idata, N);
  const f = defaultForm(['x1', 'x2'], cur, N);
  edit(f);
  const c = problemFromForm(f, cur, 'week');
  if (!c.ok) throw new Error(c.errors.map((e) => e.message).join('\n'));
  return { problem: c.problem, objective: c.objective };
}

describe('OptimizeEngine on the fixture run', () => {
  const engine = new OptimizeEngine();
  const loaded = engine.load(idata);

  it('loads the run: channels, draws, rows, grain, and readiness from the diagnostics gates', () => {
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value).toMatchObject({ channels: ['x1', 'x2'], draws: 8, rows: 12, grain: 'week' });
    // 2 chains × 4 prior draws cannot pass the ESS gates: the plans are provisional.
    expect(loaded.value.readiness.checked).toBe(true);
    expect(loaded.value.readiness.provisional).toBe(true);
    expect(loaded.value.readiness.failing.map((f) => f.gate)).toContain('ess_bulk');
  });

  it('reports an unreadable run as errors, not an exception', () => {
    const broken = structuredClone(idata);
    delete (broken.posterior as Record<string, unknown>).saturation_lam;
    const r = new OptimizeEngine().load(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/saturation_lam/);
  });

  it('plan outcomes agree with the full forward pass, in total and channel by channel', () => {
    const v = engine.optimize(request());
    expect(v.feasible).toBe(true);
    if (!v.feasible) return;
    for (const p of [v.current, v.optimal]) {
      const plan = ['x1', 'x2'].map((c) => p.spend_per_period[c]);
      const want = forwardMean(plan);
      expect(p.expected_outcome.mean!).toBeCloseTo(want, 6);
      const perChannel = Object.values(p.channel_outcome).reduce((s, e) => s + e.mean!, 0);
      expect(perChannel).toBeCloseTo(want, 6);
      // Channel c's own share: what the full pass adds when only c spends, against spending nothing.
      const resp = engine.response(N);
      const zero = channelOutcomes(resp, [0, 0]);
      plan.forEach((s, c) => {
        const only = plan.map((_, j) => (j === c ? s : 0));
        expect(p.channel_outcome[['x1', 'x2'][c]].mean! - zero[c].mean!).toBeCloseTo(forwardMean(only) - forwardMean([0, 0]), 6);
      });
      for (const e of Object.values(p.channel_outcome)) expect(e.q05!).toBeLessThanOrEqual(e.q95!);
    }
  });

  it('the optimum of the default problem (0.5–2× current, budget = last 12 weeks) beats a 0.5% brute-force grid − 0.1%', () => {
    const req = request();
    const v = engine.optimize(req);
    if (!v.feasible) throw new Error(v.reason);
    const cur = recentSpend(idata, N);
    const b = req.problem.budget / N;
    const lo = [0.5 * cur[0], 0.5 * cur[1]];
    const hi = [2 * cur[0], 2 * cur[1]];
    let best = -Infinity;
    for (let s = lo[0]; s <= hi[0] + 1e-9; s += 0.005 * b) {
      const s2 = b - s;
      if (s2 < lo[1] - 1e-9 || s2 > hi[1] + 1e-9) continue;
      best = Math.max(best, forwardMean([s, s2]));
    }
    expect(best).toBeGreaterThan(-Infinity);
    const got = v.optimal.expected_outcome.mean!;
    expect(got).toBeGreaterThanOrEqual(best - 0.001 * Math.abs(best));
    // Every bound and the budget hold, recomputed here from the form's multiples.
    const plan = [v.optimal.spend_per_period.x1, v.optimal.spend_per_period.x2];
    plan.forEach((s, c) => {
      expect(s).toBeGreaterThanOrEqual(lo[c]);
      expect(s).toBeLessThanOrEqual(hi[c]);
    });
    expect(plan[0] + plan[1]).toBeCloseTo(b, 9);
    // Lift is optimal − current per draw; the current plan is feasible, so the optimum is no worse.
    expect(v.current_feasible).toBe(true);
    expect(v.lift.mean!).toBeCloseTo(got - v.current.expected_outcome.mean!, 9);
    expect(v.lift.mean!).toBeGreaterThanOrEqual(-1e-9);
  });

  it('absolute bounds and a fixed channel: the plan keeps them and says which bind', () => {
    const cur = recentSpend(idata, N);
    const req = request((f) => {
      f.channels[0] = { ...f.channels[0], fixed: true };
      f.channels[1] = { ...f.channels[1], minMode: 'absolute', min: 0, maxMode: 'none', max: null };
    });
    const v = engine.optimize(req);
    if (!v.feasible) throw new Error(v.reason);
    expect(v.optimal.spend_per_period.x1).toBe(cur[0]);
    // x1 is held, so x2 takes the rest of the budget.
    expect(v.optimal.spend_per_period.x2).toBeCloseTo(req.problem.budget / N - cur[0], 9);
    expect(v.constraints.find((c) => c.channel === 'x1')!.binds.fixed).toBe(true);
  });

  it('an infeasible set comes back with the optimizer’s reason and no plan', () => {
    const v = engine.optimize(request((f) => {
      for (const ch of f.channels) ch.maxMode = 'relative';
      for (const ch of f.channels) ch.max = 0.5;
      for (const ch of f.channels) ch.min = 0.1;
    }));
    expect(v.feasible).toBe(false);
    if (v.feasible) return;
    expect(v.reason).toMatch(/maximums .* allow at most .* less than the budget/);
    expect(v.errors[0].hint).toMatch(/lower the budget or raise the maximums/);
    expect('optimal' in v).toBe(false);
  });

  it('every channel held fixed at another budget: the reason names the fixed spend, not the maximums', () => {
    const cur = recentSpend(idata, N);
    const fixedSpend = (cur[0] + cur[1]) * N;
    for (const budget of [1.5 * fixedSpend, 0.5 * fixedSpend]) {
      const v = engine.optimize(request((f) => {
        for (const ch of f.channels) ch.fixed = true;
        f.budget = budget;
      }));
      expect(v.feasible).toBe(false);
      if (v.feasible) return;
      expect(v.reason).toMatch(/^every channel is held fixed at its current spend, which comes to [\d.,]+ over 12 periods, not the budget [\d.,]+$/);
      expect(v.errors[0].hint).toBe(`set the budget to ${fixedSpend.toLocaleString('en-US', { maximumFractionDigits: 2 })}, or stop holding at least one channel fixed`);
    }
    // At exactly the fixed spend the plan is the current split.
    const same = engine.optimize(request((f) => {
      for (const ch of f.channels) ch.fixed = true;
      f.budget = fixedSpend;
    }));
    if (!same.feasible) throw new Error(same.reason);
    expect(same.optimal.spend_per_period.x1).toBe(cur[0]);
    expect(same.optimal.spend_per_period.x2).toBe(cur[1]);
  });

  it('scenarios: a shift matches the forward pass; a budget change spends the changed budget', () => {
    const req = request();
    const cur = recentSpend(idata, N);
    const shift = engine.scenario(req, { kind: 'shift', from: 'x1', to: 'x2', percent: 25 });
    expect(shift.feasible).toBe(true);
    expect(shift.plan).toEqual({ x1: 0.75 * cur[0], x2: cur[1] + 0.25 * cur[0] });
    expect(shift.expected_outcome.mean!).toBeCloseTo(forwardMean([0.75 * cur[0], cur[1] + 0.25 * cur[0]]), 6);
    const up = engine.scenario(req, { kind: 'budget_change', percent: 10 });
    expect(up.total_spend!).toBeCloseTo(1.1 * req.problem.budget, 6);
    const bad = engine.scenario(req, { kind: 'shift', from: 'x1', to: 'x1', percent: 10 });
    expect(bad.feasible).toBe(false);
    expect(bad.reason).toMatch(/must differ/);
  });

  it('minimum spend for the current outcome reaches it for no more than the current spend', () => {
    const req = request();
    const s = engine.scenario(req, { kind: 'min_spend_for_current_outcome' });
    const v = engine.optimize(req);
    if (!v.feasible || !s.feasible) throw new Error(s.reason ?? 'infeasible');
    expect(s.expected_outcome.mean!).toBeGreaterThanOrEqual(v.current.expected_outcome.mean! * (1 - 1e-9));
    expect(s.total_spend!).toBeLessThanOrEqual(v.current.total_spend * (1 + 1e-9));
  });

  it('target efficiency: the plan found keeps mean ROAS at or above the target', () => {
    const req = request();
    const v = engine.optimize(req);
    if (!v.feasible) throw new Error(v.reason);
    const target = 0.8 * v.current.roas.mean!;
    const s = engine.scenario(req, { kind: 'target_efficiency', target });
    if (s.feasible) expect(s.roas.mean!).toBeGreaterThanOrEqual(target);
    else expect(s.reason).toBeTruthy();
  });

  it('the same request twice gives the same object (memo), and a new horizon rebuilds the response', () => {
    const req = request();
    expect(engine.result(req)).toBe(engine.result(structuredClone(req)));
    const r6 = engine.response(6);
    expect(r6.horizon).toBe(6);
    expect(engine.response(6)).toBe(r6);
  });
});
