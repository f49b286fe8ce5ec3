// The lift-test agreement table of a calibrated run: each test's Δy ± σ beside the fitted
// model's implied lift per period (MODEL.md §6 steady state, src/calibration/lift-agreement.ts)
// with its 90% interval, z = (implied mean − Δy) / σ, and |z| > 2 flagged, as the studio's
// calibration panel does. Test labels and channel names are user text: html.ts escapes them.
import type { LiftAgreement } from '../../calibration/lift-agreement';
import { html, type SafeHtml } from '../html';
import { fmtQuantity } from '../format';

/** The flag threshold in test sigmas (liftAgreement's `disagrees`). */
const Z_FLAG = 2;

function zText(z: number | null): string {
  if (z === null) return 'n/a';
  const shown = z.toFixed(2);
  return shown === '0.00' || shown === '-0.00' ? '0.00' : `${z > 0 ? '+' : ''}${shown}`;
}

function verdict(a: LiftAgreement): SafeHtml {
  if (a.z === null) return html`<span class="badge warn">n/a</span> implied lift not computable`;
  return a.disagrees
    ? html`<span class="badge fail">flagged</span> model ${a.z > 0 ? 'above' : 'below'} the test by more than ${Z_FLAG} σ`
    : html`<span class="badge pass">agrees</span> within ${Z_FLAG} σ`;
}

function row(a: LiftAgreement): SafeHtml {
  const e = a.implied;
  const implied = e.mean === null ? 'n/a' : `${fmtQuantity(e.mean)} [${fmtQuantity(e.q05)}, ${fmtQuantity(e.q95)}]`;
  return html`<tr><th scope="row">${a.label}</th><td>${a.channel}</td><td class="num">${fmtQuantity(a.delta_y)} ± ${fmtQuantity(a.sigma)}</td><td class="num">${implied}</td><td class="num">${zText(a.z)}</td><td>${verdict(a)}</td></tr>`;
}

/** Nothing when the run has no lift test (or the agreement was not computed). */
export function liftAgreementTable(rows: readonly LiftAgreement[] | undefined): SafeHtml {
  if (!rows || rows.length === 0) return html``;
  const flagged = rows.filter((a) => a.disagrees).length;
  const caption = `Lift-test agreement: the fitted model's implied lift per period against each test (${flagged === 0 ? 'all agree' : `${flagged} of ${rows.length} flagged`})`;
  return html`<table class="compact" data-testid="lift-agreement"><caption>${caption}</caption><thead><tr><th scope="col">Test</th><th scope="col">Channel</th><th scope="col">Test Δy ± σ</th><th scope="col">Model-implied lift [90%]</th><th scope="col">z</th><th scope="col">Agreement</th></tr></thead><tbody>${rows.map(row)}</tbody></table>`;
}
