// Between InferenceData's nested arrays (chain × draw × dims...) and flat per-chain tables.
import type { NestedArray } from '../core/types';
import { shapeOf } from '../diagnostics/idata';

/** Shape along first elements and the leaves in row-major order (null kept as null). */
export function flattenWithShape(a: NestedArray): { shape: number[]; values: Array<number | null> } {
  const shape = shapeOf(a);
  const values: Array<number | null> = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    // A boolean leaf (ArviZ's diverging) is 1/0 as CmdStan writes divergent__.
    else values.push(typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : null);
  };
  walk(a);
  const expected = shape.reduce((p, n) => p * n, 1);
  if (values.length !== expected) throw new Error('array is not rectangular');
  return { shape, values };
}

/** Build a nested array of the given shape from row-major values. */
export function nest(values: ArrayLike<number | null>, shape: number[]): NestedArray {
  let offset = 0;
  const build = (depth: number): NestedArray | number => {
    if (depth === shape.length) return values[offset++] as number;
    return Array.from({ length: shape[depth] }, () => build(depth + 1)) as NestedArray;
  };
  return build(0) as NestedArray;
}

/**
 * Multi-indices of the trailing dims in Stan's CSV order: column-major, the first index
 * varying fastest (CmdStan writes matrix m as m.1.1, m.2.1, m.1.2, ...). Each entry gives the
 * 0-based index tuple and its row-major offset within one draw.
 */
export function stanOrder(dims: number[]): Array<{ index: number[]; offset: number }> {
  const total = dims.reduce((p, n) => p * n, 1);
  const out: Array<{ index: number[]; offset: number }> = [];
  for (let k = 0; k < total; k++) {
    const index: number[] = new Array(dims.length);
    let rest = k;
    for (let d = 0; d < dims.length; d++) {
      index[d] = rest % dims[d];
      rest = Math.floor(rest / dims[d]);
    }
    let offset = 0;
    for (let d = 0; d < dims.length; d++) offset = offset * dims[d] + index[d];
    out.push({ index, offset });
  }
  return out;
}
