// Intervals on every attribution credit: a seeded Poisson bootstrap over journeys.
//
// Each journey gets a weight ~ Poisson(1) (Hanley & MacGibbon 2006, "Creating non-parametric
// bootstrap samples using Poisson frequencies", Comput. Methods Programs Biomed. 83, 57–62),
// so a path row of the aggregated format that stands for k converting and m non-converting
// journeys gets Poisson(k) converting and Poisson(m) non-converting journeys in a replicate —
// the sum of k independent Poisson(1) weights. The row's value scales with its converting
// count (value / k per conversion: the aggregated format does not keep single order values;
// with one journey per row, as event input builds, it is exact). Every model reruns on the
// replicate through the same kernels as the point estimate (WASM where the analysis used it),
// and the interval is the percentile interval (Efron & Tibshirani 1993, §13.3).
//
// Replicate b draws from Rng(seed, stream b): the same seed gives the same intervals, and the
// first B replicates do not depend on how many are asked for.
import { Rng } from '../core/rng';
import { isSeed, MAX_SEED } from '../core/seed';
import { jsKernels, wasmKernels, type MtaKernels } from './kernels';
import { columnQuantiles } from './percentile';
import { poisson } from './poisson';
import { HEURISTIC_MODELS, type AttributionResult, type Credit, type PathTable } from './types';
import { MtaWasm } from './wasm-mta';

export interface BootstrapOptions {
  replicates: number;
  seed: number;
  /** Central coverage of the interval (default 0.9: the 5% and 95% percentiles). */
  level?: number;
  /** Called after each replicate; throttle in the caller. */
  onProgress?: (done: number, total: number) => void;
}

/** B x n replicate matrices (row-major) per model key, as in mta_attribution.json. */
export interface CreditDraws {
  conversions: Float64Array;
  value: Float64Array;
}

export interface BootstrapDraws {
  replicates: number;
  channels: number;
  models: Record<string, CreditDraws>;
  removalEffects: Record<string, CreditDraws>;
}

export interface Interval {
  lo: Float64Array;
  hi: Float64Array;
}

export interface CreditInterval {
  conversions: Interval;
  value: Interval;
}

export interface BootstrapResult {
  method: 'poisson';
  replicates: number;
  seed: number;
  level: number;
  /** Same keys as the report's models (first_touch ... markov_3); a skipped model is absent. */
  models: Record<string, CreditInterval>;
  /** Markov removal effects per order (markov_1 ...). */
  removalEffects: Record<string, CreditInterval>;
  ms: number;
}

/** Above this much linear memory a fresh instance is made (its bump allocator never frees). */
const WASM_REFRESH_BYTES = 512 << 20;

/** Per-replicate kernels on a working table whose counts are overwritten in place. */
function replicateKernels(work: PathTable, module: WebAssembly.Module | null): () => MtaKernels {
  if (!module) {
    const k = jsKernels(work);
    return () => k;
  }
  let w: MtaWasm | null = null;
  let k: MtaKernels | null = null;
  return () => {
    if (!w || !k || w.memoryBytes() > WASM_REFRESH_BYTES) {
      w = MtaWasm.create(module);
      k = wasmKernels(work, w); // copies the whole table in, current counts included
    } else w.setCounts(work.conversions, work.value, work.nulls);
    return k;
  };
}

/** Replicate counts: Poisson(k) of each row's converting and non-converting journeys. */
export function resampleCounts(t: PathTable, rng: Rng, work: PathTable): void {
  for (let r = 0; r < t.conversions.length; r++) {
    const k = t.conversions[r];
    const kStar = poisson(rng, k);
    work.conversions[r] = kStar;
    work.value[r] = k > 0 ? (t.value[r] / k) * kStar : 0;
    work.nulls[r] = poisson(rng, t.nulls[r]);
  }
}

function workingCopy(t: PathTable): PathTable {
  return { ...t, conversions: new Float64Array(t.conversions.length), value: new Float64Array(t.value.length), nulls: new Float64Array(t.nulls.length) };
}

