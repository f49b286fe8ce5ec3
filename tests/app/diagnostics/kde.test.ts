// Kernel density estimates of the PPC overlay: the bandwidth against R's bw.nrd0, the
// estimate against the direct formula evaluated in R, and a density that integrates to 1.
import { describe, expect, it } from 'vitest';
import { bandwidthNrd0, densityOverlay, gaussianKde, linearGrid } from '../../../src/app/diagnostics/kde';
import { fromDrawRows } from '../../../src/diagnostics/pointwise';

// Golden values from R 4.2.2 (Debian):
//   options(digits=17); for (x in list(c(3.1,-0.4,2.2,7.9,0.5,1.1,4.4,-2.6,3.3,0.0),
//     c(2,2,2,2,2,2,2,10), c(4,4,4), c(0,0))) print(bw.nrd0(x))
//   h <- bw.nrd0(x1); sapply(c(-5,0,2.5,10), function(t) mean(dnorm((t-x1)/h))/h)
const X1 = [3.1, -0.4, 2.2, 7.9, 0.5, 1.1, 4.4, -2.6, 3.3, 0.0];

describe('bandwidthNrd0', () => {
  it("matches R's bw.nrd0, including its fall-backs when the IQR or the sd is 0", () => {
    expect(bandwidthNrd0(X1)).toBeCloseTo(1.3243041278735399, 14);
    expect(bandwidthNrd0([2, 2, 2, 2, 2, 2, 2, 10])).toBeCloseTo(1.6794593847662536, 14); // IQR 0 → sd
    expect(bandwidthNrd0([4, 4, 4])).toBeCloseTo(2.8898696223368305, 14); // sd 0 → |x1|
    expect(bandwidthNrd0([0, 0])).toBeCloseTo(0.78349550696651171, 14); // all 0 → 1
  });
});

describe('gaussianKde', () => {
  it('equals the kernel sum R evaluates', () => {
    const h = bandwidthNrd0(X1);
    const f = gaussianKde(X1, [-5, 0, 2.5, 10], h);
    const r = [0.0059335656176675534, 0.1236750934329924057, 0.127105719643939713, 0.0085722982859148898];
    r.forEach((v, i) => expect(f[i]).toBeCloseTo(v, 14));
  });

  it('of one point is the normal density; skips non-finite values', () => {
    const f = gaussianKde([1, NaN, Infinity], [1, 2, -0.5], 0.5);
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / 0.5;
    expect(f[0]).toBeCloseTo(phi(0), 15);
    expect(f[1]).toBeCloseTo(phi(2), 15);
    expect(f[2]).toBeCloseTo(phi(-3), 15);
  });

  it('integrates to 1 over a grid wide enough (trapezoid rule)', () => {
    const h = bandwidthNrd0(X1);
    const g = linearGrid(-2.6 - 8 * h, 7.9 + 8 * h, 4001);
    const f = gaussianKde(X1, g, h);
    let area = 0;
    for (let i = 1; i < g.length; i++) area += ((f[i] + f[i - 1]) / 2) * (g[i] - g[i - 1]);
    expect(area).toBeCloseTo(1, 6);
  });
});

describe('densityOverlay', () => {
  it('picks draws evenly over all chains and spans every series shown', () => {
    // 2 chains × 5 draws × 3 observations; draw r holds r, r + 1, r + 2 (chain-major).
    const rows = Array.from({ length: 10 }, (_, r) => [r, r + 1, r + 2]);
    const pp = fromDrawRows(rows, 2);
    const d = densityOverlay([0.5, 1.5, 2.5], pp, 4, 50);
    expect(d.draws).toEqual([0, 2, 5, 7]);
    expect(d.replicated).toHaveLength(4);
    expect(d.grid[0]).toBeCloseTo(0 - 3 * d.bandwidth, 12);
    expect(d.grid[49]).toBeCloseTo(9 + 3 * d.bandwidth, 12);
    expect(d.bandwidth).toBeCloseTo(bandwidthNrd0([0.5, 1.5, 2.5]), 15);
    // Draw 7's density peaks near its own values (7..9), not near the observed ones.
    const peak = d.grid[d.replicated[3].indexOf(Math.max(...d.replicated[3]))];
    expect(peak).toBeGreaterThan(6.5);
    expect(peak).toBeLessThan(9.5);
  });
});
