// Full fits shared by several test files are computed once per test run and cached on disk,
// keyed by everything that can change them (engine WASM, TypeScript sources, data, spec,
// settings). A lock directory makes concurrent test files wait for the first one instead of
// fitting twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dataset, InferenceData, ModelSpec, SamplerSettings } from '../../src/core/types';
import { fitMmm } from '../../src/engine/fit';
import { createNodePool } from '../../src/node/node-pool';
import { wasmBytes } from '../../src/node/wasm-bytes';

const ROOT = resolve(__dirname, '../..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'carryover-fits');

/** What can change a fit's numbers: the engine WASM and the TypeScript that packs, runs and assembles. */
const RESULT_SOURCES = ['src/engine/fit.ts', 'src/engine/inference-data.ts', 'src/engine/chain-runner.ts', 'src/engine/wasm-engine.ts', 'src/engine/mmm', 'src/model', 'src/core/rng.ts'];

function sourceHash(): string {
  const h = createHash('sha256');
  h.update(wasmBytes('engine'));
  const add = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) add(join(p, e));
    else if (p.endsWith('.ts')) h.update(p.slice(ROOT.length)).update(readFileSync(p));
  };
  for (const rel of RESULT_SOURCES) add(join(ROOT, rel));
  return h.digest('hex').slice(0, 16);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export interface CachedFit {
  idata: InferenceData;
  wallMs: number;
  gradientEvaluations: number;
}

/** The fit of (data, spec, settings), computed at most once across concurrent test files. */
export async function cachedFit(name: string, data: Dataset, spec: ModelSpec, settings: SamplerSettings, workers = 2): Promise<CachedFit> {
  const key = createHash('sha256')
    .update(sourceHash())
    .update(JSON.stringify({ spec, settings, dates: data.dates }))
    .update(new Uint8Array(data.target.values.buffer))
    .update(JSON.stringify(data.channels.map((c) => Array.from(c.spend))))
    .update(JSON.stringify(data.controls.map((c) => Array.from(c.values))))
    .digest('hex')
    .slice(0, 20);
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${name}-${key}.json`);
  const lock = file + '.lock';
  for (;;) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CachedFit;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is fitting it; a lock older than 30 minutes is stale.
      if (Date.now() - statSync(lock).mtimeMs > 30 * 60_000) rmSync(lock, { recursive: true, force: true });
      await sleep(2000);
    }
  }
  try {
    const pool = createNodePool(settings.chains, workers);
    try {
      const fit = await fitMmm(pool, data, spec, settings);
      const out: CachedFit = {
        idata: fit.idata,
        wallMs: fit.wallMs,
        gradientEvaluations: fit.results.reduce((s, r) => s + r.gradient_evaluations, 0),
      };
      writeFileSync(file + '.tmp', JSON.stringify(out));
      // rename is atomic: readers never see a half-written file.
      renameSync(file + '.tmp', file);
      return out;
    } finally {
      pool.dispose();
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
