// Issue 6 acceptance 5 end to end: the ROAS prior as the sampler sees it. The engine's NUTS
// runs on the prior-only density (FLAG_SAMPLE_PRIOR: the same WASM log density with the data
// terms left out, default sampler coordinates) of a model carrying ROAS priors made by
// src/calibration (a lift test's 'test'-scope prior, an MTA-style wide 'window' prior); the
// ROAS each draw implies is computed by paths independent of the engine (the analysis
// module's decomposition for the window ROAS, a hand-written curve for the test's incremental
// ROAS) and compared with the LogNormal asked for by a one-sample KS test, at a sample size
// discounted to the draws' effective sample size (NUTS draws are autocorrelated).
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/analysis/decomposition';
import { roasDraws } from '../../src/analysis/roas';
import { ksCritical, ksDistance, logNormalCdf } from '../../src/calibration/prior-sampling';
import { roasPriorFromLiftTest } from '../../src/calibration/roas-prior';
import type { ChainResult, Dataset, ModelSpec, RoasPrior } from '../../src/core/types';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { essBulk, essTail } from '../../src/diagnostics/convergence';
import { runChain } from '../../src/engine/chain-runner';
import { chainJobs } from '../../src/engine/fit';
import { packMmm } from '../../src/engine/mmm/pack';
import { drawMatrix, forwardDataFromDataset } from '../../src/model/forward';
import { flatLayout } from '../../src/model/layout';
import { wasmModule } from '../../src/node/wasm-bytes';
import { devData, type DevSetName } from '../helpers/dev-fits';

const WARMUP = 500;
const DRAWS = 1000;

/**
 * Every chain of a prior-only run (the pack's default coordinates for it), in-process; the
 * draws depend only on the job. The first WARMUP rows of each chain are warmup.
 */
function samplePrior(data: Dataset, spec: ModelSpec, seed: number, chains = 4, draws = DRAWS): ChainResult[] {
  const packed = packMmm(data, spec, { samplePrior: true });
  if ('errors' in packed) throw new Error(packed.errors.map((e) => e.message).join('\n'));
  const jobs = chainJobs(packed.block, { ...DEFAULT_SAMPLER, chains, warmup: WARMUP, draws, seed });
  const module = wasmModule('engine');
  return jobs.map((job) => {
    const r = runChain(module, job);
    if (r.error) throw new Error(r.error);
    return r;
  });
}

/** Per chain, the post-warmup value of layout entry `index`. */
function column(results: ChainResult[], index: number): Float64Array[] {
  return results.map((r) => Float64Array.from({ length: r.draws_count }, (_, d) => r.draws[(WARMUP + d) * r.n_out + index]));
}

function indexOf(spec: ModelSpec, name: string, channel: string): number {
  return flatLayout(spec).find((e) => e.name === name && e.coord === channel)!.index;
}

const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** Window ROAS per chain and draw, through src/analysis (MODEL.md §5: Σ contribution / Σ spend). */
function windowRoas(data: Dataset, spec: ModelSpec, results: ChainResult[], channel: string): Float64Array[] {
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) throw new Error(fd.errors[0].message);
  const c = spec.channels.findIndex((ch) => ch.name === channel);
  return results.map((r) => {
    const dec = decompose(fd, spec, drawMatrix(spec, r.draws.slice(WARMUP * r.n_out)), { maxDrawsOverTime: 1 });
    return roasDraws(dec, c);
  });
}

/** The test's incremental ROAS per chain and draw, from a hand-written saturation curve (MODEL.md §2, §6). */
function testRoas(data: Dataset, spec: ModelSpec, results: ChainResult[], p: RoasPrior): Float64Array[] {
  const ch = spec.channels.find((c) => c.name === p.channel)!;
  const xMax = maxAbs(data.channels.find((c) => c.name === p.channel)!.spend);
  const yMax = maxAbs(data.target.values);
  const beta = column(results, indexOf(spec, 'saturation_beta', ch.name));
  const sat =
    ch.saturation === 'logistic'
      ? (() => {
          const lam = column(results, indexOf(spec, 'saturation_lam', ch.name));
          return (k: number, d: number, a: number) => Math.tanh((lam[k][d] * a) / 2);
        })()
      : (() => {
          const kappa = column(results, indexOf(spec, 'saturation_kappa', ch.name));
          const slope = column(results, indexOf(spec, 'saturation_slope', ch.name));
          return (k: number, d: number, a: number) => a ** slope[k][d] / (a ** slope[k][d] + kappa[k][d] ** slope[k][d]);
        })();
  const x0 = p.x! / xMax;
  const x1 = (p.x! + p.delta_x!) / xMax;
  return beta.map((b, k) => Float64Array.from(b, (bd, d) => (bd * yMax * (sat(k, d, x1) - sat(k, d, x0))) / p.delta_x!));
}

