// Section "Data and model": the data range and sources, the model specification with every
// prior, the sampler settings, lift tests used or left out, and data warnings.
import type { Prior, UserError } from '../../core/types';
import { channelPrior, channelRoasPrior } from '../../model/spec';
import { adstockVariables, saturationVariables } from '../../model/priors';
import { html, type SafeHtml } from '../html';
import { fmtAmount, fmtDateTime, fmtNum, fmtQuantity } from '../format';
import type { ReportInput } from '../types';
import { liftAgreementTable } from './lift-agreement';
import { failedChains, failedWords } from './confidence';

/** A prior as PyMC writes it: Normal(mu=0, sigma=2). */
export function priorText(p: Prior): string {
  switch (p.dist) {
    case 'normal':
      return `Normal(mu=${p.mu}, sigma=${p.sigma})`;
    case 'half_normal':
      return `HalfNormal(sigma=${p.sigma})`;
    case 'laplace':
      return `Laplace(mu=${p.mu}, b=${p.b})`;
    case 'beta':
      return `Beta(alpha=${p.alpha}, beta=${p.beta})`;
    case 'gamma':
      return `Gamma(alpha=${fmtNum(p.alpha, 4)}, beta=${fmtNum(p.beta, 4)})`;
    case 'log_normal':
      return `LogNormal(mu=${fmtNum(p.mu, 4)}, sigma=${fmtNum(p.sigma, 4)})`;
  }
}

/** "tv 2 cells, radio 1 cell": where the filled-in values are, for a reader without the run file. */
function imputedColumns(cells: unknown): string {
  const count = new Map<string, number>();
  if (Array.isArray(cells)) for (const c of cells) {
    const col = typeof c?.column === 'string' ? c.column : 'unnamed column';
    count.set(col, (count.get(col) ?? 0) + 1);
  }
  return [...count].map(([col, n]) => `${col} ${n} ${n === 1 ? 'cell' : 'cells'}`).join(', ');
}

