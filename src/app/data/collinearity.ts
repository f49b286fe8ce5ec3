// Collinearity checks shown before modelling: the Pearson correlation matrix of the media
// and control columns, and the variance inflation factor of each, VIF_j = 1 / (1 - R_j²)
// with R_j² from regressing column j on all the others with an intercept. VIF_j is also
// the j-th diagonal entry of the inverse correlation matrix (e.g. Belsley, Kuh & Welsch
// 1980, "Regression Diagnostics", §3.1), which is how it is computed here.

export interface NamedSeries {
  name: string;
  values: ArrayLike<number>;
}

/** Pearson correlation matrix; null entries where a column has zero variance. */
export function correlationMatrix(cols: NamedSeries[]): Array<Array<number | null>> {
  const n = cols.length;
  const z = cols.map((c) => standardize(c.values));
  const out: Array<Array<number | null>> = [];
  for (let i = 0; i < n; i++) {
    out.push([]);
    for (let j = 0; j < n; j++) {
      const a = z[i];
      const b = z[j];
      if (!a || !b) {
        out[i].push(null);
        continue;
      }
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t] * b[t];
      out[i].push(i === j ? 1 : Math.max(-1, Math.min(1, s)));
    }
  }
  return out;
}

/** (x - mean) / sqrt(sum (x - mean)²), so that dot products are correlations; null if constant. */
function standardize(v: ArrayLike<number>): Float64Array | null {
  let mean = 0;
  for (let t = 0; t < v.length; t++) mean += (v[t] - mean) / (t + 1);
  const out = new Float64Array(v.length);
  let ss = 0;
  for (let t = 0; t < v.length; t++) {
    out[t] = v[t] - mean;
    ss += out[t] * out[t];
  }
  if (!(ss > 1e-300 * v.length) || !Number.isFinite(ss)) return null;
  const s = Math.sqrt(ss);
  for (let t = 0; t < v.length; t++) out[t] /= s;
  return out;
}

export interface VifRow {
  name: string;
  /** null when the column is constant (no variance to inflate); Infinity when it is an exact combination of others. */
  vif: number | null;
}

export const VIF_WARNING = 10;

/** VIF of each column against all other non-constant columns. */
export function varianceInflation(cols: NamedSeries[]): VifRow[] {
  const r = correlationMatrix(cols);
  const usable = cols.map((_, i) => r[i][i] !== null);
  const idx = cols.map((_, i) => i).filter((i) => usable[i]);
  const m = idx.map((i) => idx.map((j) => r[i][j] as number));
  const inv = invertSymmetric(m);
  return cols.map((c, i) => {
    if (!usable[i]) return { name: c.name, vif: null };
    if (idx.length === 1) return { name: c.name, vif: 1 };
    const k = idx.indexOf(i);
    const d = inv ? inv[k][k] : Infinity;
    return { name: c.name, vif: Number.isFinite(d) && d > 0 ? d : Infinity };
  });
}

/** Gauss–Jordan inverse with partial pivoting; null when (numerically) singular. */
export function invertSymmetric(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    // Pivot below 1e-12 of a correlation matrix's unit diagonal: R² > 1 - 1e-12, VIF beyond 1e12.
    if (Math.abs(m[p][c]) < 1e-12) return null;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c || m[r][c] === 0) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}
