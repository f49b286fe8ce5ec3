// The checks' worker: what follows the refits (forecast of the held-out periods, metrics and
// readiness gates; both posteriors, PSIS-LOO of each fit and the comparison) runs here, off
// the main thread. The refits themselves run on the chain pool's workers. The run's own
// PSIS-LOO comes in when the studio has it and goes back to be kept (sensitivityKeepingLoo).
import { expose } from 'comlink';
import { holdoutResult } from '../../checks/holdout';
import { sensitivityKeepingLoo } from '../../checks/sensitivity';

const api = { holdoutResult, sensitivityKeepingLoo };
export type ChecksWorkerApi = typeof api;
expose(api);
