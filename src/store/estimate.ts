// Posterior summaries for the runs library's side-by-side comparison: the MODEL.md §8
// "estimate" (mean, sd, q05, q50, q95) of every scalar of the posterior group.
import type { Estimate, NestedArray } from '../core/types';
import { flatten, nestedShape } from './shape';

export { estimate, quantileSorted } from '../core/estimate';
import { estimate } from '../core/estimate';

/**
 * One estimate per scalar of a posterior variable, pooled over chain × draw. Keys follow
 * MODEL.md §8: `name` for scalars, `name[coord]` along a single extra dimension.
 */
export function variableEstimates(name: string, arr: NestedArray, coords: ReadonlyArray<string | number> | undefined): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  const s = nestedShape(arr);
  if ('problem' in s) return out;
  const flat = flatten(arr);
  const width = s.shape.slice(2).reduce((a, b) => a * b, 1);
  const n = flat.length / width;
  const column = new Float64Array(n);
  for (let j = 0; j < width; j++) {
    for (let i = 0; i < n; i++) column[i] = flat[i * width + j];
    const key = s.shape.length === 2 ? name : `${name}[${coords?.[j] ?? j}]`;
    out.set(key, estimate(column));
  }
  return out;
}
