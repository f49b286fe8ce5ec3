// Min, mean and max of a column for the data overview, ignoring non-finite cells.
export function seriesStats(v: ArrayLike<number>): { min: number | null; mean: number | null; max: number | null } {
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    n++;
    mean += (x - mean) / n;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return n === 0 ? { min: null, mean: null, max: null } : { min, mean, max };
}
