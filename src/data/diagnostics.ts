// Pre-model diagnostics: Pearson correlations and variance inflation factors.
// VIF_j = 1 / (1 − R²_j), R²_j from regressing column j on the others with an intercept
// (Marquardt 1970). On standardised columns 1 − R²_j is the residual of j after sweeping
// the other columns out of the correlation matrix (Goodnight 1979, "A tutorial on the
// SWEEP operator"); sweeping skips pivots that are already explained, so perfectly
// collinear sets give VIF = ∞ (reported as null with a warning), not a crash.
import type { Dataset, UserError } from '../core/types';
import { warning } from './errors';

export interface NamedSeries {
  name: string;
  values: Float64Array;
}

/** Correlation threshold for the heatmap is the UI's; VIF above this is flagged (a common rule). */
export const VIF_WARNING = 10;
const TOL = 1e-10;

/** Centred, unit-length columns (zero vector for a constant column). */
function standardise(values: Float64Array): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  // A plain loop: Float64Array.from with a map function goes through the iterator protocol,
  // ~50x slower, and the studio runs this on the page's thread for the data overview.
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (values[i] - mean) * scale;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * f(i, j) for every pair, computed once per unordered pair and mirrored: dot(a, b) and
 * dot(b, a) add the same products in the same order, so the mirror is exact, and a long
 * daily file (15,000 periods × 60 series) costs half the time.
 */
function symmetric<T>(n: number, diagonal: (i: number) => T, f: (i: number, j: number) => T): T[][] {
  const out: T[][] = Array.from({ length: n }, () => new Array<T>(n));
  for (let i = 0; i < n; i++) {
    out[i][i] = diagonal(i);
    for (let j = i + 1; j < n; j++) out[i][j] = out[j][i] = f(i, j);
  }
  return out;
}

/** Pearson correlation matrix; null entries where a column is constant. */
export function correlationMatrix(columns: readonly NamedSeries[]): { names: string[]; values: Array<Array<number | null>> } {
  const z = columns.map((c) => standardise(c.values));
  const constant = z.map((v) => v.every((x) => x === 0));
  const values = symmetric<number | null>(
    z.length,
    (i) => (constant[i] ? null : 1),
    (i, j) => (constant[i] || constant[j] ? null : Math.max(-1, Math.min(1, dot(z[i], z[j])))),
  );
  return { names: columns.map((c) => c.name), values };
}

/** Residual of column j after sweeping the others (in place on a copy of the correlation matrix). */
function residualAfterSweep(r: number[][], j: number): number {
  const a = r.map((row) => row.slice());
  const p = a.length;
  for (let k = 0; k < p; k++) {
    if (k === j || a[k][k] < TOL) continue; // an explained (collinear) column adds nothing
    const d = a[k][k];
    for (let i = 0; i < p; i++) {
      if (i === k) continue;
      for (let m = 0; m < p; m++) if (m !== k) a[i][m] -= (a[i][k] * a[k][m]) / d;
    }
    for (let i = 0; i < p; i++) if (i !== k) {
      a[i][k] /= d;
      a[k][i] /= d;
    }
    a[k][k] = -1 / d;
  }
  return a[j][j];
}

/** VIF of each column given all the others; null for constant columns. Infinity when perfectly collinear. */
export function varianceInflation(columns: readonly NamedSeries[]): Array<{ name: string; vif: number | null; r2: number | null }> {
  const z = columns.map((c) => standardise(c.values));
  const live = z.map((v) => v.some((x) => x !== 0));
  const idx = z.map((_, i) => i).filter((i) => live[i]);
  const r = symmetric(idx.length, () => 1, (a, b) => dot(z[idx[a]], z[idx[b]]));
  return columns.map((c, i) => {
    const k = idx.indexOf(i);
    if (k < 0) return { name: c.name, vif: null, r2: null };
    const resid = idx.length === 1 ? 1 : residualAfterSweep(r, k);
    if (resid < TOL) return { name: c.name, vif: Infinity, r2: 1 };
    return { name: c.name, vif: 1 / resid, r2: 1 - resid };
  });
}

export interface PreModelDiagnostics {
  correlation: { names: string[]; values: Array<Array<number | null>> };
  /** VIF of each media column and control, computed over all of them. */
  vif: Array<{ name: string; kind: 'channel' | 'control'; vif: number | null; r2: number | null }>;
  warnings: UserError[];
}

export function preModelDiagnostics(d: Dataset): PreModelDiagnostics {
  const media = d.channels.map((c) => ({ name: c.name, values: c.spend }));
  const correlation = correlationMatrix([{ name: d.target.name, values: d.target.values }, ...media, ...d.controls]);
  const vifs = varianceInflation([...media, ...d.controls]).map((v, i) => ({ ...v, kind: i < media.length ? ('channel' as const) : ('control' as const) }));
  const warnings: UserError[] = [];
  for (const v of vifs) {
    if (v.kind !== 'channel' || v.vif === null || v.vif <= VIF_WARNING) continue;
    const what = Number.isFinite(v.vif) ? `VIF ${v.vif.toFixed(1)} > ${VIF_WARNING}` : 'perfectly collinear with other columns';
    warnings.push(warning(`Channel ${v.name}: ${what}; its effect is hard to tell apart from the others`, { channel: v.name }, 'consider merging channels that always move together, or informative priors / lift tests'));
  }
  return { correlation, vif: vifs.map((v) => ({ ...v, vif: v.vif !== null && Number.isFinite(v.vif) ? v.vif : null })), warnings };
}
