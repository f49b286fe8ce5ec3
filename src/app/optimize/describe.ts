// The budget problem in words: shown above the plan, and written into the report's budget
// section and the metadata of mmm_budget_optimization.json, so a reader knows exactly which
// question the numbers answer.
import type { BoundSpec, BudgetProblem } from '../../analysis/constraints';
import type { Objective } from '../../analysis/optimizer';

const amount = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: v >= 100 ? 0 : 2 });

function bound(b: BoundSpec | undefined, unit: string): string | null {
  if (!b) return null;
  return b.relative ? `${b.value}× current` : `${amount(b.value)} per ${unit}`;
}

export function objectiveText(objective: Objective): string {
  return objective === 'q05'
    ? 'risk-averse: maximise the 5% quantile of the outcome over posterior draws'
    : 'maximise the expected (posterior-mean) outcome';
}

/** One sentence per part: budget and horizon, the channel bounds, the objective, the outcome. */
export function describeProblem(problem: BudgetProblem, objective: Objective, channels: string[], unit: string, rows: number): string {
  const N = problem.horizon;
  const window = N <= rows ? `the last ${N} ${unit}s` : `all ${rows} ${unit}s of data (fewer than ${N})`;
  const parts = channels.map((c) => {
    const k = problem.constraints?.[c] ?? {};
    if (k.fixed) return `${c} held at its current spend`;
    const lo = bound(k.min, unit);
    const hi = bound(k.max, unit);
    if (lo && hi) return `${c} between ${lo} and ${hi}`;
    if (lo) return `${c} at least ${lo}`;
    if (hi) return `${c} at most ${hi}`;
    return `${c} unbounded`;
  });
  return (
    `Budget ${amount(problem.budget)} spent in full over ${N} ${unit}s at a constant spend per ${unit}; ` +
    `current spend per ${unit} is each channel's mean over ${window}; ${parts.join('; ')}; ` +
    `objective: ${objectiveText(objective)}; outcome: media contribution over the horizon plus the adstock carry-over after it, ` +
    `adstock seeded from the last periods of history.`
  );
}
