// worker_threads entry for the headless chain pool: the same API as the browser worker.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { makeChainWorkerApi } from '../engine/chain-worker-api';
import { wasmModule } from './wasm-bytes';

if (!parentPort) throw new Error('chain-worker must run inside a worker thread');
expose(makeChainWorkerApi(async () => wasmModule('engine')), nodeEndpoint(parentPort));
