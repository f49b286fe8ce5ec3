import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestToOrigin, crowdingDistance, dominates, nonDominatedFronts, selectSurvivors } from '../../src/ridge/pareto';
import { decompRssd, nrmse } from '../../src/ridge/objectives';

/** Brute force: peel off the points no remaining point dominates. */
function bruteFronts(points: number[][]): number[] {
  const front = new Array(points.length).fill(0);
  let left = points.map((_, i) => i);
  for (let f = 1; left.length > 0; f++) {
    const now = left.filter((i) => !left.some((j) => dominates(points[j], points[i])));
    for (const i of now) front[i] = f;
    left = left.filter((i) => !now.includes(i));
  }
  return front;
}

// Small integer grids make ties and duplicates common, the cases that break sloppy code.
const cloud = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 });

describe('Pareto machinery', () => {
  it('dominance is strict on at least one objective', () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 3], [1, 3])).toBe(false);
    expect(dominates([0, 4], [1, 3])).toBe(false);
  });

  it('non-dominated sorting equals brute-force peeling', () => {
    fc.assert(
      fc.property(cloud, (pts) => {
        expect(Array.from(nonDominatedFronts(pts))).toEqual(bruteFronts(pts));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('survivor selection keeps whole better fronts first', () => {
    fc.assert(
      fc.property(cloud, fc.integer({ min: 1, max: 40 }), (pts, k) => {
        const count = Math.min(k, pts.length);
        const keep = selectSurvivors(pts, count);
        expect(new Set(keep).size).toBe(count);
        const fronts = nonDominatedFronts(pts);
        const worstKept = Math.max(...keep.map((i) => fronts[i]));
        for (let i = 0; i < pts.length; i++) if (fronts[i] < worstKept) expect(keep).toContain(i);
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('crowding distance: boundary points infinite, interior the normalised side lengths (Deb et al. 2002)', () => {
    // One front on the line x + y = 4: (0,4) (1,3) (3,1) (4,0). Ranges 4 and 4.
    const pts = [[0, 4], [1, 3], [3, 1], [4, 0]];
    const d = crowdingDistance(pts, [0, 1, 2, 3]);
    expect(d.get(0)).toBe(Infinity);
    expect(d.get(3)).toBe(Infinity);
    expect(d.get(1)).toBeCloseTo((3 - 0) / 4 + (4 - 1) / 4, 14);
    expect(d.get(2)).toBeCloseTo((4 - 1) / 4 + (3 - 0) / 4, 14);
  });

  it("Robyn's pick: smallest distance to the origin after min-max normalisation", () => {
    // Normalised: a (0, 1), b (0.25, 0.2), c (1, 0): b wins (0.0625 + 0.04 < 1).
    const pts = [[1, 10], [2, 2.8], [5, 1]];
    expect(closestToOrigin(pts, [0, 1, 2])).toBe(1);
    // An infinite objective counts as the worst finite one (3 here): normalised
    // (0, 1), (.5, .1), (1, 0), (.6, 1) → scores 1, .26, 1, 1.36.
    expect(closestToOrigin([[1, Infinity], [2, 1.2], [3, 1], [2.2, 3]], [0, 1, 2, 3])).toBe(1);
    // A tie goes to the lower index.
    expect(closestToOrigin([[1, 2], [2, 1]], [1, 0])).toBe(0);
  });
});

describe("Robyn's objectives", () => {
  it('NRMSE = RMSE / (max y − min y), by hand', () => {
    // y = (1, 2, 3, 6), ŷ = (1, 3, 3, 4): errors 0, −1, 0, 2 → RMSE = sqrt(5/4); range 5.
    expect(nrmse([1, 2, 3, 6], [1, 3, 3, 4], 5)).toBeCloseTo(Math.sqrt(1.25) / 5, 15);
  });

  it('DECOMP.RSSD = distance of effect shares from spend shares, by hand', () => {
    // Effects 30, 10 → shares .75, .25; spend shares .5, .5: sqrt(.0625 + .0625).
    expect(decompRssd([30, 10], [0.5, 0.5], true)).toBeCloseTo(Math.sqrt(0.125), 15);
    // A zero effect share adds (1 + 1/3): rssd_zero_penalty.
    const plain = Math.sqrt((0.75 - 0.5) ** 2 + (0.25 - 0.3) ** 2 + 0.2 ** 2);
    expect(decompRssd([30, 10, 0], [0.5, 0.3, 0.2], true)).toBeCloseTo(plain * (4 / 3), 15);
    expect(decompRssd([30, 10, 0], [0.5, 0.3, 0.2], false)).toBeCloseTo(plain, 15);
    expect(decompRssd([0, 0], [0.5, 0.5], true)).toBe(Infinity);
  });
});
