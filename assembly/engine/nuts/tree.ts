// Recursive trajectory building with multinomial sampling, as Stan ≥ 2.26
// (stan/mcmc/hmc/nuts/base_nuts.hpp build_tree; Betancourt 2017, appendix A.3–A.4):
// a subtree of depth d is two subtrees of depth d-1 built in the same direction; its
// proposal is drawn from the two halves' proposals in proportion to their weights
// (progressive uniform sampling), and the subtree is valid only if neither half diverged
// and the generalized U-turn criterion holds over the whole subtree and across the seam.
import { hamiltonian, sharpMomentum } from './metric';
import { leapfrog } from './leapfrog';
import { copyPoint, Point } from './point';
import { Workspace } from './workspace';
import { noUTurn, noUTurnExtended } from './criterion';
import { logSumExp, vadd, vcopy } from './vec';

/**
 * Builds a subtree of 2^depth leapfrog steps from ws.z in direction `sign` (±1).
 * Outputs: the proposal in zPropose; sharp momenta and momenta at the subtree's beginning
 * and end; rho = the subtree's summed momentum (Stan adds into a zero vector; every caller
 * passes zeros, so writing it is the same). The subtree's log summed weight goes to
 * ws.subtreeLogSumWeight; n_leapfrog, sum_metro_prob and divergent accumulate in ws.
 * Returns false when the subtree diverged or turned back on itself.
 */
export function buildTree(
  ws: Workspace,
  depth: i32,
  zPropose: Point,
  pSharpBeg: usize,
  pSharpEnd: usize,
  rho: usize,
  pBeg: usize,
  pEnd: usize,
  H0: f64,
  sign: f64,
): bool {
  const dim = ws.dim;
  if (depth == 0) return leaf(ws, zPropose, pSharpBeg, pSharpEnd, rho, pBeg, pEnd, H0, sign);

  const lv = unchecked(ws.levels[depth]);
  // Initial half: shares this subtree's beginning.
  const validInit = buildTree(ws, depth - 1, zPropose, pSharpBeg, lv.pSharpInitEnd, lv.rhoInit, pBeg, lv.pInitEnd, H0, sign);
  if (!validInit) return false;
  const logSumWeightInit = ws.subtreeLogSumWeight;

  // Final half: shares this subtree's end.
  const zProposeFinal = lv.zProposeFinal;
  const validFinal = buildTree(ws, depth - 1, zProposeFinal, lv.pSharpFinalBeg, pSharpEnd, lv.rhoFinal, lv.pFinalBeg, pEnd, H0, sign);
  if (!validFinal) return false;
  const logSumWeightFinal = ws.subtreeLogSumWeight;

  // Progressive uniform sampling inside the subtree: take the final half's proposal with
  // probability w_final / (w_init + w_final).
  const logSumWeightSubtree = logSumExp(logSumWeightInit, logSumWeightFinal);
  ws.subtreeLogSumWeight = logSumWeightSubtree;
  if (logSumWeightFinal > logSumWeightSubtree) {
    copyPoint(zPropose, zProposeFinal);
  } else {
    const acceptProb = Math.exp(logSumWeightFinal - logSumWeightSubtree);
    if (ws.rng.uniform() < acceptProb) copyPoint(zPropose, zProposeFinal);
  }

  vadd(rho, lv.rhoInit, lv.rhoFinal, dim);

  // Criterion around the merged subtree, then across the seam between its halves.
  // (Stan evaluates all three; they have no side effects, so stopping at the first failure
  // gives the same result.)
  return (
    noUTurn(pSharpBeg, pSharpEnd, rho, dim) &&
    noUTurnExtended(pSharpBeg, lv.pSharpFinalBeg, lv.rhoInit, lv.pFinalBeg, dim) &&
    noUTurnExtended(lv.pSharpInitEnd, pSharpEnd, lv.rhoFinal, lv.pInitEnd, dim)
  );
}

/** Base case: one leapfrog step, its weight exp(H0 - h) and divergence check. */
function leaf(
  ws: Workspace,
  zPropose: Point,
  pSharpBeg: usize,
  pSharpEnd: usize,
  rho: usize,
  pBeg: usize,
  pEnd: usize,
  H0: f64,
  sign: f64,
): bool {
  const dim = ws.dim;
  const z = ws.z;
  ws.gradientEvaluations += <f64>leapfrog(z, ws.invMetric, sign * ws.eps, dim);
  ws.nLeapfrog++;

  let h = hamiltonian(z, ws.invMetric, dim);
  // A NaN energy is a divergence (Stan: isnan(h) → h = +inf).
  if (isNaN<f64>(h)) h = Infinity;
  if (h - H0 > ws.maxDeltaH) ws.divergent = true;

  ws.subtreeLogSumWeight = H0 - h;
  // Stan's accept_stat__ sums min(1, exp(H0 - h)) over every step of the trajectory.
  if (H0 - h > 0) ws.sumMetroProb += 1;
  else ws.sumMetroProb += Math.exp(H0 - h);

  copyPoint(zPropose, z);
  sharpMomentum(pSharpBeg, z.p, ws.invMetric, dim);
  vcopy(pSharpEnd, pSharpBeg, dim);
  vcopy(rho, z.p, dim);
  vcopy(pBeg, z.p, dim);
  vcopy(pEnd, z.p, dim);
  return !ws.divergent;
}
