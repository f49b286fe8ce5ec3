// The checks' worker: what follows the refits (forecast of the held-out periods, metrics and
// readiness gates; both posteriors, PSIS-LOO of each fit and the comparison) runs here, off
// the main thread. The refits themselves run on the chain pool's workers.
import { expose } from 'comlink';
import { holdoutResult } from '../../checks/holdout';
import { sensitivityResult } from '../../checks/sensitivity';

const api = { holdoutResult, sensitivityResult };
export type ChecksWorkerApi = typeof api;
expose(api);
