// Section "Contributions and ROAS": the waterfall, the per-channel table (contribution,
// share of media, ROAS, marginal ROAS, saturation flag) and the sum check.
import { html, type SafeHtml } from '../html';
import { estCell } from '../cells';
import { fmtAmount, fmtPct, pctOf, fmtRatio } from '../format';
import { waterfallChart, type WaterfallStep } from '../charts/waterfall';
import type { ReportInput } from '../types';

export function waterfallSteps(r: ReportInput): WaterfallStep[] {
  const b = r.contributions.base;
  return [
    { label: 'Base (intercept)', kind: 'base' as const, estimate: b.intercept },
    ...Object.entries(b.controls).map(([name, e]) => ({ label: name, kind: 'control' as const, estimate: e })),
    ...(r.metadata.model.fourier_order > 0 ? [{ label: 'Seasonality', kind: 'seasonality' as const, estimate: b.seasonality }] : []),
    ...r.contributions.channels.map((c) => ({ label: c.channel, kind: 'channel' as const, estimate: c.contribution })),
  ];
}

/** "208 weeks (2022-01-03 to 2025-12-22)": the window every total in the section covers. */
export function windowText(r: ReportInput): string {
  const d = r.metadata.data_range;
  return `${d.rows} ${d.grain}${d.rows === 1 ? '' : 's'} (${d.first} to ${d.last})`;
}

function channelTable(r: ReportInput): SafeHtml {
  const span = windowText(r);
  const rows = r.contributions.channels.map((c) => {
    const roas = r.roas.find((x) => x.channel === c.channel);
    const flag = r.saturation.find((s) => s.channel === c.channel);
    const flagCell = flag?.flagged ? html`<span class="badge warn">saturated</span>` : html`<span class="badge pass">no</span>`;
    return html`<tr><th scope="row">${c.channel}</th><td class="num">${fmtAmount(c.spend)}</td><td class="num">${estCell(c.contribution)}</td><td class="num">${estCell(c.share_of_media, pctOf)}</td><td class="num">${estCell(roas?.roas, fmtRatio)}</td><td class="num">${estCell(roas?.marginal_roas, fmtRatio)}</td><td>${flagCell}</td></tr>`;
  });
  const reasons = r.saturation.filter((s) => s.flagged).map((s) => html`<li><strong>${s.channel}</strong>: ${s.reasons.join('; ')}.</li>`);
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Channel contributions table"><table><caption>Channels over the data window: totals over ${span}, means with 90% intervals</caption><thead><tr><th scope="col">Channel</th><th scope="col">Spend, total</th><th scope="col">Contribution to ${r.target}, total</th><th scope="col">Share of media</th><th scope="col">ROAS (${r.target} per unit of spend)</th><th scope="col">Marginal ROAS (${r.target} per extra unit)</th><th scope="col">Saturated?</th></tr></thead><tbody>${rows}</tbody></table></div>${reasons.length ? html`<ul class="flags">${reasons}</ul>` : ''}`;
}

function baseTable(r: ReportInput): SafeHtml {
  const steps = waterfallSteps(r).filter((s) => s.kind !== 'channel');
  const rows = steps.map((s) => html`<tr><th scope="row">${s.label}</th><td class="num">${estCell(s.estimate)}</td></tr>`);
  const c = r.contributions;
  return html`<table class="compact"><caption>Base and totals (contribution to ${r.target}, total over the window)</caption><tbody>${rows}<tr><th scope="row">Base total</th><td class="num">${estCell(c.base.total)}</td></tr><tr><th scope="row">Media total</th><td class="num">${estCell(c.media_total)}</td></tr><tr><th scope="row">Media share of observed ${r.target}</th><td class="num">${estCell(c.media_share_of_target, pctOf)}</td></tr></tbody></table>`;
}

function sumCheck(r: ReportInput): SafeHtml {
  const s = r.contributions.sum_check;
  const cls = s.within_2_percent ? 'pass' : 'fail';
  return html`<p class="check"><span class="badge ${cls}">${s.within_2_percent ? 'pass' : 'fail'}</span> Sum check: observed total ${fmtAmount(s.observed_total)}, components total (posterior mean) ${fmtAmount(s.components_total)}, relative error ${fmtPct(s.relative_error, 2)} (must be within 2%).</p>`;
}

/** Amounts are in the input's own units: the report knows no currency and converts none. */
export function unitsText(r: ReportInput): string {
  return `Units: as in the input data, spend in its spend units and ${r.target} in its own. Carryover records no currency and converts none: ROAS is ${r.target} per unit of spend in those units, money back per money spent only when both are in the same currency.`;
}

export function contributionsSection(r: ReportInput, provisional: boolean): SafeHtml {
  const total = r.contributions.sum_check.observed_total;
  return html`<section id="contributions" aria-labelledby="contributions-h"><h2 id="contributions-h">Contributions and ROAS${provisional ? html` <span class="badge fail">provisional</span>` : ''}</h2>
<p>What each part of the model added to ${r.target} over the data window, ${windowText(r)}: totals over the whole window, not per ${r.metadata.data_range.grain}. ROAS is contribution over spend in the window; marginal ROAS is the return on the next unit of spend added in proportion to current spend.</p>
<p class="note">${unitsText(r)}</p>
<figure><div class="chart-scroll" tabindex="0" role="region" aria-label="Contribution waterfall">${waterfallChart({ id: 'waterfall', target: r.target, steps: waterfallSteps(r), total: r.model_total, observedTotal: total })}</div><figcaption>Grey: intercept; light blue: controls; green: seasonality; blue: media channels; dark: the model total. Whiskers: each component's 90% interval. Diamond: observed total.</figcaption></figure>
${channelTable(r)}${baseTable(r)}${sumCheck(r)}</section>`;
}
