// The Data step's worker: parsing, role detection and dataset building off the main thread.
import { expose } from 'comlink';
import { createDataWorkerApi } from './worker-api';

expose(createDataWorkerApi());
