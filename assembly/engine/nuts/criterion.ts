// The generalized no-U-turn criterion (Betancourt 2017, section A.4.2; Stan's
// base_nuts::compute_criterion): a trajectory with summed momentum rho and sharp momenta
// p♯⁻, p♯⁺ at its ends keeps expanding while both ends still move "forward" along rho.
import { dot, dotSum } from './vec';

/** p♯⁺·rho > 0 and p♯⁻·rho > 0. */
export function noUTurn(pSharpMinus: usize, pSharpPlus: usize, rho: usize, dim: i32): bool {
  return dot(pSharpPlus, rho, dim) > 0 && dot(pSharpMinus, rho, dim) > 0;
}

/**
 * The same criterion on rho = rhoA + pB, the check across two merged subtrees that Stan
 * added in 2.26 (the "extra checks": the left subtree plus the first point of the right,
 * and the right subtree plus the last point of the left), without a temporary vector.
 */
export function noUTurnExtended(pSharpMinus: usize, pSharpPlus: usize, rhoA: usize, pB: usize, dim: i32): bool {
  return dotSum(pSharpPlus, rhoA, pB, dim) > 0 && dotSum(pSharpMinus, rhoA, pB, dim) > 0;
}