function dataTable(r: ReportInput): SafeHtml {
  const m = r.metadata;
  const d = m.data_range;
  const imputed = Array.isArray(m.imputed_cells) ? m.imputed_cells.length : 0;
  const sources = r.sources.length ? r.sources.map((s) => html`<code>${s}</code>`) : [html`<span class="muted">not recorded</span>`];
  return html`<table class="compact"><caption>Data</caption><tbody>
<tr><th scope="row">Dataset</th><td>${String(m.dataset_name ?? 'unnamed')}</td></tr>
<tr><th scope="row">Files</th><td>${sources.map((s, i) => html`${i ? ', ' : ''}${s}`)}</td></tr>
<tr><th scope="row">Outcome</th><td>${r.target}</td></tr>
<tr><th scope="row">Range</th><td>${d.first} to ${d.last} (${d.rows} ${d.grain}s)</td></tr>
<tr><th scope="row">Data fingerprint</th><td>${typeof m.dataset_fingerprint === 'string' ? html`<code>${m.dataset_fingerprint}</code> (a hash of the dates, column names and every value the model saw: the same data gives the same fingerprint)` : 'not recorded'}</td></tr>
<tr><th scope="row">Imputed cells</th><td>${imputed}${imputed ? ` (missing values filled in; ${imputedColumns(m.imputed_cells)}; each stays flagged in the run's data and exports)` : ''}</td></tr>
</tbody></table>`;
}

function modelTable(r: ReportInput): SafeHtml {
  const spec = r.metadata.model;
  const rows = spec.channels.map((c) => {
    const roas = channelRoasPrior(spec, c.name);
    // A ROAS prior replaces saturation_beta's own prior (beta | curve ~ LogNormal(mu − log K, sigma)).
    const priors = [...adstockVariables(c.adstock), ...saturationVariables(c.saturation)].map((v) =>
      roas && v === 'saturation_beta'
        ? html`<div><code>ROAS</code> ~ LogNormal(${fmtNum(roas.mu, 4)}, ${fmtNum(roas.sigma, 4)}), ${roas.scope} scope (${roas.label}; replaces the saturation_beta prior)</div>`
        : html`<div><code>${v}</code> ~ ${priorText(channelPrior(spec, c.name, v))}</div>`,
    );
    return html`<tr><th scope="row">${c.name}</th><td>${c.adstock}</td><td>${c.saturation}</td><td>${priors}</td></tr>`;
  });
  const controls = spec.controls.map((k, i) => html`<div><code>${k}</code>${spec.control_scale[i] !== 1 ? html` (divided by ${fmtNum(spec.control_scale[i], 6)})` : ''}</div>`);
  const g = spec.priors;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Model specification table"><table class="compact"><caption>Model (adstock window ${spec.l_max} periods, yearly Fourier order ${spec.fourier_order})</caption><thead><tr><th scope="col">Channel</th><th scope="col">Adstock</th><th scope="col">Saturation</th><th scope="col">Priors</th></tr></thead><tbody>${rows}</tbody></table></div>
<table class="compact"><caption>Other priors and controls</caption><tbody>
<tr><th scope="row">intercept</th><td>${priorText(g.intercept)}</td></tr>
<tr><th scope="row">gamma_control</th><td>${priorText(g.gamma_control)}</td></tr>
<tr><th scope="row">gamma_fourier</th><td>${priorText(g.gamma_fourier)}</td></tr>
<tr><th scope="row">y_sigma</th><td>${priorText(g.y_sigma)}</td></tr>
<tr><th scope="row">Controls</th><td>${controls.length ? controls : 'none'}</td></tr>
</tbody></table>`;
}

function samplerTable(r: ReportInput): SafeHtml {
  const m = r.metadata;
  const s = m.sampler;
  const failed = failedChains(m);
  return html`<table class="compact"><caption>Sampler and run</caption><tbody>
<tr><th scope="row">NUTS</th><td>${s.chains} chains, ${s.warmup} warmup, ${s.draws} draws, adapt_delta ${s.adapt_delta}, max tree depth ${s.max_treedepth}, metric ${s.metric}</td></tr>
<tr><th scope="row">Chains used</th><td>${failed.length ? `${s.chains - failed.length} of ${s.chains}: ${failedWords(failed, s.chains)}` : `all ${s.chains}`}</td></tr>
<tr><th scope="row">Seed</th><td>${m.seed}</td></tr>
<tr><th scope="row">Carryover version</th><td>${m.app_version}</td></tr>
<tr><th scope="row">Fitted at</th><td>${fmtDateTime(m.created_at)}</td></tr>
</tbody></table>`;
}

function calibrationTable(r: ReportInput): SafeHtml {
  const t = r.calibration.tests;
  const per = r.metadata.data_range.grain;
  const rows = t.map((x) => html`<tr><th scope="row">${x.label ?? x.channel}</th><td>${x.channel}</td><td class="num">${fmtAmount(x.x)}</td><td class="num">${fmtAmount(x.delta_x)}</td><td class="num">${fmtQuantity(x.delta_y)}</td><td class="num">${fmtQuantity(x.sigma)}</td></tr>`);
  const table = t.length
    ? html`<p class="muted">Each test raised a channel's spend from x by delta_x per ${per} and measured delta_y more outcome per ${per} (a test's totals divided by the ${per}s it ran), with standard error sigma. The model was fitted to agree with these alongside the data; a test with a smaller sigma pulls the fit harder.</p><table class="compact"><caption>Lift tests the model was fitted to (amounts per ${per})</caption><thead><tr><th scope="col">Test</th><th scope="col">Channel</th><th scope="col">x</th><th scope="col">delta_x</th><th scope="col">delta_y</th><th scope="col">sigma</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>No lift test calibrates this model.</p>`;
  return html`${table}${liftAgreementTable(r.calibration.agreement)}${noteList('Lift-test notes', r.calibration.notes)}`;
}

function noteList(title: string, notes: UserError[]): SafeHtml {
  if (notes.length === 0) return html``;
  const items = notes.map((n) => {
    const where = [n.file, n.row !== undefined ? `row ${n.row}` : undefined, n.column !== undefined ? `column ${n.column}` : undefined, n.channel !== undefined ? `channel ${n.channel}` : undefined].filter(Boolean).join(', ');
    return html`<li><span class="badge ${n.severity === 'error' ? 'fail' : 'warn'}">${n.severity}</span> ${where ? `${where}: ` : ''}${n.message}${n.hint ? ` — ${n.hint}` : ''}</li>`;
  });
  return html`<h3>${title}</h3><ul class="notes">${items}</ul>`;
}

export function specSection(r: ReportInput): SafeHtml {
  return html`<section id="spec" aria-labelledby="spec-h"><h2 id="spec-h">Data and model</h2>${dataTable(r)}${modelTable(r)}${samplerTable(r)}${calibrationTable(r)}${noteList('Data notes', r.notes)}</section>`;
}
