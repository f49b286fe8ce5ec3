// The prior predictive's draws against the engine's own prior: NUTS on the prior-only density
// (FLAG_SAMPLE_PRIOR, src/engine/mmm/pack.ts: the same WASM log density with the likelihood left
// out, lift tests included in what is left out) of a spec with a test-scope and a window-scope
// ROAS prior and a lift test. Two-sample KS tests at 1% with the NUTS side discounted to its
// effective sample size, on the replaced betas (a mixture of LogNormals over the curve priors,
// with no closed form), the implied ROAS and a curve parameter.
// Also the rejection path: with a test spend far up the logistic curve, most curves give
// K(φ) = 0 and are redrawn; the curve parameter kept must follow its prior restricted to K > 0.
import { describe, expect, it } from 'vitest';
import { priorPredictive } from '../../../src/app/model/prior-predictive';
import { ksCritical, ksDistance } from '../../../src/calibration/prior-sampling';
import { roasPerBeta } from '../../../src/calibration/roas-prior';
import type { ChainResult, Dataset, ModelSpec, RoasPrior } from '../../../src/core/types';
import { DEFAULT_SAMPLER } from '../../../src/core/types';
import { essBulk, essTail } from '../../../src/diagnostics/convergence';
import { runChain } from '../../../src/engine/chain-runner';
import { chainJobs } from '../../../src/engine/fit';
import { packMmm } from '../../../src/engine/mmm/pack';
import { parameterCount } from '../../../src/model/layout';
import { wasmModule } from '../../../src/node/wasm-bytes';
import { devData } from '../../helpers/dev-fits';
import { column, liftPrior, maxAbs, mtaPrior, testRoas, windowRoas } from './roas-helpers';

const N = 4000;
const WARMUP = 500;
const DRAWS = 1000;
const CHAINS = 4;

/** Post-warmup draws of a prior-only NUTS run, per chain (n × P each). */
function priorOnlyRun(data: Dataset, spec: ModelSpec, seed: number): Float64Array[] {
  const packed = packMmm(data, spec, { samplePrior: true });
  if ('errors' in packed) throw new Error(packed.errors.map((e) => e.message).join('\n'));
  const jobs = chainJobs(packed.block, { ...DEFAULT_SAMPLER, chains: CHAINS, warmup: WARMUP, draws: DRAWS, seed });
  const module = wasmModule('engine');
  const P = parameterCount(spec);
  return jobs.map((job) => {
    const r: ChainResult = runChain(module, job);
    if (r.error) throw new Error(r.error);
    expect(r.n_out).toBe(P);
    return r.draws.slice(WARMUP * P, (WARMUP + DRAWS) * P);
  });
}

/** Two-sample KS distance sup |F_a − F_b|. */
function ks2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** D and its 1% critical value c(0.01)·sqrt((n + m)/(n m)), m the NUTS side's effective sample size. */
function compare(iid: Float64Array, chains: Float64Array[]): { d: number; critical: number; nEff: number } {
  const nEff = Math.min(essBulk(chains), essTail(chains), CHAINS * DRAWS);
  const all = Float64Array.from(chains.flatMap((c) => Array.from(c)));
  // ksCritical(k) = c(α)/sqrt(k); the two-sample statistic uses k = n m / (n + m).
  return { d: ks2(iid, all), critical: ksCritical((N * nEff) / (N + nEff), 0.01), nEff };
}

