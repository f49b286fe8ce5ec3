// Gap filling (MODEL.md §7): a missing cell takes the mean of the same position in the
// neighbouring cycles — for days, the same weekday in the nearest observed weeks before and
// after; for weeks, the nearest observed weeks before and after. Never zero, and every
// filled cell is returned so it can be flagged.

/** Observed neighbours taken on each side. */
export const NEIGHBOURS = 2;

export interface Imputation {
  filled: Float64Array;
  /** Indices that were NaN and now hold an imputed value. */
  imputed: number[];
  method: string;
}

export function imputeMethod(cycle: number, fallback: boolean): string {
  const base = cycle === 7
    ? `mean of the same weekday in the ${NEIGHBOURS} nearest observed weeks before and after`
    : `mean of the ${NEIGHBOURS} nearest observed periods before and after`;
  return fallback ? `${base} (nearest observed periods where that weekday had none)` : base;
}

/** Sum and count of up to `k` observed values walking from i by `step` (±). */
function walk(values: Float64Array, i: number, step: number, k: number): [number, number] {
  let sum = 0;
  let n = 0;
  for (let j = i + step; j >= 0 && j < values.length && n < k; j += step) {
    if (!Number.isNaN(values[j])) {
      sum += values[j];
      n++;
    }
  }
  return [sum, n];
}

/**
 * Fill the NaN cells of `values` (left untouched) from observed cells `cycle` apart; where
 * none exist at that position (a weekday never observed), from the nearest observed cells.
 * Cells stay NaN only when the series has no observed value at all.
 */
export function imputeSeries(values: Float64Array, cycle: 1 | 7): Imputation {
  const filled = values.slice();
  const imputed: number[] = [];
  let usedFallback = false;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) continue;
    let [s1, n1] = walk(values, i, -cycle, NEIGHBOURS);
    let [s2, n2] = walk(values, i, cycle, NEIGHBOURS);
    if (n1 + n2 === 0 && cycle !== 1) {
      [s1, n1] = walk(values, i, -1, NEIGHBOURS);
      [s2, n2] = walk(values, i, 1, NEIGHBOURS);
      usedFallback = true;
    }
    if (n1 + n2 === 0) continue;
    filled[i] = (s1 + s2) / (n1 + n2);
    imputed.push(i);
  }
  return { filled, imputed, method: imputeMethod(cycle, usedFallback) };
}
