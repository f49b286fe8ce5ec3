// Section "Budget reallocation": current against optimal spend per channel with the bounds
// and which bind, what the next unit of spend returns at both plans (90% intervals), the
// expected outcome of both plans with 90% intervals, the lift and P(lift > 0), the
// scenarios; or, when no plan meets the constraints, the reason.
import { html, type SafeHtml } from '../html';
import { estCell } from '../cells';
import { fmtAmount, fmtPct, fmtRatio } from '../format';
import { allocationChart, type AllocationRow } from '../charts/allocation';
import type { OptimizeSuccess } from '../../analysis/optimizer';
import type { BudgetSection, ReportInput } from '../types';

function bindsText(b: OptimizeSuccess['constraints'][number]['binds']): SafeHtml {
  if (b.fixed) return html`<span class="badge warn">fixed</span>`;
  if (b.max) return html`<span class="badge warn">at maximum</span>`;
  if (b.min) return html`<span class="badge warn">at minimum</span>`;
  return html`<span class="muted">no</span>`;
}

function allocationRows(res: OptimizeSuccess): AllocationRow[] {
  return res.constraints.map((c) => ({
    channel: c.channel,
    current: res.current.spend_per_period[c.channel],
    optimal: res.optimal.spend_per_period[c.channel],
    min: c.min,
    max: c.max,
  }));
}

function planTable(res: OptimizeSuccess, grain: string, target: string): SafeHtml {
  const rows = allocationRows(res).map((r, i) => {
    const change = r.current > 0 ? (r.optimal - r.current) / r.current : null;
    const range = `${fmtAmount(r.min ?? 0)} to ${r.max === null ? 'no maximum' : fmtAmount(r.max)}`;
    const k = res.constraints[i];
    return html`<tr><th scope="row">${r.channel}</th><td class="num">${fmtAmount(r.current)}</td><td class="num">${fmtAmount(r.optimal)}</td><td class="num">${change === null ? 'n/a' : (change >= 0 ? '+' : '') + fmtPct(change, 0)}</td><td class="num">${range}</td><td>${bindsText(k.binds)}</td><td class="num">${estCell(k.marginal_return.current, fmtRatio)}</td><td class="num">${estCell(k.marginal_return.optimal, fmtRatio)}</td></tr>`;
  });
  const kkt = res.objective === 'mean' ? ' With the optimal split, channels not at a bound return about the same on average; a channel at its maximum returns more, one at its minimum less.' : '';
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Budget reallocation table"><table><caption>Spend per ${grain}, current and optimal, and what the next unit of spend returns</caption><thead><tr><th scope="col">Channel</th><th scope="col">Current</th><th scope="col">Optimal</th><th scope="col">Change</th><th scope="col">Allowed range</th><th scope="col">Binding</th><th scope="col">Next unit returns, current split</th><th scope="col">Next unit returns, optimal split</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">Next unit returns: the extra ${target} from one more unit of total spend on the channel over the horizon, carry-over included, posterior mean with its 90% interval.${kkt} It differs from the marginal ROAS under Contributions and ROAS, which is measured over the past data window at its mean spend, without the carry-over after the window.</p>`;
}

function outcomeTable(res: OptimizeSuccess, target: string, grain: string): SafeHtml {
  return html`<table class="compact"><caption>Expected ${target} from media over ${res.horizon} ${grain}s plus carry-over</caption><tbody>
<tr><th scope="row">Current split (${fmtAmount(res.current.total_spend)} in total)</th><td class="num">${estCell(res.current.expected_outcome)}</td></tr>
<tr><th scope="row">Optimal split (${fmtAmount(res.optimal.total_spend)} in total)</th><td class="num">${estCell(res.optimal.expected_outcome)}</td></tr>
<tr><th scope="row">Expected lift</th><td class="num">${estCell(res.lift)}</td></tr>
<tr><th scope="row">P(lift &gt; 0)</th><td class="num">${fmtPct(res.p_lift_positive, 1)}</td></tr>
</tbody></table>${res.current_feasible ? '' : html`<p class="note">The current split itself does not meet these constraints (for example it spends a different total than the budget), so the lift also reflects the change in total spend.</p>`}`;
}

function scenarioTable(b: BudgetSection, target: string, grain: string): SafeHtml {
  if (b.scenarios.length === 0 || !b.result.feasible) return html``;
  const h = `${b.result.horizon} ${grain}s`;
  const rows = b.scenarios.map((s) =>
    s.feasible
      ? html`<tr><th scope="row">${s.name}</th><td class="num">${fmtAmount(s.total_spend)}</td><td class="num">${estCell(s.expected_outcome)}</td><td class="num">${estCell(s.lift)}</td><td class="num">${fmtPct(s.p_lift_positive, 1)}</td></tr>`
      : html`<tr><th scope="row">${s.name}</th><td colspan="4">not possible: ${s.reason ?? 'no reason given'}</td></tr>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Scenarios table"><table><caption>Scenarios over the same ${h} (each re-optimised under the same bounds; lift against the current split)</caption><thead><tr><th scope="col">Scenario</th><th scope="col">Total spend over ${h}</th><th scope="col">Expected ${target} from media, plus carry-over</th><th scope="col">Lift</th><th scope="col">P(lift &gt; 0)</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function budgetSection(r: ReportInput, provisional: boolean): SafeHtml {
  const head = html`<h2 id="budget-h">Budget reallocation${provisional ? html` <span class="badge fail">provisional</span>` : ''}</h2>`;
  if (!r.budget) return html`<section id="budget" aria-labelledby="budget-h">${head}<p>No budget problem was posed for this run.</p></section>`;
  const b = r.budget;
  const res = b.result;
  const grain = r.metadata.data_range.grain;
  if (!res.feasible)
    return html`<section id="budget" aria-labelledby="budget-h">${head}<p class="rule">${b.rule}</p><p class="infeasible"><span class="badge fail">infeasible</span> No plan meets all the constraints: ${res.reason}</p>${res.errors.filter((e) => e.hint).map((e) => html`<p class="note">What to do: ${e.hint}</p>`)}</section>`;
  return html`<section id="budget" aria-labelledby="budget-h">${head}<p class="rule">${b.rule}</p>
<figure><div class="chart-scroll" tabindex="0" role="region" aria-label="Allocation chart">${allocationChart('allocation', allocationRows(res), grain)}</div></figure>
${planTable(res, grain, r.target)}${outcomeTable(res, r.target, grain)}${scenarioTable(b, r.target, grain)}</section>`;
}