function put(into: Record<string, CreditDraws>, key: string, c: Credit, b: number, B: number, n: number): void {
  const d = (into[key] ??= { conversions: new Float64Array(B * n).fill(NaN), value: new Float64Array(B * n).fill(NaN) });
  d.conversions.set(c.conversions.subarray(0, n), b * n);
  d.value.set(c.value.subarray(0, n), b * n);
}

/**
 * Reruns the models of `point` (the same ones, with its settings) on B replicates. `module`
 * is the compiled MTA WASM module, or null for the TypeScript kernels.
 */
export function bootstrapDraws(table: PathTable, point: AttributionResult, module: WebAssembly.Module | null, opts: BootstrapOptions): BootstrapDraws {
  const B = opts.replicates;
  const n = table.channels.length;
  const work = workingCopy(table);
  const kernels = replicateKernels(work, module);
  const useDays = point.timeDecayUnit === 'days';
  const out: BootstrapDraws = { replicates: B, channels: n, models: {}, removalEffects: {} };
  for (let b = 0; b < B; b++) {
    resampleCounts(table, new Rng(opts.seed, b), work);
    const k = kernels();
    const heur = k.heuristics(point.settings, useDays);
    for (const m of HEURISTIC_MODELS) put(out.models, m, heur[m], b, B, n);
    put(out.models, 'shapley', k.shapleySimplified(), b, B, n);
    if (point.shapleyFull) put(out.models, 'shapley_full', k.shapleyFull().credit, b, B, n);
    for (const pm of point.markov) {
      const m = k.markov(pm.order).result;
      put(out.models, `markov_${pm.order}`, m.credit, b, B, n);
      put(out.removalEffects, `markov_${pm.order}`, { conversions: m.removalConversions, value: m.removalValue }, b, B, n);
    }
    opts.onProgress?.(b + 1, B);
  }
  return out;
}

function intervals(draws: Record<string, CreditDraws>, B: number, n: number, level: number): Record<string, CreditInterval> {
  const pLo = (1 - level) / 2;
  const pHi = 1 - pLo;
  const scratch = new Float64Array(B);
  const out: Record<string, CreditInterval> = {};
  for (const [key, d] of Object.entries(draws)) {
    const one = (x: Float64Array): Interval => {
      const iv = { lo: new Float64Array(n), hi: new Float64Array(n) };
      columnQuantiles(x, B, n, pLo, pHi, iv.lo, iv.hi, scratch);
      return iv;
    };
    out[key] = { conversions: one(d.conversions), value: one(d.value) };
  }
  return out;
}

export function validateBootstrap(opts: BootstrapOptions): string | null {
  if (!Number.isInteger(opts.replicates) || opts.replicates < 2 || opts.replicates > 100_000) return `Bootstrap replicates ${opts.replicates} must be an integer from 2 to 100000 (or 0 for no intervals).`;
  if (!isSeed(opts.seed)) return `Bootstrap seed ${opts.seed} must be an integer from 0 to ${MAX_SEED} (the studio's seed range).`;
  const level = opts.level ?? 0.9;
  if (!(level > 0 && level < 1)) return `Interval level ${level} must lie strictly between 0 and 1.`;
  return null;
}

/** Percentile intervals for every model's credit and every Markov removal effect. */
export function bootstrapAttribution(table: PathTable, point: AttributionResult, module: WebAssembly.Module | null, opts: BootstrapOptions): BootstrapResult {
  const bad = validateBootstrap(opts);
  if (bad) throw new Error(bad);
  const t0 = performance.now();
  const level = opts.level ?? 0.9;
  const d = bootstrapDraws(table, point, module, opts);
  return {
    method: 'poisson',
    replicates: opts.replicates,
    seed: opts.seed,
    level,
    models: intervals(d.models, d.replicates, d.channels, level),
    removalEffects: intervals(d.removalEffects, d.replicates, d.channels, level),
    ms: performance.now() - t0,
  };
}
