// Initial point of a chain, as Stan's services/util/initialize.hpp does it for random
// inits: each unconstrained coordinate Uniform(-r, r), up to 100 attempts, until the log
// density and its gradient are finite.
import { targetLogDensity } from '../target';
import { Point } from './point';
import { Workspace } from './workspace';
import { allFinite, ld, st } from './vec';

export const MAX_INIT_TRIES = 100;

/**
 * Fills ws.z with a valid initial point. With initPtr != 0 the point is given (dim f64s)
 * and tried once; otherwise it is drawn from ws.rng. Returns false when no attempt gave a
 * finite log density and gradient.
 */
export function findInitialPoint(ws: Workspace, radius: f64, initPtr: usize): bool {
  const dim = ws.dim;
  const z = ws.z;
  const tries = initPtr != 0 ? 1 : MAX_INIT_TRIES;
  for (let attempt = 0; attempt < tries; attempt++) {
    for (let i = 0; i < dim; i++) {
      st(z.q, i, initPtr != 0 ? ld(initPtr, i) : -radius + 2 * radius * ws.rng.uniform());
    }
    if (isValid(ws, z)) return true;
  }
  return false;
}

function isValid(ws: Workspace, z: Point): bool {
  z.lp = targetLogDensity(z.q, z.g);
  ws.gradientEvaluations += 1;
  return isFinite<f64>(z.lp) && allFinite(z.g, ws.dim);
}
