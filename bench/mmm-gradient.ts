// Benchmark: ns per MMM log-density gradient, release WASM against the plain-TypeScript
// baseline (src/engine/mmm/reference.ts, same formulas, gradient equal to 1e-12), on the
// three development datasets. Wired into `npm run bench` by bench/index.ts.
import type { Dataset, ModelSpec } from '../src/core/types';
import { DEV_DATASETS, loadDevDataset } from './dev-datasets';
import { packMmm } from '../src/engine/mmm/pack';
import { MmmReference } from '../src/engine/mmm/reference';
import { WasmEngine } from '../src/engine/wasm-engine';
import { defaultModelSpec } from '../src/model/spec';
import { wasmModule } from '../src/node/wasm-bytes';

export { DEV_DATASETS, loadDevDataset, type DevDatasetInfo } from './dev-datasets';

export function devSpec(name: string, data: Dataset): ModelSpec {
  return defaultModelSpec(data, { saturation: DEV_DATASETS[name].saturation });
}

export function packOrThrow(data: Dataset, spec: ModelSpec): Float64Array {
  const r = packMmm(data, spec);
  if ('errors' in r) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.block;
}

/** A fixed, unremarkable point: q_i = 0.7 sin(1.3 i + 0.4), inside Stan's init box. */
function benchPoint(dim: number): Float64Array {
  return Float64Array.from({ length: dim }, (_, i) => 0.7 * Math.sin(1.3 * i + 0.4));
}

/** Median over `runs` of the ns per call of `fn(reps)`. */
function timeNs(fn: (reps: number) => void, reps: number, runs: number): number {
  fn(reps); // warm-up (JIT tiers, caches)
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn(reps);
    times.push(Number(process.hrtime.bigint() - t0) / reps);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

export async function benchMmmGradient(): Promise<Record<string, number>> {
  const module = wasmModule('engine');
  const out: Record<string, number> = {};
  for (const name of Object.keys(DEV_DATASETS)) {
    const data = loadDevDataset(name);
    const block = packOrThrow(data, devSpec(name, data));
    const engine = WasmEngine.createSync(module);
    const dim = engine.loadMmm(block);
    const ref = new MmmReference(block);
    const q = benchPoint(dim);
    const grad = new Float64Array(dim);
    const reps = 20_000;
    const wasmNs = timeNs((n) => engine.repeatGradient(q, n), reps, 7);
    const tsNs = timeNs((n) => {
      for (let i = 0; i < n; i++) ref.logDensityGradient(q, grad);
    }, reps, 7);
    out[`mmm_gradient_ns_wasm_${name}`] = wasmNs;
    out[`mmm_gradient_ns_ts_${name}`] = tsNs;
    out[`mmm_gradient_speedup_${name}`] = tsNs / wasmNs;
    console.log(
      `mmm gradient ${name.padEnd(20)} T=${data.dates.length} C=${data.channels.length} dim=${dim}: ` +
        `wasm ${wasmNs.toFixed(0)} ns, ts ${tsNs.toFixed(0)} ns, ts/wasm ${(tsNs / wasmNs).toFixed(2)}x`,
    );
  }
  return out;
}
