// The Results step's worker: the analysis of a run's draws off the main thread.
import { expose } from 'comlink';
import { analyseRun } from './analyse';

const api = { analyseRun };
export type AnalysisWorkerApi = typeof api;
expose(api);
