// Oracles for the SBC ranks and uniformity checks (src/checks/sbc*.ts):
// - the chi-square tail against textbook critical values and the closed form for even df;
// - a conjugate normal model whose exact posterior we can draw from: its ranks pass, a
//   shifted, a too narrow and a too wide "posterior" fail with the right direction, and an
//   autocorrelated chain fails unthinned but passes thinned (Talts et al. 2018 §4.1);
// - the simultaneous ECDF band's coverage measured on fresh uniform samples is 95%
//   (Säilynoja, Bürkner & Vehtari 2022 §2.2), and the pointwise 95% band would not be.
// Seeds were fixed before any run.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { chiSquareUniform, directionHint, ecdfBand, ecdfInBand, gammaQ, rankShape, sbcRank, thinnedIndices, uniformityReport } from '../../src/checks/sbc';

describe('thinnedIndices and sbcRank', () => {
  it('spreads L distinct indices evenly over n draws', () => {
    const idx = thinnedIndices(2000, 99);
    expect(idx.length).toBe(99);
    for (let i = 1; i < 99; i++) expect(idx[i] - idx[i - 1]).toBeGreaterThanOrEqual(20);
    expect(idx[0]).toBe(10);
    expect(idx[98]).toBe(1989);
    expect(Array.from(thinnedIndices(5, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(() => thinnedIndices(10, 11)).toThrow(RangeError);
  });

  it('counts draws below the truth; ties share the rank uniformly; non-finite gives null', () => {
    const rng = new Rng(3);
    const draws = [0.5, 0.1, 0.9, 0.3];
    expect(sbcRank(0.4, draws, [0, 1, 2, 3], rng)).toBe(2);
    expect(sbcRank(-1, draws, [0, 1, 2, 3], rng)).toBe(0);
    expect(sbcRank(2, draws, [0, 1, 2, 3], rng)).toBe(4);
    expect(sbcRank(0.4, [0.1, NaN], [0, 1], rng)).toBeNull();
    expect(sbcRank(NaN, draws, [0], rng)).toBeNull();
    // Truth equal to all 4 selected draws: rank uniform on 0..4.
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[sbcRank(1, [1, 1, 1, 1], [0, 1, 2, 3], rng)!]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(4 * Math.sqrt(1000 * 0.8));
  });
});

describe('chi-square', () => {
  it('upper tail matches textbook 5% critical values and the even-df closed form', () => {
    // 0.95 quantiles of χ² (NIST/SEMATECH e-Handbook, Table 1.3.6.7.4; df 99 from R qchisq).
    for (const [df, x] of [[1, 3.841459], [4, 9.487729], [9, 16.918978], [19, 30.143527], [99, 123.225221]]) expect(gammaQ(df / 2, x / 2)).toBeCloseTo(0.05, 6);
    // Even df = 2k: Q(k, x) = e^{-x} Σ_{j<k} x^j / j! (Poisson CDF).
    for (const k of [1, 3, 10]) {
      for (const x of [0.2, 4, 25]) {
        let term = 1;
        let sum = 0;
        for (let j = 0; j < k; j++) {
          sum += term;
          term *= x / (j + 1);
        }
        expect(gammaQ(k, x)).toBeCloseTo(Math.exp(-x) * sum, 12);
      }
    }
  });

  it('bins of unequal width get their exact expected counts: every rank once gives 0', () => {
    const ranks = Array.from({ length: 100 }, (_, i) => i);
    for (const bins of [20, 7, 3, 100]) {
      const r = chiSquareUniform(ranks, 99, bins);
      expect(r.statistic).toBeCloseTo(0, 12);
      expect(r.df).toBe(bins - 1);
    }
    expect(() => chiSquareUniform([100], 99)).toThrow(RangeError);
  });
});

describe('rank shape and direction hint', () => {
  it('every rank once: both z are 0; a pile in the lowest tenth is a shift, not "both ends"', () => {
    const all = Array.from({ length: 100 }, (_, i) => i);
    const flat = rankShape(all, 99);
    expect(flat.zMean).toBeCloseTo(0, 12);
    expect(flat.zEnds).toBeCloseTo(0, 12);
    expect(flat.pTail).toBeCloseTo(0.1, 12);
    const low = Array.from({ length: 60 }, (_, i) => i % 10);
    expect(directionHint(rankShape(low, 99))).toBe(`ranks low: posterior above the truth (z ${rankShape(low, 99).zMean.toFixed(1)})`);
    // Half at 0, half at 99: both tails full, mean centred.
    const ends = Array.from({ length: 60 }, (_, i) => (i % 2 ? 0 : 99));
    expect(directionHint(rankShape(ends, 99))).toMatch(/^ranks at both ends/);
    const middle = Array.from({ length: 60 }, (_, i) => 40 + (i % 20));
    expect(directionHint(rankShape(middle, 99))).toMatch(/^ranks in the middle/);
  });
});

/**
 * SBC on θ ~ N(0, 1), y_1..5 | θ ~ N(θ, 1): the posterior is N(Σy/6, 1/6). `distort` turns
 * the exact posterior's mean and sd into the "posterior" the ranks are taken against, and
 * `ar` makes its draws an AR(1) chain (stationary at that distribution) of `n` draws thinned to L.
 */
function conjugateRanks(seed: number, sets: number, distort: (m: number, s: number) => [number, number], ar = 0, n = 99): number[] {
  const L = 99;
  const rng = new Rng(seed, 0x5bc);
  const idx = thinnedIndices(n, L);
  const draws = new Float64Array(n);
  const ranks: number[] = [];
  for (let k = 0; k < sets; k++) {
    const theta = rng.normal();
    let sy = 0;
    for (let i = 0; i < 5; i++) sy += theta + rng.normal();
    const [m, s] = distort(sy / 6, Math.sqrt(1 / 6));
    draws[0] = m + s * rng.normal();
    for (let t = 1; t < n; t++) draws[t] = m + ar * (draws[t - 1] - m) + Math.sqrt(1 - ar * ar) * s * rng.normal();
    ranks.push(sbcRank(theta, draws, idx, rng)!);
  }
  return ranks;
}

describe('SBC on a conjugate normal model', () => {
  it('exact posterior draws: ranks pass both checks, no direction', () => {
    const rep = uniformityReport(conjugateRanks(11, 400, (m, s) => [m, s]), 99)!;
    expect(rep.chiSquare.p).toBeGreaterThan(0.01);
    expect(rep.ecdf.inside).toBe(true);
    expect(rep.hint).toBe('');
  });

  it('a posterior shifted up by half an sd fails: ranks low, posterior above the truth', () => {
    const rep = uniformityReport(conjugateRanks(12, 400, (m, s) => [m + 0.5 * s, s]), 99)!;
    expect(rep.chiSquare.p).toBeLessThan(1e-3);
    expect(rep.ecdf.inside).toBe(false);
    expect(rep.shape.zMean).toBeLessThan(-3);
    expect(rep.hint).toMatch(/posterior above the truth/);
    expect(rep.hint).not.toMatch(/ends|middle/);
  });

  it('a posterior 0.6× too narrow fails: ranks at the ends, under-dispersed', () => {
    const rep = uniformityReport(conjugateRanks(13, 400, (m, s) => [m, 0.6 * s]), 99)!;
    expect(rep.chiSquare.p).toBeLessThan(1e-3);
    expect(rep.ecdf.inside).toBe(false);
    expect(rep.hint).toMatch(/under-dispersed/);
    expect(rep.hint).not.toMatch(/truth/);
  });

  it('a posterior 1.6× too wide fails: ranks in the middle, over-dispersed', () => {
    const rep = uniformityReport(conjugateRanks(14, 400, (m, s) => [m, 1.6 * s]), 99)!;
    expect(rep.chiSquare.p).toBeLessThan(1e-3);
    expect(rep.ecdf.inside).toBe(false);
    expect(rep.hint).toMatch(/over-dispersed/);
  });

  it('an exact but autocorrelated chain (AR 0.9): 99 consecutive draws fail with spikes at the ends, 99 thinned from 2000 pass', () => {
    const raw = uniformityReport(conjugateRanks(15, 400, (m, s) => [m, s], 0.9, 99), 99)!;
    expect(raw.ecdf.inside).toBe(false);
    expect(raw.shape.zEnds).toBeGreaterThan(3);
    expect(raw.hint).toMatch(/both ends/);
    // Thinned by 20: lag-20 correlation 0.9^20 = 0.12.
    const thinned = uniformityReport(conjugateRanks(15, 400, (m, s) => [m, s], 0.9, 2000), 99)!;
    expect(thinned.chiSquare.p).toBeGreaterThan(0.01);
    expect(thinned.ecdf.inside).toBe(true);
  });
});

describe('simultaneous ECDF band', () => {
  for (const [N, K] of [[100, 100], [40, 20], [300, 100]]) {
    it(`N ${N}, K ${K}: holds 95% of fresh uniform samples; the pointwise 95% band would hold far fewer`, () => {
      const band = ecdfBand(N, K, 0.95);
      // γ* below the pointwise 0.05: the multiplicity adjustment widens each point's interval.
      expect(band.gamma).toBeLessThan(0.05);
      // Symmetry of the binomial: the band at z and at 1 − z mirror each other.
      for (let i = 0; i < K - 1; i++) expect(band.lower[i]).toBe(N - band.upper[K - 2 - i]);
      const rng = new Rng(99, 1);
      const S = 4000;
      let inside = 0;
      const ranks = new Int32Array(N);
      for (let s = 0; s < S; s++) {
        for (let j = 0; j < N; j++) ranks[j] = rng.int(K);
        if (ecdfInBand(ranks, band).inside) inside++;
      }
      // Binomial sd of the share at 0.95 with 4000 samples is 0.0034; band's own simulation error ~0.002.
      expect(Math.abs(inside / S - 0.95)).toBeLessThan(0.015);
      const unadjusted = { ...band, ...bandAt(N, K, 0.05) };
      let insidePointwise = 0;
      const rng2 = new Rng(99, 2);
      for (let s = 0; s < 1000; s++) {
        for (let j = 0; j < N; j++) ranks[j] = rng2.int(K);
        if (ecdfInBand(ranks, unadjusted).inside) insidePointwise++;
      }
      expect(insidePointwise / 1000).toBeLessThan(0.85);
    });
  }

  it('is the same band for the same N, K and seed', () => {
    const a = ecdfBand(60, 100);
    const b = ecdfBand(60, 100);
    expect(a.gamma).toBe(b.gamma);
    expect(Array.from(a.lower)).toEqual(Array.from(b.lower));
  });
});

/** The pointwise two-sided band at level g, from the binomial quantiles directly (independent of ecdfBand's tables). */
function bandAt(N: number, K: number, g: number): { lower: Int32Array; upper: Int32Array } {
  const lower = new Int32Array(K - 1);
  const upper = new Int32Array(K - 1);
  for (let i = 1; i < K; i++) {
    const z = i / K;
    let pmf = Math.pow(1 - z, N);
    let cdf = 0;
    let lo = -1;
    let hi = 0;
    for (let c = 0; c <= N; c++) {
      cdf += pmf;
      if (lo < 0 && cdf >= g / 2) lo = c;
      if (1 - (cdf - pmf) >= g / 2) hi = c;
      pmf *= ((N - c) / (c + 1)) * (z / (1 - z));
    }
    lower[i - 1] = lo;
    upper[i - 1] = hi;
  }
  return { lower, upper };
}
