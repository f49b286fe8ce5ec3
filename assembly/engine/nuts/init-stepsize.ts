// Stan's step-size initialisation heuristic (stan/mcmc/hmc/base_hmc.hpp init_stepsize;
// a variant of Hoffman & Gelman 2014, Algorithm 4): from the current point, take one
// leapfrog step with fresh momentum; double ε while the energy change keeps the acceptance
// probability above 0.8, or halve it while it stays below, and stop at the first crossing.
import { hamiltonian, sampleMomentum } from './metric';
import { leapfrog } from './leapfrog';
import { copyPoint, Point } from './point';
import { Workspace } from './workspace';

export const STEPSIZE_OK = 0;
/** ε grew past 1e7: the posterior is improper (Stan's message). */
export const STEPSIZE_IMPROPER = 2;
/** ε shrank to 0: no acceptably small step size (a discontinuous posterior?). */
export const STEPSIZE_ZERO = 3;

const LOG_08: f64 = Math.log(0.8);

/**
 * Sets ws.eps from the point ws.z, which is restored on return (position, gradient and log
 * density; the momentum is resampled by the next transition anyway). `zInit` is scratch.
 */
export function initStepsize(ws: Workspace, zInit: Point): i32 {
  if (ws.eps == 0 || ws.eps > 1e7 || isNaN<f64>(ws.eps)) return STEPSIZE_OK;
  copyPoint(zInit, ws.z);
  const direction: i32 = trialDeltaH(ws, zInit) > LOG_08 ? 1 : -1;
  let status = STEPSIZE_OK;
  while (true) {
    const deltaH = trialDeltaH(ws, zInit);
    if (direction == 1 && !(deltaH > LOG_08)) break;
    if (direction == -1 && !(deltaH < LOG_08)) break;
    ws.eps = direction == 1 ? 2 * ws.eps : 0.5 * ws.eps;
    if (ws.eps > 1e7) {
      status = STEPSIZE_IMPROPER;
      break;
    }
    if (ws.eps == 0) {
      status = STEPSIZE_ZERO;
      break;
    }
  }
  copyPoint(ws.z, zInit);
  return status;
}

/** H0 - H after one leapfrog step of size ws.eps from zInit with fresh momentum (NaN H → +inf). */
function trialDeltaH(ws: Workspace, zInit: Point): f64 {
  const dim = ws.dim;
  const z = ws.z;
  copyPoint(z, zInit);
  sampleMomentum(z.p, ws.invMetric, dim, ws.rng);
  const H0 = hamiltonian(z, ws.invMetric, dim);
  ws.gradientEvaluations += <f64>leapfrog(z, ws.invMetric, ws.eps, dim);
  let h = hamiltonian(z, ws.invMetric, dim);
  if (isNaN<f64>(h)) h = Infinity;
  return H0 - h;
}
