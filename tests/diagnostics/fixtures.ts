// Small synthetic InferenceData for the report tests: a normal model y_t ~ N(mu_t, sigma)
// whose "posterior" draws are generated directly (iid or AR(1)), so the expected
// diagnostics are known in advance. Deterministic (seeded).
import type { InferenceData, ModelSpec } from '../../src/core/types';

/** mulberry32 (Tommy Ettinger, public domain): a small seeded uniform generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
export function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export const SPEC: ModelSpec = {
  l_max: 8,
  channels: [
    { name: 'tv', adstock: 'geometric', saturation: 'logistic', priors: {} },
    { name: 'search', adstock: 'geometric', saturation: 'logistic', priors: {} },
  ],
  controls: [],
  control_scale: [],
  fourier_order: 0,
  priors: {
    intercept: { dist: 'normal', mu: 0, sigma: 2 },
    gamma_control: { dist: 'normal', mu: 0, sigma: 2 },
    gamma_fourier: { dist: 'laplace', mu: 0, b: 1 },
    y_sigma: { dist: 'half_normal', sigma: 2 },
  },
  lift_tests: [],
};

export interface FixtureOptions {
  chains: number;
  draws: number;
  nObs: number;
  seed: number;
  /** Added to every intercept draw of the last chain (a chain stuck elsewhere). */
  lastChainOffset?: number;
  /** AR(1) coefficient of the intercept draws within a chain. */
  phi?: number;
  /** Divergent transitions to mark in chain 0. */
  divergent?: number;
  /** Observations are drawn with this sd; the model assumes sigma = 1 (misfit when > 1). */
  dataSd?: number;
}

export function makeIdata(o: FixtureOptions): InferenceData {
  const z = normal(rng(o.seed));
  const truth = Array.from({ length: o.nObs }, (_, t) => 10 + Math.sin(t / 3));
  const y = truth.map((m) => m + (o.dataSd ?? 1) * z());
  const intercept: number[][] = [];
  const alpha: number[][][] = [];
  const sigma: number[][] = [];
  const stats: Record<string, number[][]> = { lp: [], acceptance_rate: [], step_size: [], tree_depth: [], n_steps: [], diverging: [], energy: [] };
  const ll: number[][][] = [];
  const pp: number[][][] = [];
  for (let c = 0; c < o.chains; c++) {
    const ic: number[] = [];
    let prev = 0;
    const ac: number[][] = [];
    const sc: number[] = [];
    const llc: number[][] = [];
    const ppc: number[][] = [];
    for (let d = 0; d < o.draws; d++) {
      prev = (o.phi ?? 0) * prev + Math.sqrt(1 - (o.phi ?? 0) ** 2) * z();
      const shift = c === o.chains - 1 ? (o.lastChainOffset ?? 0) : 0;
      const b = 0.1 * prev + shift; // intercept deviation, scale 0.1
      ic.push(b);
      ac.push([0.3 + 0.05 * z(), 0.6 + 0.05 * z()]);
      const s = 1 + 0.05 * z();
      sc.push(s);
      llc.push(y.map((yt, t) => -0.5 * Math.log(2 * Math.PI * s * s) - ((yt - truth[t] - b) ** 2) / (2 * s * s)));
      ppc.push(truth.map((m) => m + b + s * z()));
    }
    intercept.push(ic);
    alpha.push(ac);
    sigma.push(sc);
    ll.push(llc);
    pp.push(ppc);
    stats.lp.push(ic.map(() => -10 + z()));
    stats.acceptance_rate.push(ic.map(() => 0.8));
    stats.step_size.push(ic.map(() => 0.25 + 0.01 * c));
    stats.tree_depth.push(ic.map(() => 3));
    stats.n_steps.push(ic.map(() => 7));
    stats.diverging.push(ic.map((_, d) => (c === 0 && d < (o.divergent ?? 0) ? 1 : 0)));
    stats.energy.push(ic.map(() => 12 + 2 * z())); // iid energy: E-BFMI ≈ 2
  }
  const dates = Array.from({ length: o.nObs }, (_, t) => new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10));
  return {
    posterior: { intercept, adstock_alpha: alpha, y_sigma: sigma },
    sample_stats: stats,
    log_likelihood: { y: ll },
    posterior_predictive: { y: pp },
    observed_data: { y },
    constant_data: { spend: dates.map(() => [1, 1]), channel_max: [1, 1], target_max_abs: 1, controls: dates.map(() => []) },
    dims: { adstock_alpha: ['channel'], y: ['date'] },
    coords: { channel: ['tv', 'search'], date: dates },
    attrs: {
      created_at: '2026-01-01T00:00:00.000Z',
      app_version: '0.0.0-test',
      model: SPEC,
      data_range: { first: dates[0], last: dates[dates.length - 1], rows: o.nObs, grain: 'week' },
      seed: o.seed,
      sampler: { chains: o.chains, warmup: 0, draws: o.draws, adapt_delta: 0.8, max_treedepth: 10, metric: 'diag_e' },
      timings: { wall_seconds: 1.25 },
    },
  };
}
