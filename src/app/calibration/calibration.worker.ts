// The calibration panel's worker: prior simulation and a pass over the posterior draws per
// calibrated channel, off the main thread (4 chains × 1000 draws × every period).
import { expose } from 'comlink';
import { calibrationPanel } from './panel';

const api = { calibrationPanel };
export type CalibrationWorkerApi = typeof api;
expose(api);
