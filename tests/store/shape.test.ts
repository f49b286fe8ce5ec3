// nestedShape: the fast walk (no allocation per value) must accept exactly the rectangular
// arrays of numbers and nulls, and a damaged one must still be named at its first bad index.
// Oracle: arrays built with a known shape and one known defect.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestedShape } from '../../src/store/shape';

function build(shape: number[], leaf: (at: number[]) => unknown, at: number[] = []): unknown {
  if (at.length === shape.length) return leaf(at);
  return Array.from({ length: shape[at.length] }, (_, i) => build(shape, leaf, [...at, i]));
}

const shapes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

describe('nestedShape', () => {
  it('a rectangular array of numbers and nulls (NaN, -0, Infinity included) has its shape', () => {
    fc.assert(
      fc.property(shapes, fc.array(fc.oneof(fc.double(), fc.constant(null)), { minLength: 1 }), (shape, pool) => {
        let k = 0;
        const a = build(shape, () => pool[k++ % pool.length]);
        expect(nestedShape(a)).toEqual({ shape });
      }),
    );
  });

  it('one bad leaf anywhere is found and named by its index', () => {
    fc.assert(
      fc.property(shapes, fc.nat(), fc.constantFrom<unknown>('abc', undefined, true, {}, 1n), (shape, pick, bad) => {
        const total = shape.reduce((p, n) => p * n, 1);
        const target = pick % total;
        let k = 0;
        let where: number[] = [];
        const a = build(shape, (at) => {
          if (k++ === target) {
            where = at;
            return bad;
          }
          return 1.5;
        });
        const s = nestedShape(a);
        expect('problem' in s).toBe(true);
        if ('problem' in s) expect(s.problem).toContain(where.length ? `at [${where.join('][')}], not a number` : 'not a number');
      }),
    );
  });

  it('a row of the wrong length at any depth is not rectangular, named where', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 4 }), fc.nat(), (shape, pick) => {
        const a = build(shape, () => 0) as unknown[];
        // Walk to a row at depth 1..len−1 chosen by `pick` and drop its last entry.
        const depth = 1 + (pick % (shape.length - 1));
        const path: number[] = [];
        let row = a;
        // The last index is at least 1: the shape is read off the first row of each level,
        // so a shortened first row would make its longer siblings the ones named.
        for (let d = 0; d < depth; d++) {
          const i = d === depth - 1 ? 1 + ((pick >> d) % (shape[d] - 1)) : (pick >> d) % shape[d];
          path.push(i);
          row = row[i] as unknown[];
        }
        row.pop();
        const s = nestedShape(a);
        expect(s).toEqual({ problem: `is not rectangular at [${path.join('][')}] (length ${shape[depth] - 1}, expected ${shape[depth]})` });
      }),
    );
  });
});
