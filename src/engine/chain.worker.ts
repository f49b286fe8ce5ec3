// Browser Web Worker running chains on the engine WASM (compiled once per worker).
import { expose } from 'comlink';
import wasmUrl from '../wasm/engine.wasm?url';
import { makeChainWorkerApi } from './chain-worker-api';

expose(makeChainWorkerApi(() => WebAssembly.compileStreaming(fetch(wasmUrl))));
