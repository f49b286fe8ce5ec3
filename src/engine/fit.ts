// Fitting the MMM: pack the data, run the chains on a pool, assemble InferenceData with the
// pointwise log-likelihood and posterior predictive draws. Used by the studio (browser
// pool) and the headless `fit` command (worker_threads pool) alike.
import type { ChainProgress, ChainResult, Dataset, InferenceData, ModelSpec, NestedArray, RunMetadata, SamplerSettings, UserError } from '../core/types';
import { drawMatrix, forwardDataFromDataset, forwardEach } from '../model/forward';
import { parameterCount, variableLayout } from '../model/layout';
import { Rng } from '../core/rng';
import type { ChainJob } from './chain-job';
import { assembleInferenceData } from './inference-data';
import { packMmm, type PackOptions } from './mmm/pack';
import type { ChainPool } from './pool';
import { APP_VERSION } from '../core/version';

/** Thrown when the data or spec cannot be fitted; carries the messages the UI shows. */
export class FitInputError extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'FitInputError';
  }
}

export interface FitOptions {
  onProgress?(p: ChainProgress): void;
  signal?: AbortSignal;
  /** Iterations per chunk (progress/cancel granularity). Does not change the draws. */
  chunkSize?: number;
  /** Passed to packMmm, e.g. { samplePrior: true } to sample the prior (ROAS priors included). */
  packOptions?: PackOptions;
}

export interface FitOutput {
  idata: InferenceData;
  results: ChainResult[];
  /** Chains that failed (reported; the others are kept). */
  failedChains: Array<{ chain: number; error: string }>;
  wallMs: number;
}

/** The jobs of a fit: chain c runs on stream (seed, c), whichever worker picks it up. */
export function chainJobs(block: Float64Array, settings: SamplerSettings, chunkSize = 50): ChainJob[] {
  return Array.from({ length: settings.chains }, (_, chain) => ({
    target: { kind: 'mmm' as const, block },
    chain,
    seed: settings.seed,
    warmup: settings.warmup,
    draws: settings.draws,
    adapt_delta: settings.adapt_delta,
    max_treedepth: settings.max_treedepth,
    chunk_size: chunkSize,
  }));
}

export function runMetadata(data: Dataset, spec: ModelSpec, settings: SamplerSettings, extra: Record<string, unknown> = {}): RunMetadata {
  const { seed, ...sampler } = settings;
  return {
    created_at: new Date().toISOString(),
    app_version: APP_VERSION,
    model: spec,
    data_range: { first: data.dates[0], last: data.dates[data.dates.length - 1], rows: data.dates.length, grain: data.grain },
    seed,
    sampler,
    dataset_name: data.name,
    target_name: data.target.name,
    dataset_fingerprint: data.fingerprint,
    imputed_cells: data.imputed,
    ...extra,
  };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Pointwise log-likelihood and posterior predictive draws, chain × draw × date, in the
 * target's original units: y_t ~ Normal(mu_t·max|y|, y_sigma·max|y|). (The model's own
 * likelihood is on ys = y/max|y|; the two differ by the constant T·log max|y| in elpd, and
 * original units make elpd and predictive intervals readable.) The predictive noise comes
 * from a stream seeded by (seed, chain), so it is as reproducible as the draws.
 */
export function pointwiseGroups(results: ChainResult[], data: Dataset, spec: ModelSpec, seed: number) {
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) throw new FitInputError(fd.errors);
  const sigmaIdx = variableLayout(spec).find((v) => v.name === 'y_sigma')!.offset;
  const y = data.target.values;
  const T = y.length;
  const ll: number[][][] = [];
  const pp: number[][][] = [];
  for (const r of results) {
    const post = drawMatrix(spec, r.draws.subarray(r.warmup * r.n_out), r.n_out);
    const rng = new Rng((seed ^ Math.imul(r.chain + 1, 0x9e3779b9)) >>> 0);
    const llChain: number[][] = [];
    const ppChain: number[][] = [];
    forwardEach(fd, spec, post, (d, res) => {
      const sigma = post.values[d * post.stride + sigmaIdx] * fd.targetMaxAbs;
      const logSigma = Math.log(sigma);
      const llRow = new Array<number>(T);
      const ppRow = new Array<number>(T);
      for (let t = 0; t < T; t++) {
        const z = (y[t] - res.mu[t]) / sigma;
        llRow[t] = -0.5 * z * z - logSigma - LOG_SQRT_2PI;
        ppRow[t] = res.mu[t] + sigma * rng.normal();
      }
      llChain.push(llRow);
      ppChain.push(ppRow);
    });
    ll.push(llChain);
    pp.push(ppChain);
  }
  return { log_likelihood: ll as NestedArray, posterior_predictive: pp as NestedArray };
}

/** Runs a full fit on the given pool. Rejects with FitInputError for bad input, AbortError on cancel. */
export async function fitMmm(
  pool: ChainPool,
  data: Dataset,
  spec: ModelSpec,
  settings: SamplerSettings,
  opts: FitOptions = {},
): Promise<FitOutput> {
  const t0 = performance.now();
  const packed = packMmm(data, spec, opts.packOptions);
  if ('errors' in packed) throw new FitInputError(packed.errors);
  const jobs = chainJobs(packed.block, settings, opts.chunkSize);
  const results = await pool.run(jobs, { onProgress: opts.onProgress, signal: opts.signal });
  const failedChains = results.filter((r) => r.error).map((r) => ({ chain: r.chain, error: r.error! }));
  const ok = results.filter((r) => !r.error);
  if (ok.length === 0) throw new Error(`Every chain failed:\n${failedChains.map((f) => f.error).join('\n')}`);
  if (ok[0].n_out !== parameterCount(spec)) throw new Error(`engine returned ${ok[0].n_out} values per draw, the spec has ${parameterCount(spec)}`);
  const wallMs = performance.now() - t0;
  const attrs = runMetadata(data, spec, settings, {
    timings: {
      sampling_wall_ms: wallMs,
      chains_ms: results.map((r) => r.wall_ms),
      // CmdStan's per-chain "Elapsed Time" block (rstan::read_stan_csv reads it).
      chain_warmup_seconds: results.map((r) => (r.warmup_ms ?? NaN) / 1000),
      chain_sampling_seconds: results.map((r) => (r.sampling_ms ?? NaN) / 1000),
    },
    gradient_evaluations: results.reduce((s, r) => s + r.gradient_evaluations, 0),
    failed_chains: failedChains,
    // A prior-only fit must not pass for a posterior.
    ...(opts.packOptions?.samplePrior ? { sample_prior: true } : {}),
  });
  const idata = assembleInferenceData(ok, data, spec, attrs, pointwiseGroups(ok, data, spec, settings.seed));
  return { idata, results, failedChains, wallMs: performance.now() - t0 };
}
