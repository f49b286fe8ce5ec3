// The warning for a chosen-model value outside its own 90% interval (summarise.ts). With the
// intervals built on the bias-corrected estimate (debias.ts) that happens when the penalty moves
// the point by more than the noise could, and the table would otherwise show a point outside its
// interval without saying why. Numbers as the table shows them (message-format.ts).
import type { Estimate, UserError } from '../core/types';
import { digitsApart, numFiner, pctFiner, shown } from './message-format';
import type { RidgeChannelResult } from './types';

type Fmt = (v: number, extra: number) => string;

/** "label v lies below|above its 90% interval [q05, q95]", or null when v is inside or there is no interval. */
function outside(label: string, v: number, e: Estimate, fmt: Fmt): string | null {
  const { q05, q95 } = e;
  if (q05 === null || q95 === null || (q05 <= v && v <= q95)) return null;
  const below = v < q05;
  const extra = digitsApart(v, below ? q05 : q95, fmt);
  return `${label} ${fmt(v, extra)} lies ${below ? 'below' : 'above'} its 90% interval [${fmt(q05, extra)}, ${fmt(q95, extra)}]`;
}

/**
 * One warning per channel with a value outside its interval — contribution (and with it ROAS,
 * the same interval scaled), marginal ROAS, effect share. lambdaHp: the chosen model's lambda
 * hyperparameter in [0, 1].
 */
export function pointOutside(channels: Record<string, RidgeChannelResult>, lambdaHp: number): UserError[] {
  const out: UserError[] = [];
  for (const [name, ch] of Object.entries(channels)) {
    const parts = [
      outside('contribution', ch.point.contribution, ch.contribution, numFiner),
      outside('marginal ROAS', ch.point.marginal_roas, ch.marginal_roas, numFiner),
      outside('effect share', ch.point.effect_share, ch.effect_share, pctFiner),
    ].filter((p): p is string => p !== null);
    if (parts.length === 0) continue;
    out.push({
      severity: 'warning',
      channel: name,
      message: `channel "${name}": the chosen model's ${parts.join('; its ')}`,
      hint:
        `The penalty (lambda ${shown(lambdaHp)}) moves this channel's estimates by more than the noise could; the intervals are for the effects with that shrinkage taken out. ` +
        'A model with a smaller lambda on the Pareto front is shrunk less.',
    });
  }
  return out;
}
