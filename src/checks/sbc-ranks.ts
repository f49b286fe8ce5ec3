// Rank statistics of simulation-based calibration (Talts, Betancourt, Simpson, Vehtari &
// Gelman 2018, "Validating Bayesian inference algorithms with simulation-based calibration",
// arXiv:1804.06788). When the truth theta~ is a draw from the prior and the data from the
// model given theta~, the rank of theta~ among L draws from the exact posterior,
// r = #{l : theta_l < theta~}, is discrete uniform on {0, …, L} (their Theorem 1). An
// inference algorithm whose draws are not the posterior's bends that distribution (§4.2).
// MCMC draws are autocorrelated, which alone piles ranks at the ends; §4.1 thins the chain to
// about L effective draws first. Pure functions, no allocation beyond the returned arrays.
import type { Rng } from '../core/rng';

/**
 * L draw indices spread evenly over n stored draws (the thinning of Talts et al. §4.1):
 * index floor((i + ½)·n / L) for i = 0 … L−1, so the gaps are n/L apart and no index repeats.
 * With chains stored one after another the thinned set takes an equal share of every chain.
 */
export function thinnedIndices(n: number, L: number): Int32Array {
  if (!Number.isInteger(n) || !Number.isInteger(L) || L < 1 || n < L) throw new RangeError(`thinnedIndices: need whole numbers with 1 ≤ L ≤ n, got n ${n}, L ${L}`);
  const out = new Int32Array(L);
  for (let i = 0; i < L; i++) out[i] = Math.floor(((i + 0.5) * n) / L);
  return out;
}

/**
 * The SBC rank of `truth` among draws[idx[0]], …, draws[idx[L−1]]: the number below it, with
 * ties broken uniformly at random (a tie adds 0 … #ties with equal probability), which keeps
 * the rank uniform on {0, …, L} when draws can coincide with the truth (Talts et al. §4,
 * footnote on discrete parameters). Null when the truth or a selected draw is not finite:
 * no rank is better than a wrong one.
 */
export function sbcRank(truth: number, draws: ArrayLike<number>, idx: ArrayLike<number>, rng: Rng): number | null {
  if (!Number.isFinite(truth)) return null;
  let below = 0;
  let ties = 0;
  for (let i = 0; i < idx.length; i++) {
    const v = draws[idx[i]];
    if (!Number.isFinite(v)) return null;
    if (v < truth) below++;
    else if (v === truth) ties++;
  }
  return ties > 0 ? below + rng.int(ties + 1) : below;
}
