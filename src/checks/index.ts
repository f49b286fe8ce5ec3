// Model checks that refit the model: the train/test hold-out and prior sensitivity (issue 4).
export { datasetFromRun, sliceDataset } from './run-data';
export { VAGUE_FACTOR, vagueSpec, widenPrior } from './vague';
export { defaultHoldoutPeriods, holdoutResult, splitForHoldout } from './holdout';
export type { HoldoutSplitData } from './holdout';
export { looComparison, pointwiseLoo, sensitivityKeepingLoo, sensitivityParameters, sensitivityResult, USER_FIT_NAME, vagueFitName } from './sensitivity';
export { checkMetrics, inSample, refitHealth } from './metrics';
export { holdoutCheck, planHoldout, planSensitivity, refit, runSettings, sameSettings, sensitivityCheck } from './run-checks';
export type { HoldoutPlan, Refit, RefitOptions, RefitStage, SensitivityPlan } from './run-checks';
export { buildChecksFile, CHECKS_FILE } from './checks-file';
export type { MmmChecksJson } from './checks-file';
export type * from './types';