describe('prior predictive draws vs the engine prior-only NUTS run, with ROAS priors and a lift test', () => {
  it('dev_weekly_logistic: tv (test scope), search (window scope)', () => {
    const { data, spec } = devData('dev_weekly_logistic');
    const pTest = liftPrior(data, 'tv', 0.6);
    const pWindow = mtaPrior('search', 1.8);
    const calibrated: ModelSpec = {
      ...spec,
      roas_priors: [pTest, pWindow],
      // A lift test the likelihood would pull hard on; neither side may see it.
      lift_tests: [{ channel: 'social', x: 1000, delta_x: 200, delta_y: 5000, sigma: 50 }],
    };
    const pp = priorPredictive(data, calibrated, N, 7);
    if ('errors' in pp) throw new Error(pp.errors[0].message);
    const nuts = priorOnlyRun(data, calibrated, 71);

    const quantities: Array<[string, Float64Array, Float64Array[]]> = [
      ['saturation_beta[tv]', column(calibrated, pp.parameters, 'saturation_beta', 'tv'), nuts.map((c) => column(calibrated, c, 'saturation_beta', 'tv'))],
      ['saturation_beta[search]', column(calibrated, pp.parameters, 'saturation_beta', 'search'), nuts.map((c) => column(calibrated, c, 'saturation_beta', 'search'))],
      ['saturation_beta[social]', column(calibrated, pp.parameters, 'saturation_beta', 'social'), nuts.map((c) => column(calibrated, c, 'saturation_beta', 'social'))],
      ['test ROAS[tv]', testRoas(data, calibrated, pp.parameters, pTest), nuts.map((c) => testRoas(data, calibrated, c, pTest))],
      ['window ROAS[search]', windowRoas(data, calibrated, pp.parameters, 'search'), nuts.map((c) => windowRoas(data, calibrated, c, 'search'))],
      ['saturation_lam[tv]', column(calibrated, pp.parameters, 'saturation_lam', 'tv'), nuts.map((c) => column(calibrated, c, 'saturation_lam', 'tv'))],
    ];
    for (const [name, iid, chains] of quantities) {
      const r = compare(iid, chains);
      console.log(`${name}: D ${r.d.toFixed(4)} (1% critical ${r.critical.toFixed(4)}, NUTS n_eff ${r.nEff.toFixed(0)})`);
      expect(r.nEff, name).toBeGreaterThan(400);
      expect(r.d, name).toBeLessThan(r.critical);
    }
    // Power: beta drawn from its own HalfNormal (the check before ROAS priors were honoured) is far off.
    const before = priorPredictive(data, spec, N, 7);
    if ('errors' in before) throw new Error(before.errors[0].message);
    for (const ch of ['tv', 'search']) {
      const r = compare(column(spec, before.parameters, 'saturation_beta', ch), nuts.map((c) => column(calibrated, c, 'saturation_beta', ch)));
      expect(r.d, ch).toBeGreaterThan(3 * r.critical);
    }
  }, 300_000);
});

describe('the rejection path: curves with no ROAS at the test spend are redrawn', () => {
  it("the kept saturation_lam follows Gamma(3, 1) restricted to K(lam) > 0", () => {
    const { data, spec } = devData('dev_weekly_logistic');
    const xMax = maxAbs(data.channels.find((c) => c.name === 'tv')!.spend);
    const yMax = maxAbs(data.target.values);
    // Operating point a = 60 → 72: tanh(lam·a/2) rounds to 1 at both ends for lam above ~0.62,
    // ~97% of Gamma(3, 1); those curves have K = 0 (log density −∞ in the engine).
    const p: RoasPrior = { channel: 'tv', mu: Math.log(0.5), sigma: 0.3, scope: 'test', x: 60 * xMax, delta_x: 12 * xMax, label: 'far test', source: 'user' };
    const kOf = (lam: number) =>
      roasPerBeta(p, { adstock: 'geometric', saturation: 'logistic', adstockParams: { alpha: 0.5 }, saturationParams: { lam }, lMax: spec.l_max }, { spend: [1], spendMax: xMax, targetMaxAbs: yMax });
    // The edge lam* of {K > 0} by bisection, checked to be an interval on a grid.
    let lo = 0.01;
    let hi = 5;
    for (let i = 0; i < 80; i++) {
      const mid = (lo + hi) / 2;
      if (kOf(mid) > 0) lo = mid;
      else hi = mid;
    }
    const edge = lo;
    for (let i = 1; i < 400; i++) {
      const lam = (i / 200) * edge;
      if (Math.abs(lam - edge) > 1e-3 * edge) expect(kOf(lam) > 0).toBe(lam < edge);
    }
    const gammaCdf = (x: number) => 1 - Math.exp(-x) * (1 + x + (x * x) / 2); // shape 3, rate 1
    expect(gammaCdf(edge)).toBeLessThan(0.05);

    const r = priorPredictive(data, { ...spec, roas_priors: [p] }, N, 11);
    if ('errors' in r) throw new Error(r.errors[0].message);
    const lam = column(spec, r.parameters, 'saturation_lam', 'tv');
    expect(Math.max(...lam)).toBeLessThan(edge * (1 + 1e-3));
    const d = ksDistance(lam, (x) => Math.min(1, gammaCdf(x) / gammaCdf(edge)));
    console.log(`rejection path: lam* ${edge.toFixed(4)}, prior mass kept ${gammaCdf(edge).toFixed(4)}, D ${d.toFixed(4)} (critical ${ksCritical(N, 0.01).toFixed(4)})`);
    expect(d).toBeLessThan(ksCritical(N, 0.01));
    // Power: the unrestricted prior is far from it.
    const plain = priorPredictive(data, spec, N, 11);
    if ('errors' in plain) throw new Error('plain');
    expect(ksDistance(column(spec, plain.parameters, 'saturation_lam', 'tv'), (x) => Math.min(1, gammaCdf(x) / gammaCdf(edge)))).toBeGreaterThan(0.5);
  }, 60_000);
});
