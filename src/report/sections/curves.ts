// Section "Response curves and marginal ROAS": per channel, total contribution and the
// return on the next unit of spend against spend per period, with 50% and 90% bands and the
// current spend marked.
import { html, type SafeHtml } from '../html';
import { bandCurveChart } from '../charts/band-curve';
import type { ReportInput } from '../types';

export function curvesSection(r: ReportInput, provisional: boolean): SafeHtml {
  const d = r.metadata.data_range;
  const grain = d.grain;
  const figures = r.curves.map((c, i) => {
    const common = { x: c.spend_per_period, marker: { x: c.current_spend_per_period, label: 'current' }, xTitle: `${c.channel} spend per ${grain}` };
    const response = bandCurveChart({
      ...common,
      id: `response-${i}`,
      kind: 'response',
      title: `${c.channel}: response curve`,
      yTitle: `${r.target}, total over ${d.rows} ${grain}s`,
      description: `Total contribution of ${c.channel} over the data window if its spend in every ${grain} were scaled, with 50% and 90% bands.`,
      bands: c.contribution,
    });
    const marginal = bandCurveChart({
      ...common,
      id: `marginal-${i}`,
      kind: 'marginal-roas',
      title: `${c.channel}: marginal ROAS`,
      yTitle: `${r.target} per extra unit`,
      description: `Return on the next unit of ${c.channel} spend at each spend level, with 50% and 90% bands.`,
      bands: c.marginal_roas,
    });
    return html`<figure class="curve-pair">${response}${marginal}</figure>`;
  });
  return html`<section id="curves" aria-labelledby="curves-h"><h2 id="curves-h">Response curves and marginal ROAS${provisional ? html` <span class="badge fail">provisional</span>` : ''}</h2>
<p>Each channel's spend scaled from 0 to 3× its mean per ${grain} (other channels as observed). Left: the channel's total contribution to ${r.target} over the ${d.rows} ${grain}s of data against its spend per ${grain}; right: the ${r.target} the next unit of spend returns. Line: posterior mean; dark band: 50% interval; light band: 90% interval; dashed: current mean spend.</p>
<div class="curves">${figures}</div></section>`;
}
