// Pointwise draws (log-likelihood, posterior predictive): chain × draw × observation in
// one Float64Array, the layout of InferenceData's `log_likelihood.y` flattened row-major.

export interface PointwiseDraws {
  nChains: number;
  nDraws: number;
  nObs: number;
  /** Value of (chain c, draw d, observation i) at ((c · nDraws) + d) · nObs + i. */
  values: Float64Array;
}

/** Draws of one observation, all chains in order (length nChains · nDraws). */
export function observationColumn(m: PointwiseDraws, i: number, out?: Float64Array): Float64Array {
  const s = m.nChains * m.nDraws;
  const col = out ?? new Float64Array(s);
  for (let r = 0; r < s; r++) col[r] = m.values[r * m.nObs + i];
  return col;
}

/** Draws of one observation split per chain. */
export function observationChains(m: PointwiseDraws, i: number): Float64Array[] {
  const col = observationColumn(m, i);
  return Array.from({ length: m.nChains }, (_, c) => col.subarray(c * m.nDraws, (c + 1) * m.nDraws));
}

/** Build from an S × N matrix (rows = draws, chain-major) and the number of chains. */
export function fromDrawRows(rows: ArrayLike<number>[], nChains: number): PointwiseDraws {
  const s = rows.length;
  if (nChains < 1 || s % nChains !== 0) throw new Error(`${s} draws cannot be split into ${nChains} equal chains`);
  const nObs = rows[0]?.length ?? 0;
  const values = new Float64Array(s * nObs);
  rows.forEach((r, k) => {
    if (r.length !== nObs) throw new Error(`draw ${k + 1} has ${r.length} values, expected ${nObs}`);
    for (let i = 0; i < nObs; i++) values[k * nObs + i] = r[i];
  });
  return { nChains, nDraws: s / nChains, nObs, values };
}
