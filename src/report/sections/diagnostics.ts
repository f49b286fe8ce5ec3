// Section "Model diagnostics": the readiness gates (pass / warn / fail, threshold, what to
// do), sampler health per chain, posterior predictive coverage and LOO, and per parameter
// its estimate, R-hat, bulk/tail ESS and a trace sparkline per chain.
import { html, type SafeHtml } from '../html';
import { estCell } from '../cells';
import { fmtCount, fmtNum, fmtPct, fmtRatio } from '../format';
import { traceChart } from '../charts/trace';
import type { ReportInput } from '../types';
import { failedChains, failedWords } from './confidence';

function gatesTable(r: ReportInput): SafeHtml {
  const rows = Object.entries(r.diagnostics.gates).map(
    ([name, g]) =>
      html`<tr><th scope="row">${name}</th><td><span class="badge ${g.status}">${g.status}</span>${g.affects_estimates ? '' : html` <span class="muted">(efficiency)</span>`}</td><td>${g.detail}</td><td>${g.threshold}</td><td>${g.action ?? '—'}</td></tr>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Readiness gates table"><table><caption>Readiness gates</caption><thead><tr><th scope="col">Gate</th><th scope="col">Status</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">What to do</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function samplerTable(r: ReportInput): SafeHtml {
  const rows = r.diagnostics.chains.map(
    (c) => html`<tr><th scope="row">${c.chain + 1}</th><td class="num">${c.divergences ?? 'n/a'}</td><td class="num">${c.max_treedepth_hits ?? 'n/a'}</td><td class="num">${fmtRatio(c.e_bfmi)}</td><td class="num">${fmtNum(c.step_size)}</td></tr>`,
  );
  return html`<table class="compact"><caption>Sampler health per chain</caption><thead><tr><th scope="col">Chain</th><th scope="col">Divergences</th><th scope="col">Max tree depth hits</th><th scope="col">E-BFMI</th><th scope="col">Step size</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function fitTable(r: ReportInput): SafeHtml {
  const d = r.diagnostics;
  const f = d.fit;
  return html`<table class="compact"><caption>Fit to the data</caption><tbody>
<tr><th scope="row">Observations inside the 50% predictive interval</th><td class="num">${fmtPct(d.ppc.coverage_50)} (ideal about 50%)</td></tr>
<tr><th scope="row">Observations inside the 90% predictive interval</th><td class="num">${fmtPct(d.ppc.coverage_90)} (ideal about 90%)</td></tr>
<tr><th scope="row">R² / MAPE of the posterior-mean fit</th><td class="num">${fmtRatio(f?.r2)} / ${fmtPct(f?.mape)}</td></tr>
<tr><th scope="row">PSIS-LOO elpd (± se), p_loo</th><td class="num">${fmtNum(d.loo.elpd, 5)} (± ${fmtNum(d.loo.se)}), ${fmtNum(d.loo.p_loo)}</td></tr>
<tr><th scope="row">Observations with Pareto k &gt; 0.7</th><td class="num">${d.loo.pareto_k_over_0_7 ?? 'n/a'}</td></tr>
</tbody></table>`;
}

function parameterTable(r: ReportInput): SafeHtml {
  const traces = new Map(r.traces.parameters.map((p) => [p.key, p.chains]));
  const rows = Object.entries(r.parameters).map(([key, p], i) => {
    const chains = traces.get(key);
    const trace = chains ? traceChart({ id: `trace-${i}`, parameter: key, draws: r.traces.draws, chains }) : html`<span class="muted">no draws</span>`;
    const rhatCls = p.r_hat === null || p.r_hat >= 1.05 ? 'fail' : p.r_hat >= 1.01 ? 'warn' : '';
    return html`<tr><th scope="row">${key}</th><td class="num">${estCell(p)}</td><td class="num ${rhatCls}">${p.r_hat === null ? 'n/a' : p.r_hat.toFixed(3)}</td><td class="num">${fmtCount(p.ess_bulk)}</td><td class="num">${fmtCount(p.ess_tail)}</td><td class="trace-cell">${trace}</td></tr>`;
  });
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Parameter table with trace plots"><table class="params"><caption>Parameters (model units), convergence and traces (one line per chain)</caption><thead><tr><th scope="col">Parameter</th><th scope="col">Mean (90% interval)</th><th scope="col">R-hat</th><th scope="col">ESS bulk</th><th scope="col">ESS tail</th><th scope="col">Trace</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function diagnosticsSection(r: ReportInput): SafeHtml {
  const s = r.metadata.sampler;
  const failed = failedChains(r.metadata);
  return html`<section id="diagnostics" aria-labelledby="diagnostics-h"><h2 id="diagnostics-h">Model diagnostics</h2>
<p>${s.chains} chains × (${s.warmup} warmup + ${s.draws} draws), seed ${r.metadata.seed}.${failed.length ? html` <strong>${failedWords(failed, s.chains)}.</strong>` : ''} Contributions, ROAS and the budget plan are marked provisional while a gate that affects them fails.</p>
${gatesTable(r)}${samplerTable(r)}${fitTable(r)}${parameterTable(r)}</section>`;
}

