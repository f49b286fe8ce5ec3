// An estimate in a table cell: the mean on its own line and its 90% interval under it, in
// smaller muted type (styles.ts `.ci`), so a narrow column (a phone, an A4 page with seven
// columns) wraps between the two instead of inside "(90% interval 267.0k to 3.19M)". The
// text a reader or a screen reader gets is exactly fmtEst's.
import { html, type SafeHtml } from './html';
import { fmtEst, fmtQuantity, type Formatter } from './format';
import type { Estimate } from '../core/types';

export function estCell(e: Estimate | null | undefined, f: Formatter = fmtQuantity): SafeHtml {
  const text = fmtEst(e, f);
  const cut = text.indexOf(' (90% interval ');
  if (cut < 0) return html`${text}`;
  return html`${text.slice(0, cut)} <span class="ci">${text.slice(cut + 1)}</span>`;
}
