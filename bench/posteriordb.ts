// Benchmark: the sampler on the six posteriordb posteriors (../shared/data/posteriordb),
// release WASM, in-process (one thread, chains one after another). Per posterior: ns per
// log-density gradient, gradient evaluations and wall time of 4 × (1000 + 1000), min bulk
// ESS over the reference parameters, and ESS per second. Wired in by bench/index.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChain } from '../src/engine/chain-runner';
import {
  packPosteriordb,
  POSTERIORDB_POSTERIORS,
  type PackedTestTarget,
  type PosteriordbModel,
} from '../src/engine/test-targets';
import { WasmEngine } from '../src/engine/wasm-engine';
import { essBulk } from '../src/diagnostics';
import { wasmModule } from '../src/node/wasm-bytes';
import { sharedRoot } from './shared-root';

const CHAINS = 4;
const WARMUP = 1000;
const DRAWS = 1000;
const SEED = 1;

function readPosterior(model: PosteriordbModel, file: string): Record<string, unknown> {
  const path = join(sharedRoot(), 'data', 'posteriordb', POSTERIORDB_POSTERIORS[model], file);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Median ns per gradient at the origin of the unconstrained space (5 timed runs of ~0.1 s after warm-up). */
function nsPerGradient(module: WebAssembly.Module, t: PackedTestTarget): number {
  const engine = WasmEngine.createSync(module);
  engine.loadTestTarget(t.kind, t.block);
  const q = new Float64Array(t.dim);
  let reps = 1000;
  for (;;) {
    const t0 = performance.now();
    engine.repeatGradient(q, reps);
    if (performance.now() - t0 > 100) break;
    reps *= 4;
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    engine.repeatGradient(q, reps);
    times.push(((performance.now() - t0) * 1e6) / reps);
  }
  return times.sort((a, b) => a - b)[2];
}

interface FitStats {
  gradients: number;
  wallMs: number;
  minEss: number;
  divergences: number;
}

function fit(module: WebAssembly.Module, model: PosteriordbModel, t: PackedTestTarget): FitStats {
  const ref = readPosterior(model, 'reference.json') as {
    reference_inference: { method_arguments: { control?: { adapt_delta?: number; max_treedepth?: number } } };
  };
  const control = ref.reference_inference.method_arguments.control ?? {};
  const t0 = performance.now();
  const results = Array.from({ length: CHAINS }, (_, chain) =>
    runChain(module, {
      target: { kind: 'test', id: t.kind, block: t.block },
      chain,
      seed: SEED,
      warmup: WARMUP,
      draws: DRAWS,
      adapt_delta: control.adapt_delta ?? 0.8,
      max_treedepth: control.max_treedepth ?? 10,
      chunk_size: 100,
    }),
  );
  const wallMs = performance.now() - t0;
  let minEss = Infinity;
  for (let col = 0; col < t.outputNames.length; col++) {
    const chains = results.map((r) => Float64Array.from({ length: DRAWS }, (_, i) => r.draws[(WARMUP + i) * r.n_out + col]));
    minEss = Math.min(minEss, essBulk(chains));
  }
  let divergences = 0;
  for (const r of results) for (let i = WARMUP; i < WARMUP + DRAWS; i++) divergences += r.stats[i * 7 + 5];
  return { gradients: results.reduce((s, r) => s + r.gradient_evaluations, 0), wallMs, minEss, divergences };
}

export async function benchPosteriordb(): Promise<void> {
  const module = wasmModule('engine');
  console.log(`posteriordb: NUTS, release WASM, ${CHAINS} chains x (${WARMUP} + ${DRAWS}) in-process, seed ${SEED}`);
  const rows = [];
  for (const model of Object.keys(POSTERIORDB_POSTERIORS) as PosteriordbModel[]) {
    const t = packPosteriordb(model, readPosterior(model, 'data.json'));
    const ns = nsPerGradient(module, t);
    const f = fit(module, model, t);
    rows.push({
      posterior: POSTERIORDB_POSTERIORS[model],
      'ns/gradient': Math.round(ns),
      gradients: f.gradients,
      'wall s': +(f.wallMs / 1000).toFixed(2),
      'min bulk ESS': Math.round(f.minEss),
      'ESS/s': Math.round(f.minEss / (f.wallMs / 1000)),
      divergences: f.divergences,
    });
  }
  console.table(rows);
}
