// The calibration panel's worker: prior simulation and a pass over the posterior draws per
// calibrated channel, off the main thread (4 chains × 1000 draws × every period); and the
// with/without comparison of a run fitted with MTA-informed priors (two such passes).
import { expose } from 'comlink';
import { mtaComparison } from '../priors/counterpart';
import { calibrationPanel } from './panel';

const api = { calibrationPanel, mtaComparison };
export type CalibrationWorkerApi = typeof api;
expose(api);
