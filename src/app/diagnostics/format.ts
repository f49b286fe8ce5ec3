// Number text of the Diagnostics area: a number that cannot be computed shows as "—".
import type { Gate } from '../../diagnostics/gates';

const ok = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** `digits` significant digits, without trailing zeros. */
export const fmt = (v: number | null | undefined, digits = 3): string => (ok(v) ? Number(v.toPrecision(digits)).toString() : '—');
/**
 * A value on the outcome's scale with `digits` significant digits, large ones with k / M / B
 * as the Results tables write money ("1.822M", "716.2k"): fmt alone printed 1.822 million as
 * "1822000", which reads as an exact count and is hard to compare with the Results step.
 */
export function fmtScaled(v: number | null | undefined, digits = 4): string {
  if (!ok(v)) return '—';
  const a = Math.abs(v);
  // From 10,000 up, as results/format.ts num(): "9500" stays a plain number.
  for (const [unit, div, from] of [['B', 1e9, 1e9], ['M', 1e6, 1e6], ['k', 1e3, 1e4]] as const) if (a >= from) return `${fmt(v / div, digits)}${unit}`;
  return fmt(v, digits);
}
/** Whole numbers with thousands separators (ESS, counts). */
export const int = (v: number | null | undefined): string => (ok(v) ? Math.round(v).toLocaleString('en-US') : '—');
export const pct = (v: number | null | undefined, decimals = 0): string => (ok(v) ? `${(100 * v).toFixed(decimals)}%` : '—');
/** "estimate ± se". */
export const pm = (v: number | null | undefined, se: number | null | undefined, decimals = 1): string =>
  ok(v) ? `${v.toFixed(decimals)}${ok(se) ? ` ± ${se.toFixed(decimals)}` : ''}` : '—';

export const GATE_LABELS: Record<string, string> = {
  r_hat: 'R-hat (chains agree)',
  ess_bulk: 'Bulk effective sample size',
  ess_tail: 'Tail effective sample size',
  divergences: 'Divergent transitions',
  tree_depth: 'Maximum tree depth',
  e_bfmi: 'E-BFMI (energy)',
  ppc_coverage_90: '90% interval coverage',
  pareto_k: 'Pareto k (PSIS-LOO)',
};

export const STATUS_TEXT = { pass: '✓ Pass', warn: '! Warn', fail: '✗ Fail' } as const;

/** The judged value of a gate in the units its threshold uses. */
export function gateValue(name: string, g: Gate): string {
  if (g.value === null) return '—';
  if (name === 'ppc_coverage_90') return pct(g.value, 1);
  if (name === 'ess_bulk' || name === 'ess_tail' || name === 'divergences' || name === 'tree_depth') return int(g.value);
  if (name === 'r_hat') return fmt(g.value, 4);
  return fmt(g.value, 3);
}
