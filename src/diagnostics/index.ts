// Public API of the diagnostics: kernels on one variable's chains, then batches over the
// variables of an InferenceData, then the mmm_diagnostics.json report.
export { rhat, rhatBasic, rhatCore, essBulk, essTail, essBasic, essMean, essQuantile, essCore } from './convergence';
export { mcseMean, mcseSd, mcseQuantile } from './convergence';
export { quantile, median, splitChains, zScale, averageRanks } from './draws';
export type { Chains } from './draws';
export { essGeyer } from './convergence';
export { psis, gpdFit, psisTailLength } from './psis';
export { psisLoo, waic, relativeEff } from './loo';
export type { LooResult, WaicResult } from './loo';
export { fromDrawRows, observationColumn, observationChains } from './pointwise';
export type { PointwiseDraws } from './pointwise';
