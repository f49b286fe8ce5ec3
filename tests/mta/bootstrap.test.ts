// The Poisson bootstrap of attribution credits (src/mta/bootstrap.ts) against analytic
// answers. Under the Poisson bootstrap each row's converting count k* ~ Poisson(k)
// independently, so a rule-based credit sum_r k*_r s_rc has variance sum_r k_r s_rc^2 and its
// value (v_r / k_r per conversion) variance sum_r k_r (v_r / k_r)^2 s_rc^2.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { bootstrapAttribution, bootstrapDraws, validateBootstrap } from '../../src/mta/bootstrap';
import { attribute } from '../../src/mta/attribute';
import { wasmKernels } from '../../src/mta/kernels';
import { poisson } from '../../src/mta/poisson';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { wasmModule } from '../../src/node/wasm-bytes';
import { columnSd, pointOf, tableOf, type Row } from './bootstrap-helpers';

const CH = ['A', 'B', 'C', 'D'];
// Counts from 1 (inversion sampler) to 400 (PTRS), paths of 1 to 5 touches with repeats.
const ROWS: Row[] = [
  { path: [0], conversions: 3, value: 30, nulls: 20 },
  { path: [0, 1], conversions: 40, value: 200, nulls: 100 },
  { path: [1, 2, 1], conversions: 12, value: 96, nulls: 50 },
  { path: [2, 3, 0, 3, 1], conversions: 400, value: 5000, nulls: 900 },
  { path: [3, 2], conversions: 1, value: 7, nulls: 4 },
  { path: [1, 3, 3], conversions: 75, value: 150, nulls: 300 },
  { path: [2], conversions: 0, value: 0, nulls: 60 },
];

type Share = (path: number[], c: number) => number;
const SHARES: Record<'linear' | 'first_touch' | 'last_touch', Share> = {
  linear: (p, c) => p.filter((x) => x === c).length / p.length,
  first_touch: (p, c) => (p[0] === c ? 1 : 0),
  last_touch: (p, c) => (p[p.length - 1] === c ? 1 : 0),
};

function analyticSd(share: Share, c: number, ofValue: boolean): number {
  let v = 0;
  for (const r of ROWS) {
    const perConversion = ofValue ? r.value / r.conversions : 1;
    if (r.conversions > 0) v += r.conversions * (perConversion * share(r.path, c)) ** 2;
  }
  return Math.sqrt(v);
}

describe('Poisson sampler', () => {
  it('has mean and variance equal to the mean, on both sides of the PTRS switch', () => {
    const n = 40_000;
    for (const mean of [0.3, 2.5, 9.9, 10, 37, 2500]) {
      const rng = new Rng(7, Math.round(mean * 10));
      let s = 0;
      let s2 = 0;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const x = poisson(rng, mean);
        if (!(Number.isInteger(x) && x >= 0)) bad++;
        s += x;
        s2 += x * x;
      }
      expect(bad).toBe(0);
      const m = s / n;
      const v = s2 / n - m * m;
      // se of the mean sqrt(mean / n); se of the variance about mean sqrt(2 / n) (plus a kurtosis term 1/mean).
      expect(Math.abs(m - mean)).toBeLessThan(4.5 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n + 1 / (mean * n)));
    }
  });

  it('matches the Poisson(14) probabilities (chi-square over 0..30)', () => {
    const n = 50_000;
    const mean = 14;
    const counts = new Float64Array(31);
    const rng = new Rng(11);
    for (let i = 0; i < n; i++) counts[Math.min(30, poisson(rng, mean))]++;
    let p = Math.exp(-mean);
    let chi = 0;
    let tail = 1;
    for (let k = 0; k < 30; k++) {
      chi += (counts[k] - n * p) ** 2 / (n * p);
      tail -= p;
      p *= mean / (k + 1);
    }
    chi += (counts[30] - n * tail) ** 2 / (n * tail);
    // 30 degrees of freedom: the 0.999 quantile is 59.7.
    expect(chi).toBeLessThan(59.7);
  });
});

