// The acceptance-2 harness of issue 5 on a stand-in posterior (draws jittered around the
// truth) until real fits are wired: budget = last 52 weeks' spend, horizon 52, bounds
// 0.5–2× each channel's last-52-week mean.
import { describe, expect, it } from 'vitest';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { truthCheck, type TruthCheck } from '../../src/analysis/truth-check';
import { jitteredDraws, syntheticSet } from './helpers';

for (const folder of ['dev_weekly_logistic', 'dev_weekly_hill'] as const)
  describe(`truth check on ${folder}`, () => {
    it('the posterior plan scored under the truth', () => {
      const { data, spec, theta } = syntheticSet(folder);
      const fd = forwardDataFromDataset(data, spec) as ForwardData;
      const budget = data.channels.reduce((a, c) => a + c.spend.slice(-52).reduce((s, v) => s + v, 0), 0);
      const bounds = { min: { value: 0.5, relative: true }, max: { value: 2, relative: true } };
      const problem = { budget, horizon: 52, constraints: Object.fromEntries(spec.channels.map((c) => [c.name, bounds])) };
      const r = truthCheck(fd, spec, jitteredDraws(spec, theta, 200, 0.1, 11), theta, problem) as TruthCheck;
      expect('reason' in r).toBe(false);
      // The truth's own optimum is at least as good under the truth as any other plan we score.
      expect(r.true_plan_true_lift).toBeGreaterThanOrEqual(r.posterior_plan_true_lift - 1e-6 * Math.abs(r.true_plan_true_lift));
      expect(r.true_plan_true_lift).toBeGreaterThan(0);
      if (folder === 'dev_weekly_logistic') expect(r.ratio!).toBeGreaterThanOrEqual(0.8);
      else expect(r.posterior_plan_true_lift).toBeGreaterThan(0);
    });
  });
