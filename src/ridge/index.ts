// The Robyn-style ridge fallback: runRidge (synchronous; Node tests and CLI). The studio uses
// RidgeClient from ./ridge-client (browser only: it owns a Web Worker), not re-exported here so
// Node code can import this module. Results carry Estimates like the Bayesian summary.
export { runRidge, METHOD_NOTE, CHOSEN_RULE, type RunControl } from './run';
export type { RidgeOptions, RidgeResult, RidgeCandidate, RidgeChannelResult, RidgeLiftCheck, RidgeProgress, Objectives, Range } from './types';