describe('bootstrap of rule-based credits', () => {
  const t = tableOf(CH, ROWS);
  const point = pointOf(t);
  const B = 4000;
  const d = bootstrapDraws(t, point, null, { replicates: B, seed: 20261123 });

  it('has the analytic standard deviation for linear, first and last touch', () => {
    // The sd of an sd estimate from B normal-ish draws is about sd / sqrt(2B) = 1.1%; 4.5% is four of those.
    let worst = 0;
    for (const model of ['linear', 'first_touch', 'last_touch'] as const) {
      for (let c = 0; c < CH.length; c++) {
        for (const ofValue of [false, true]) {
          const want = analyticSd(SHARES[model], c, ofValue);
          const got = columnSd(ofValue ? d.models[model].value : d.models[model].conversions, B, CH.length, c);
          worst = Math.max(worst, want === 0 ? 0 : Math.abs(got / want - 1));
          if (want === 0) expect(got).toBe(0);
          else expect(Math.abs(got / want - 1), `${model} ${CH[c]} ${ofValue ? 'value' : 'conversions'}: ${got} vs ${want}`).toBeLessThan(0.045);
        }
      }
    }
    console.log(`bootstrap sd vs analytic: largest relative difference ${(100 * worst).toFixed(2)}% over 3 models x 4 channels x 2`);
  });

  it('centres on the point credit', () => {
    for (let c = 0; c < CH.length; c++) {
      let m = 0;
      for (let b = 0; b < B; b++) m += d.models.linear.conversions[b * CH.length + c];
      m /= B;
      const sd = analyticSd(SHARES.linear, c, false);
      expect(Math.abs(m - point.heuristics.linear.conversions[c])).toBeLessThan((4.5 * sd) / Math.sqrt(B));
    }
  });
});

describe('seeds, engines and settings', () => {
  const t = tableOf(CH, ROWS);
  const point = pointOf(t);

  it('gives the same intervals for the same seed, others for another', () => {
    const a = bootstrapAttribution(t, point, null, { replicates: 60, seed: 5 });
    const b = bootstrapAttribution(t, point, null, { replicates: 60, seed: 5 });
    const c = bootstrapAttribution(t, point, null, { replicates: 60, seed: 6 });
    for (const key of Object.keys(a.models)) {
      expect(a.models[key].conversions.lo).toEqual(b.models[key].conversions.lo);
      expect(a.models[key].value.hi).toEqual(b.models[key].value.hi);
    }
    expect(a.removalEffects.markov_2.conversions.hi).toEqual(b.removalEffects.markov_2.conversions.hi);
    expect(Array.from(a.models.linear.conversions.lo)).not.toEqual(Array.from(c.models.linear.conversions.lo));
  });

  it('covers every model the point estimate ran, and each interval holds the point', () => {
    const r = bootstrapAttribution(t, point, null, { replicates: 200, seed: 3 });
    expect(Object.keys(r.models).sort()).toEqual(['first_touch', 'last_touch', 'linear', 'markov_1', 'markov_2', 'markov_3', 'position_based', 'shapley', 'shapley_full', 'time_decay']);
    expect(Object.keys(r.removalEffects).sort()).toEqual(['markov_1', 'markov_2', 'markov_3']);
    // Hundreds of conversions per channel: a 90% interval that misses its own point estimate would be a bug, not chance.
    const credits: Array<[string, Float64Array]> = [['linear', point.heuristics.linear.conversions], ['shapley_full', point.shapleyFull!.conversions], ['markov_1', point.markov[0].credit.conversions]];
    for (const [key, pt] of credits) {
      for (let c = 0; c < CH.length; c++) {
        expect(r.models[key].conversions.lo[c]).toBeLessThanOrEqual(pt[c]);
        expect(r.models[key].conversions.hi[c]).toBeGreaterThanOrEqual(pt[c]);
      }
    }
  });

  it('gives the same draws through WebAssembly as through TypeScript', () => {
    const mod = wasmModule('mta');
    const wPoint = attribute(t, {}, wasmKernels(t, MtaWasm.create(mod)));
    const js = bootstrapDraws(t, point, null, { replicates: 30, seed: 9 });
    const wasm = bootstrapDraws(t, wPoint, mod, { replicates: 30, seed: 9 });
    for (const key of Object.keys(js.models)) {
      const a = js.models[key].conversions;
      const b = wasm.models[key].conversions;
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 6);
    }
  });

  it('draws replicate b the same whatever B is', () => {
    const short = bootstrapDraws(t, point, null, { replicates: 10, seed: 4 });
    const long = bootstrapDraws(t, point, null, { replicates: 25, seed: 4 });
    expect(long.models.markov_1.conversions.subarray(0, 10 * CH.length)).toEqual(short.models.markov_1.conversions);
  });

  it('refuses a bad replicate count, seed or level', () => {
    expect(validateBootstrap({ replicates: 1, seed: 1 })).toMatch(/replicates/);
    expect(validateBootstrap({ replicates: 20.5, seed: 1 })).toMatch(/replicates/);
    expect(validateBootstrap({ replicates: 20, seed: -1 })).toMatch(/seed/);
    expect(validateBootstrap({ replicates: 20, seed: 1, level: 1 })).toMatch(/level/);
    expect(validateBootstrap({ replicates: 200, seed: 1 })).toBeNull();
  });
});