interface KsResult {
  d: number;
  critical: number;
  nEff: number;
}

/** KS distance of all draws against LogNormal(mu, sigma), critical value (1%) at the effective sample size. */
function ks(chains: Float64Array[], p: RoasPrior): KsResult {
  const all = Float64Array.from(chains.flatMap((c) => Array.from(c)));
  const nEff = Math.min(all.length, essBulk(chains), essTail(chains));
  return { d: ksDistance(all, (x) => logNormalCdf(x, p.mu, p.sigma)), critical: ksCritical(nEff, 0.01), nEff };
}

/** A +20% lift test on `channel` over weeks 60–67 with a given ROAS, sd 15% (the prior's inputs only). */
function liftPrior(data: Dataset, channel: string, roas: number): RoasPrior {
  const spend = data.channels.find((c) => c.name === channel)!.spend;
  let x = 0;
  for (let t = 60; t < 68; t++) x += spend[t] / 8;
  const p = roasPriorFromLiftTest({ channel, x, delta_x: 0.2 * x, delta_y: 0.2 * x * roas, sigma: 0.15 * 0.2 * x * roas, label: `${channel} weeks 60–67` });
  if ('severity' in p) throw new Error(p.message);
  return p;
}

/** The MTA-informed shape (src/calibration/mta-prior.ts): median = credited ROAS, log-sd 1, window scope. */
function mtaPrior(channel: string, credited: number): RoasPrior {
  return { channel, mu: Math.log(credited), sigma: 1, scope: 'window', label: 'MTA-informed (markov_1)', source: 'mta' };
}

const CASES: Array<{ set: DevSetName; test: [string, number]; window: [string, number]; seed: number }> = [
  { set: 'dev_weekly_logistic', test: ['tv', 0.6], window: ['search', 1.8], seed: 61 },
  { set: 'dev_weekly_hill', test: ['radio', 1.1], window: ['tv', 0.9], seed: 62 },
];

describe('implied ROAS under the prior-only NUTS run matches the LogNormal asked for (issue 6 acceptance 5)', () => {
  it.each(CASES)('$set: a lift test prior (test scope) and an MTA-informed prior (window scope)', ({ set, test, window, seed }) => {
    const { data, spec } = devData(set);
    const pTest = liftPrior(data, ...test);
    const pWindow = mtaPrior(...window);
    const calibrated: ModelSpec = { ...spec, roas_priors: [pTest, pWindow] };
    const results = samplePrior(data, calibrated, seed);
    const divergences = results.reduce((s, r) => s + r.stats.filter((v, i) => i % 7 === 5 && i >= WARMUP * 7 && v !== 0).length, 0);
    const gradients = results.reduce((s, r) => s + r.gradient_evaluations, 0);
    const kTest = ks(testRoas(data, calibrated, results, pTest), pTest);
    const kWindow = ks(windowRoas(data, calibrated, results, pWindow.channel), pWindow);
    console.log(`${set}: test-scope ${pTest.channel} D ${kTest.d.toFixed(4)} (critical ${kTest.critical.toFixed(4)}, n_eff ${kTest.nEff.toFixed(0)}); window ${pWindow.channel} D ${kWindow.d.toFixed(4)} (critical ${kWindow.critical.toFixed(4)}, n_eff ${kWindow.nEff.toFixed(0)}); ${divergences} divergences, ${gradients} gradients`);
    expect(kTest.nEff).toBeGreaterThan(400);
    expect(kWindow.nEff).toBeGreaterThan(400);
    expect(kTest.d).toBeLessThan(kTest.critical);
    expect(kWindow.d).toBeLessThan(kWindow.critical);

    // Power: the same run without the ROAS priors (β's own HalfNormal) is far from both LogNormals.
    const plain = samplePrior(data, spec, seed, 2, 300);
    const kTest0 = ks(testRoas(data, spec, plain, pTest), pTest);
    const kWindow0 = ks(windowRoas(data, spec, plain, pWindow.channel), pWindow);
    console.log(`${set} without ROAS priors: D ${kTest0.d.toFixed(4)} / ${kWindow0.d.toFixed(4)}`);
    expect(kTest0.d).toBeGreaterThan(3 * kTest0.critical);
    expect(kWindow0.d).toBeGreaterThan(3 * kWindow0.critical);
  }, 300_000);
});
