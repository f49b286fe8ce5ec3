// The ridge fallback in a Web Worker (Comlink): the API of ./ridge-worker-api.ts.
// Cancellation: the main side terminates the worker (ridge-client.ts).
import { expose } from 'comlink';
import { makeRidgeWorkerApi } from './ridge-worker-api';

expose(makeRidgeWorkerApi());
