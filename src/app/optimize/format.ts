// Spend and outcome amounts as the Results step writes them (../results/format.ts), except
// that nothing is written "0" rather than "0.0" (a channel a scenario empties).
import { num } from '../results/format';

export function amount(v: number | null | undefined): string {
  return v === 0 ? '0' : num(v);
}

/**
 * An amount as an input shows it before anyone types there: cents for amounts of 1 or more,
 * four significant digits below 1 — "19.03", not the "19.0289259232429" a sum of spends
 * gives. Only the display rounds: the form keeps the exact value until the user edits it.
 */
export function inputAmount(v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return v;
  return Math.abs(v) >= 1 ? Math.round(v * 100) / 100 : Number(v.toPrecision(4));
}
