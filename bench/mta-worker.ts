// worker_threads entry of the MTA benchmark: receives the generated file and times the WASM
// parse + all models inside the worker, as the studio runs them in a Web Worker.
import { parentPort } from 'node:worker_threads';
import { run, wasmSetup } from './mta-run';

parentPort!.once('message', (m: { csv: Uint8Array; runs: number }) => {
  run('wasm (worker)', m.runs, m.csv, wasmSetup).then(
    (median) => parentPort!.postMessage({ median }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  ).finally(() => parentPort!.close());
});
