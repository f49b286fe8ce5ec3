// The checks end to end on a chain pool (browser Web Workers or Node worker_threads): each
// refit goes through fitMmm (src/engine/fit.ts) with the given settings and seed, so a check
// is as reproducible as a fit. The studio runs the refits the same way (prepare → refit →
// result) but computes the result in a worker; the CLI and the tests call the whole thing.
import type { ChainProgress, Dataset, InferenceData, ModelSpec, SamplerSettings, UserError } from '../core/types';
import { FitInputError, fitMmm } from '../engine/fit';
import type { ChainPool } from '../engine/pool';
import { defaultHoldoutPeriods, holdoutResult, splitForHoldout, type HoldoutSplitData } from './holdout';
import { datasetFromRun } from './run-data';
import { sensitivityResult } from './sensitivity';
import type { HoldoutResult, SensitivityResult } from './types';
import { VAGUE_FACTOR, vagueSpec } from './vague';

/** Which refit a progress report belongs to (the studio shows "refit 1 of 2: vague priors"). */
export interface RefitStage {
  label: string;
  index: number;
  of: number;
}

export interface RefitOptions {
  signal?: AbortSignal;
  onProgress?(p: ChainProgress, stage: RefitStage): void;
}

export interface Refit {
  idata: InferenceData;
  wallMs: number;
  /** Chains that failed while others finished (the refit keeps the others). */
  warnings: UserError[];
}

/** One refit; bad input comes back as errors, cancellation rejects with AbortError. */
export async function refit(pool: ChainPool, data: Dataset, spec: ModelSpec, settings: SamplerSettings, stage: RefitStage, o: RefitOptions = {}): Promise<Refit | { errors: UserError[] }> {
  try {
    const out = await fitMmm(pool, data, spec, settings, { signal: o.signal, onProgress: o.onProgress ? (p) => o.onProgress!(p, stage) : undefined });
    const warnings = out.failedChains.map((f) => ({
      severity: 'warning' as const,
      message: `${stage.label}: chain ${f.chain + 1} failed and was left out (${f.error}).`,
      hint: 'The other chains were kept; try another seed if this repeats.',
    }));
    return { idata: out.idata, wallMs: out.wallMs, warnings };
  } catch (e) {
    if (e instanceof FitInputError) return { errors: e.errors.map((x) => ({ ...x, message: `${stage.label}: ${x.message}` })) };
    throw e;
  }
}

/** The run's own sampler settings and seed: a refit with them reproduces the run exactly. */
export function runSettings(run: InferenceData): SamplerSettings {
  return { ...run.attrs.sampler, seed: run.attrs.seed };
}

export function sameSettings(a: SamplerSettings, b: SamplerSettings): boolean {
  return a.chains === b.chains && a.warmup === b.warmup && a.draws === b.draws && a.seed === b.seed && a.adapt_delta === b.adapt_delta && a.max_treedepth === b.max_treedepth && a.metric === b.metric;
}

export interface HoldoutPlan {
  split: HoldoutSplitData;
  spec: ModelSpec;
}

/** The data of the hold-out refit (default: defaultHoldoutPeriods). */
export function planHoldout(run: InferenceData, periods?: number): HoldoutPlan | { errors: UserError[] } {
  const data = datasetFromRun(run);
  if ('errors' in data) return data;
  const spec = run.attrs.model;
  const split = splitForHoldout(data, spec, periods ?? defaultHoldoutPeriods(data.dates.length, data.grain));
  return 'errors' in split ? split : { split, spec };
}

export async function holdoutCheck(
  pool: ChainPool,
  run: InferenceData,
  o: RefitOptions & { settings: SamplerSettings; periods?: number },
): Promise<{ result: HoldoutResult; warnings: UserError[] } | { errors: UserError[] }> {
  const plan = planHoldout(run, o.periods);
  if ('errors' in plan) return plan;
  const fit = await refit(pool, plan.split.train, plan.spec, o.settings, { label: `Hold-out refit (first ${plan.split.train.dates.length} periods)`, index: 1, of: 1 }, o);
  if ('errors' in fit) return fit;
  const result = holdoutResult(run, fit.idata, plan.split, o.settings, fit.wallMs);
  return 'errors' in result ? result : { result, warnings: fit.warnings };
}

export interface SensitivityPlan {
  data: Dataset;
  userSpec: ModelSpec;
  vagueSpec: ModelSpec;
  factor: number;
  /** True when the run itself is the user-prior fit at these settings (no refit needed). */
  reuseRun: boolean;
}

export function planSensitivity(run: InferenceData, settings: SamplerSettings, factor = VAGUE_FACTOR): SensitivityPlan | { errors: UserError[] } {
  const data = datasetFromRun(run);
  if ('errors' in data) return data;
  if (!(factor >= 1) || !Number.isFinite(factor)) {
    return { errors: [{ severity: 'error', column: 'vague factor', message: `The widening factor must be a number ≥ 1, got ${factor}.`, hint: 'Use 10 (the default) or another factor above 1.' }] };
  }
  return { data, userSpec: run.attrs.model, vagueSpec: vagueSpec(run.attrs.model, factor), factor, reuseRun: sameSettings(settings, runSettings(run)) };
}

export async function sensitivityCheck(
  pool: ChainPool,
  run: InferenceData,
  o: RefitOptions & { settings: SamplerSettings; factor?: number; runElpd?: Float64Array | null },
): Promise<{ result: SensitivityResult; warnings: UserError[] } | { errors: UserError[] }> {
  const plan = planSensitivity(run, o.settings, o.factor);
  if ('errors' in plan) return plan;
  const of = plan.reuseRun ? 1 : 2;
  const vague = await refit(pool, plan.data, plan.vagueSpec, o.settings, { label: `Refit with vague priors (×${plan.factor})`, index: 1, of }, o);
  if ('errors' in vague) return vague;
  let user: Refit | { errors: UserError[] } = { idata: run, wallMs: NaN, warnings: [] };
  if (!plan.reuseRun) user = await refit(pool, plan.data, plan.userSpec, o.settings, { label: 'Refit with your priors', index: 2, of }, o);
  if ('errors' in user) return user;
  const result = sensitivityResult(user.idata, vague.idata, {
    factor: plan.factor,
    userFit: plan.reuseRun ? 'run' : 'refit',
    settings: o.settings,
    userWallMs: plan.reuseRun ? null : user.wallMs,
    vagueWallMs: vague.wallMs,
    runElpd: o.runElpd,
  });
  return { result, warnings: [...vague.warnings, ...user.warnings] };
}
