// The studio's MTA worker: parsing and every model run here, off the main thread, on the
// MTA WASM module (compiled once per worker).
import { expose } from 'comlink';
import wasmUrl from '../wasm/mta.wasm?url';
import { makeMtaWorkerApi } from './worker-api';

expose(makeMtaWorkerApi(() => WebAssembly.compileStreaming(fetch(wasmUrl))));
