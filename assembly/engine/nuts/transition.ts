// One NUTS transition as Stan ≥ 2.26 does it (stan/mcmc/hmc/nuts/base_nuts.hpp transition;
// Hoffman & Gelman 2014, Algorithm 3 with the multinomial and generalized-criterion changes
// of Betancourt 2017, appendix A): the trajectory doubles in a random direction until it
// makes a U-turn, diverges or reaches the maximum depth; the new state is drawn from each
// accepted subtree with biased progressive sampling (prefer the new subtree when it weighs
// more than everything before it).
import { hamiltonian, sampleMomentum, sharpMomentum } from './metric';
import { copyPoint } from './point';
import { buildTree } from './tree';
import { Workspace } from './workspace';
import { noUTurn, noUTurnExtended } from './criterion';
import { logSumExp, vadd, vcopy, vfill } from './vec';

/**
 * Moves the chain state ws.z to the next draw. On return ws.z holds the selected point, and
 * ws.depth, ws.nLeapfrog, ws.divergent, ws.acceptStat and ws.energy describe the transition.
 */
export function transition(ws: Workspace): void {
  const dim = ws.dim;
  const z = ws.z;
  sampleMomentum(z.p, ws.invMetric, dim, ws.rng);

  copyPoint(ws.zFwd, z);
  copyPoint(ws.zBck, z);
  copyPoint(ws.zSample, z);
  copyPoint(ws.zPropose, z);

  sharpMomentum(ws.pSharpFwdFwd, z.p, ws.invMetric, dim);
  vcopy(ws.pSharpFwdBck, ws.pSharpFwdFwd, dim);
  vcopy(ws.pSharpBckFwd, ws.pSharpFwdFwd, dim);
  vcopy(ws.pSharpBckBck, ws.pSharpFwdFwd, dim);
  vcopy(ws.pFwdFwd, z.p, dim);
  vcopy(ws.pFwdBck, z.p, dim);
  vcopy(ws.pBckFwd, z.p, dim);
  vcopy(ws.pBckBck, z.p, dim);
  vcopy(ws.rho, z.p, dim);

  let logSumWeight: f64 = 0; // log(exp(H0 - H0))
  const H0 = hamiltonian(z, ws.invMetric, dim);
  ws.nLeapfrog = 0;
  ws.sumMetroProb = 0;
  ws.depth = 0;
  ws.divergent = false;

  while (ws.depth < ws.maxDepth) {
    if (!extend(ws, H0)) break;
    const logSumWeightSubtree = ws.subtreeLogSumWeight;

    ws.depth++;
    // Biased progressive sampling at the top level (Betancourt 2017, A.3.2).
    if (logSumWeightSubtree > logSumWeight) {
      copyPoint(ws.zSample, ws.zPropose);
    } else {
      const acceptProb = Math.exp(logSumWeightSubtree - logSumWeight);
      if (ws.rng.uniform() < acceptProb) copyPoint(ws.zSample, ws.zPropose);
    }
    logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree);

    vadd(ws.rho, ws.rhoBck, ws.rhoFwd, dim);
    // Around the merged trajectory, then across the seam between old and new parts.
    const persist =
      noUTurn(ws.pSharpBckBck, ws.pSharpFwdFwd, ws.rho, dim) &&
      noUTurnExtended(ws.pSharpBckBck, ws.pSharpFwdBck, ws.rhoBck, ws.pFwdBck, dim) &&
      noUTurnExtended(ws.pSharpBckFwd, ws.pSharpFwdFwd, ws.rhoFwd, ws.pBckFwd, dim);
    if (!persist) break;
  }

  // accept_stat__: mean Metropolis probability over every step, rejected subtrees included.
  ws.acceptStat = ws.sumMetroProb / <f64>ws.nLeapfrog;
  copyPoint(z, ws.zSample);
  ws.energy = hamiltonian(z, ws.invMetric, dim);
}

/**
 * Builds a new subtree of 2^depth steps at a random end of the trajectory. The old
 * trajectory becomes the other "subtree" for the checks across the seam. Returns the new
 * subtree's validity; its proposal is in ws.zPropose.
 */
function extend(ws: Workspace, H0: f64): bool {
  const dim = ws.dim;
  vfill(ws.rhoFwd, 0, dim);
  vfill(ws.rhoBck, 0, dim);
  ws.subtreeLogSumWeight = -Infinity;
  let valid = false;
  if (ws.rng.uniform() > 0.5) {
    // Forward: the old trajectory is the backward part.
    copyPoint(ws.z, ws.zFwd);
    vcopy(ws.rhoBck, ws.rho, dim);
    vcopy(ws.pBckFwd, ws.pFwdFwd, dim);
    vcopy(ws.pSharpBckFwd, ws.pSharpFwdFwd, dim);
    valid = buildTree(ws, ws.depth, ws.zPropose, ws.pSharpFwdBck, ws.pSharpFwdFwd, ws.rhoFwd, ws.pFwdBck, ws.pFwdFwd, H0, 1);
    copyPoint(ws.zFwd, ws.z);
  } else {
    // Backward: the old trajectory is the forward part.
    copyPoint(ws.z, ws.zBck);
    vcopy(ws.rhoFwd, ws.rho, dim);
    vcopy(ws.pFwdBck, ws.pBckBck, dim);
    vcopy(ws.pSharpFwdBck, ws.pSharpBckBck, dim);
    valid = buildTree(ws, ws.depth, ws.zPropose, ws.pSharpBckFwd, ws.pSharpBckBck, ws.rhoBck, ws.pBckFwd, ws.pBckBck, H0, -1);
    copyPoint(ws.zBck, ws.z);
  }
  return valid;
}
