// Rows of the per-parameter convergence table, ordered worst-first on any column, with each
// cell judged by the same thresholds as the readiness gates (gates.ts), so the table and
// the panel never disagree.
import { essGate, rhatGate, type GateStatus } from '../../diagnostics/gates';
import type { ParameterDiagnostics } from '../../diagnostics/summary';

export type ParameterColumn = 'key' | 'r_hat' | 'ess_bulk' | 'ess_tail' | 'mcse_mean';

export interface ParameterRow extends ParameterDiagnostics {
  key: string;
}

/** Which end of each column is bad: high R-hat and MCSE, low ESS. */
const HIGH_IS_WORSE: Record<Exclude<ParameterColumn, 'key'>, boolean> = { r_hat: true, ess_bulk: false, ess_tail: false, mcse_mean: true };

export function parameterRows(parameters: Record<string, ParameterDiagnostics>): ParameterRow[] {
  return Object.entries(parameters).map(([key, d]) => ({ key, ...d }));
}

/**
 * Rows sorted by a column. `worstFirst` puts the worst values on top; a value that could not
 * be computed (null) counts as the worst of all. Ties keep parameter order by name. The
 * name column sorts alphabetically (worstFirst = A→Z).
 */
export function sortParameterRows(rows: ParameterRow[], column: ParameterColumn, worstFirst = true): ParameterRow[] {
  const byKey = (a: ParameterRow, b: ParameterRow) => a.key.localeCompare(b.key, 'en', { numeric: true });
  if (column === 'key') return [...rows].sort((a, b) => (worstFirst ? byKey(a, b) : byKey(b, a)));
  const sign = HIGH_IS_WORSE[column] ? -1 : 1;
  const badness = (v: number | null) => (v === null ? -Infinity : sign * v);
  return [...rows].sort((a, b) => {
    const d = badness(a[column]) - badness(b[column]);
    if (d !== 0 && !Number.isNaN(d)) return worstFirst ? d : -d;
    return byKey(a, b);
  });
}

/** Pass / warn / fail of one cell by the gate's own thresholds; null for columns without a gate. */
export function cellStatus(column: ParameterColumn, row: ParameterRow): GateStatus | null {
  const v = row[column as keyof ParameterDiagnostics];
  const value = v ?? NaN;
  if (column === 'r_hat') return rhatGate([{ key: row.key, value }]).status;
  if (column === 'ess_bulk') return essGate([{ key: row.key, value }], 'bulk').status;
  if (column === 'ess_tail') return essGate([{ key: row.key, value }], 'tail').status;
  return null;
}
