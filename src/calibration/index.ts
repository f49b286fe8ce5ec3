// Lift-test calibration: import (three input shapes → per-period LiftTest), ROAS priors from
// tests and from MTA runs, their sampled implied ROAS, and the panel's lift agreement.
export { importLiftTests, detectShape } from './import';
export { liftTestsFromIncrementality, Z90 } from './from-incrementality';
export { liftTestsFromPymcRows } from './from-pymc';
export { liftTestsFromRobynRows } from './from-robyn';
export { toModelLiftTests, type CalibratedLiftTest, type LiftImport, type LiftImportOptions, type LiftSource, type ResolvedWindow, type RobynSpendMeaning } from './types';
export {
  logNormalFromMeanSd,
  logNormalSummary,
  roasPerBeta,
  roasPriorBetaLogDensity,
  roasPriorFromLiftTest,
  type ChannelCurve,
  type RoasData,
  type RoasPrior,
  type RoasScope,
} from './roas-prior';
export { samplePriorRoas, type PriorRoasDraws, type PriorRoasOptions } from './implied-roas';
export { mtaRoasPriors, describeRoasPrior, type MtaAttribution, type MtaPriorOptions, type MtaPriorResult } from './mta-prior';
export { liftAgreement, impliedLiftDraws, type LiftAgreement } from './lift-agreement';
// The calibration panel's summaries are the one Estimate every output uses (core/estimate.ts).
export { estimate as summarise } from '../core/estimate';
