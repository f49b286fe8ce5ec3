// MTA benchmark (issue 7, acceptance 2): one million generated journeys in the path format,
// parsed and attributed by every model (heuristics, both Shapley forms, Markov orders 1-3),
// in a worker thread as the studio does it in a Web Worker (bench/mta-worker.ts), plus the
// TypeScript reference in-process for the ratio.
// Target: under 1.5 s on the project machine in Node (ChannelAttribution in R: ~4.5 s).
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJourneys, journeysToPathCsv } from '../src/mta/generator';
import { jsSetup, run } from './mta-run';

const JOURNEYS = 1_000_000;
const SEED = 20240601;
const RUNS = 3;

function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const p = join(here, 'mta-bench-worker.mjs');
  if (!existsSync(p)) throw new Error('bench: dist-node/mta-bench-worker.mjs is missing; run `npm run build:cli`');
  return p;
}

/** Runs the WASM parse + models in a worker thread; resolves with the median wall time (ms). */
function inWorker(csv: Uint8Array, runs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerScript());
    let reply: { median?: number; error?: string } = { error: 'the benchmark worker exited without a result' };
    w.once('message', (m: typeof reply) => (reply = m));
    w.once('error', reject);
    // Wait for the worker to exit on its own, so its console output is flushed first.
    w.once('exit', () => (reply.error ? reject(new Error(reply.error)) : resolve(reply.median!)));
    const copy = csv.slice();
    w.postMessage({ csv: copy, runs }, [copy.buffer]);
  });
}

export async function benchMta(): Promise<void> {
  const t0 = performance.now();
  const g = generateJourneys(JOURNEYS, SEED);
  const csv = journeysToPathCsv(g);
  const genMs = performance.now() - t0;
  const touches = g.touches.length / JOURNEYS;
  let converting = 0;
  for (const c of g.converted) converting += c;
  console.log(
    `mta: ${JOURNEYS.toLocaleString('en')} journeys, ${g.channels.length} channels, ${touches.toFixed(2)} touches/path, ` +
      `${((100 * converting) / JOURNEYS).toFixed(1)}% converting, ${(csv.length / 1e6).toFixed(1)} MB (generated in ${(genMs / 1000).toFixed(2)} s)`,
  );
  const wasm = await inWorker(csv, RUNS);
  const js = await run('js', 1, csv, () => jsSetup(csv.length));
  console.log(`mta: parse + all models in a worker thread, median of ${RUNS}: WASM ${(wasm / 1000).toFixed(3)} s (target < 1.5 s); TypeScript reference ${(js / 1000).toFixed(3)} s`);
}
