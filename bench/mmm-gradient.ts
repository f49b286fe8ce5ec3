// Benchmark: ns per MMM log-density gradient, release WASM against the plain-TypeScript
// baseline (src/engine/mmm/reference.ts, same formulas, gradient equal to 1e-12), on the
// three development datasets. Wired into `npm run bench` by bench/index.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, ModelSpec, SaturationKind } from '../src/core/types';
import { packMmm } from '../src/engine/mmm/pack';
import { MmmReference } from '../src/engine/mmm/reference';
import { WasmEngine } from '../src/engine/wasm-engine';
import { defaultModelSpec } from '../src/model/spec';
import { wasmModule } from '../src/node/wasm-bytes';

/** The package root (where asconfig.json is), from src/, bench/ or the dist-node bundle. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'asconfig.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('mmm bench: cannot find the package root (asconfig.json)');
}

export interface DevDatasetInfo {
  file: string;
  date: string;
  target: string;
  channels: string[];
  controls: string[];
  saturation: SaturationKind;
}

/** The development datasets of MODEL.md §9, relative to ../shared/data. */
export const DEV_DATASETS: Record<string, DevDatasetInfo> = {
  mmm_example: {
    file: 'pymc-marketing/mmm_example.csv',
    date: 'date_week',
    target: 'y',
    channels: ['x1', 'x2'],
    controls: ['event_1', 'event_2', 't'],
    saturation: 'logistic',
  },
  dev_weekly_logistic: {
    file: 'synthetic/dev_weekly_logistic/data.csv',
    date: 'date',
    target: 'revenue',
    channels: ['tv', 'search', 'social'],
    controls: ['promo_event', 'price_index', 't'],
    saturation: 'logistic',
  },
  dev_weekly_hill: {
    file: 'synthetic/dev_weekly_hill/data.csv',
    date: 'date',
    target: 'sales',
    channels: ['tv', 'radio', 'search', 'social', 'display'],
    controls: ['black_friday', 'competitor_index', 't'],
    saturation: 'hill',
  },
};

/**
 * Reads one of the development CSVs (plain numeric wide files without quoting) into a
 * Dataset. A stand-in for the real importer (src/data/), enough for tests and the bench.
 */
export function loadDevDataset(name: keyof typeof DEV_DATASETS | string): Dataset {
  const info = DEV_DATASETS[name];
  const path = join(packageRoot(), '..', 'shared', 'data', info.file);
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const col = (n: string) => {
    const j = header.indexOf(n);
    if (j < 0) throw new Error(`${info.file}: no column ${n}`);
    return Float64Array.from(rows, (r) => Number(r[j]));
  };
  const dj = header.indexOf(info.date);
  return {
    name: info.file,
    dates: rows.map((r) => r[dj]),
    grain: 'week',
    target: { name: info.target, values: col(info.target) },
    channels: info.channels.map((n) => ({ name: n, spend: col(n) })),
    controls: info.controls.map((n) => ({ name: n, values: col(n) })),
    imputed: [],
    fingerprint: info.file,
  };
}

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
