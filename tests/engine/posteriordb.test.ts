// Issue 2, acceptance 2: the sampler against posteriordb's reference posteriors
// (../shared/data/posteriordb; 10 × 1000 thinned Stan draws each). For every posterior,
// 4 chains × (1000 warmup + 1000 draws) with each of two fixed seeds, chosen once:
//   |mean_ours − mean_ref| ≤ 4 · sqrt(mcse_ours² + mcse_ref²), mcse_ours = sd_ours / sqrt(ESS_bulk_ours)
//   |sd_ours − sd_ref|     ≤ 4 · sqrt(mcse_sd_ours² + sd_ref² / (2 · ess_bulk_ref))
// Sampler settings are each posterior's reference_inference ones (adapt_delta, max_treedepth).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChain } from '../../src/engine/chain-runner';
import { packPosteriordb, POSTERIORDB_POSTERIORS, type PosteriordbModel } from '../../src/engine/test-targets';
import { essBulk, mcseSd } from '../../src/diagnostics';
import { wasmModule } from '../../src/node/wasm-bytes';
import type { ChainResult } from '../../src/core/types';

const SEEDS = [1, 2] as const;
const CHAINS = 4;
const WARMUP = 1000;
const DRAWS = 1000;

const DB = new URL('../../../shared/data/posteriordb/', import.meta.url);
const module = wasmModule('engine');

interface RefParam {
  mean: number;
  sd: number;
  ess_bulk_reference: number;
  mcse_mean_approx: number;
}
interface Reference {
  parameters: Record<string, RefParam>;
  reference_inference: { method_arguments: { control?: { adapt_delta?: number; max_treedepth?: number } } };
}

function readJson<T>(model: PosteriordbModel, file: string): T {
  return JSON.parse(readFileSync(new URL(`${POSTERIORDB_POSTERIORS[model]}/${file}`, DB), 'utf8')) as T;
}

/** Post-warmup draws of output column `col`, one array per chain. */
function column(results: ChainResult[], col: number): Float64Array[] {
  return results.map((r) => {
    const x = new Float64Array(r.draws_count);
    for (let i = 0; i < r.draws_count; i++) x[i] = r.draws[(r.warmup + i) * r.n_out + col];
    return x;
  });
}

function meanSd(chains: Float64Array[]): { mean: number; sd: number } {
  let n = 0;
  let s = 0;
  for (const c of chains) for (const v of c) (s += v), n++;
  const mean = s / n;
  let ss = 0;
  for (const c of chains) for (const v of c) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

interface Row {
  name: string;
  mean: number;
  ref: number;
  zMean: number;
  sd: number;
  refSd: number;
  zSd: number;
  ess: number;
}

function compare(model: PosteriordbModel, seed: number): { rows: Row[]; divergences: number } {
  const ref = readJson<Reference>(model, 'reference.json');
  const target = packPosteriordb(model, readJson(model, 'data.json'));
  const control = ref.reference_inference.method_arguments.control ?? {};
  const results = Array.from({ length: CHAINS }, (_, chain) =>
    runChain(module, {
      target: { kind: 'test', id: target.kind, block: target.block },
      chain,
      seed,
      warmup: WARMUP,
      draws: DRAWS,
      adapt_delta: control.adapt_delta ?? 0.8,
      max_treedepth: control.max_treedepth ?? 10,
      chunk_size: 500,
    }),
  );
  for (const r of results) expect(r.error).toBeUndefined();
  const rows = target.outputNames.map((name, col): Row => {
    const p = ref.parameters[name];
    const chains = column(results, col);
    const { mean, sd } = meanSd(chains);
    const ess = essBulk(chains);
    const mcseOurs = sd / Math.sqrt(ess);
    const sdTol = Math.sqrt(mcseSd(chains) ** 2 + p.sd ** 2 / (2 * p.ess_bulk_reference));
    return {
      name,
      mean,
      ref: p.mean,
      zMean: (mean - p.mean) / Math.sqrt(mcseOurs ** 2 + p.mcse_mean_approx ** 2),
      sd,
      refSd: p.sd,
      zSd: (sd - p.sd) / sdTol,
      ess,
    };
  });
  let divergences = 0;
  for (const r of results) for (let i = r.warmup; i < r.warmup + r.draws_count; i++) divergences += r.stats[i * 7 + 5];
  return { rows, divergences };
}

describe('posteriordb reference posteriors, 4 × (1000 + 1000), two fixed seeds', () => {
  for (const model of Object.keys(POSTERIORDB_POSTERIORS) as PosteriordbModel[]) {
    for (const seed of SEEDS) {
      it(`${model}, seed ${seed}`, { timeout: 120_000 }, () => {
        const { rows, divergences } = compare(model, seed);
        const bad = rows.filter((r) => !(Math.abs(r.zMean) <= 4 && Math.abs(r.zSd) <= 4));
        if (bad.length > 0) console.table(rows);
        expect(bad.map((r) => r.name)).toEqual([]);
        // Not a pass criterion (the issue does not set one), but a divergence here would
        // point at the sampler: every reference run reported none. Printed for the log.
        if (divergences > 0) console.warn(`${model}, seed ${seed}: ${divergences} divergent transitions after warmup`);
      });
    }
  }
});
