// The diverging stack of contributions over time: every period's positive parts add up to
// the top of the upper stack and the negative ones to the bottom of the lower, and the two
// together to the net (Σ of the components' means), checked against sums done by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signedStack } from '../../src/app/results/signed-stack';

describe('signedStack', () => {
  it('splits a sign-changing component into both sides; one-signed components stay on their side', () => {
    const s = signedStack([
      { name: 'Intercept', mean: [10, 10, 10] },
      { name: 'Seasonality', mean: [2, -3, 0] },
      { name: 'price', mean: [-1, -1, -4] },
      { name: 'tv', mean: [5, 0, 1] },
    ]);
    expect(s.above.map((p) => p.name)).toEqual(['Intercept', 'Seasonality', 'tv']);
    expect(s.below.map((p) => p.name)).toEqual(['Seasonality', 'price']);
    expect(s.above[1]).toEqual({ index: 1, name: 'Seasonality', y: [2, 0, 0] });
    expect(s.below[0]).toEqual({ index: 1, name: 'Seasonality', y: [0, -3, 0] });
    expect(s.below[1].index).toBe(2);
    expect(s.net).toEqual([16, 6, 7]);
  });

  it('a period with a non-finite mean has no value on either side and no net', () => {
    const s = signedStack([
      { name: 'a', mean: [1, NaN] },
      { name: 'b', mean: [-2, 3] },
    ]);
    expect(s.above[0].y).toEqual([1, null]);
    expect(s.net).toEqual([-1, null]);
  });

  it('property: above ≥ 0, below ≤ 0, their column sums add to the net, each part sums back to its component', () => {
    const comps = fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(comps, (means) => {
        const s = signedStack(means.map((mean, i) => ({ name: `c${i}`, mean })));
        for (let t = 0; t < 6; t++) {
          const top = s.above.reduce((a, p) => a + (p.y[t] as number), 0);
          const bottom = s.below.reduce((a, p) => a + (p.y[t] as number), 0);
          const byHand = means.reduce((a, m) => a + m[t], 0);
          expect(s.above.every((p) => (p.y[t] as number) >= 0)).toBe(true);
          expect(s.below.every((p) => (p.y[t] as number) <= 0)).toBe(true);
          expect(top + bottom).toBeCloseTo(byHand, 3);
          expect(s.net[t]).toBeCloseTo(byHand, 3);
        }
        means.forEach((m, i) => {
          const up = s.above.find((p) => p.index === i)?.y ?? [];
          const down = s.below.find((p) => p.index === i)?.y ?? [];
          m.forEach((v, t) => expect(((up[t] as number) ?? 0) + ((down[t] as number) ?? 0) === v).toBe(true));
        });
      }),
    );
  });
});
