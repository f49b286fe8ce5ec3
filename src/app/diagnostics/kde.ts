// Gaussian kernel density estimates for the posterior predictive density overlay
// (Gabry et al. 2019, "Visualization in Bayesian workflow", JRSS A 182, §5, Fig. 6; the
// bayesplot ppc_dens_overlay picture). Evaluated exactly on a grid (no FFT binning): the
// series are short (one value per period), so the direct sum is cheap and needs no
// approximation argument.

import { meanVar } from '../../diagnostics/autocov';
import { quantileSorted } from '../../diagnostics/draws';
import type { PointwiseDraws } from '../../diagnostics/pointwise';

/**
 * R's default bandwidth `bw.nrd0` (Silverman 1986, "Density estimation", eq. 3.31):
 * 0.9 · min(sd, IQR / 1.34) · n^(−1/5), with R's fall-backs when that minimum is 0
 * (sd, then |x₁|, then 1). IQR from type-7 quantiles, as R's IQR().
 */
export function bandwidthNrd0(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) throw new Error('bandwidthNrd0 needs at least 2 values');
  const hi = Math.sqrt(meanVar(x).variance);
  const s = Float64Array.from(x as ArrayLike<number>).sort();
  const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
  let lo = Math.min(hi, iqr / 1.34);
  if (!lo) lo = hi || Math.abs(x[0]) || 1;
  return 0.9 * lo * n ** -0.2;
}

/** n equally spaced points from lo to hi inclusive. */
export function linearGrid(lo: number, hi: number, n: number): Float64Array {
  if (n < 2) return Float64Array.of(lo);
  const step = (hi - lo) / (n - 1);
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * step));
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * f̂(g) = (1 / (n·h)) Σ φ((g − x_i) / h) at every grid point; non-finite values of x are
 * skipped (and not counted in n).
 */
export function gaussianKde(x: ArrayLike<number>, grid: ArrayLike<number>, h: number, out = new Float64Array(grid.length)): Float64Array {
  out.fill(0);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (!Number.isFinite(xi)) continue;
    n++;
    for (let g = 0; g < grid.length; g++) {
      const z = (grid[g] - xi) / h;
      out[g] += Math.exp(-0.5 * z * z);
    }
  }
  const scale = n > 0 ? INV_SQRT_2PI / (n * h) : NaN;
  for (let g = 0; g < grid.length; g++) out[g] *= scale;
  return out;
}

export interface DensityOverlay {
  grid: Float64Array;
  observed: Float64Array;
  /** One density per replicated draw shown. */
  replicated: Float64Array[];
  /** Index (chain-major, over all draws) of each replicated draw shown. */
  draws: number[];
  bandwidth: number;
}

/**
 * Densities of the observed series and of `count` replicated series (draws picked evenly
 * over all chains, so the choice is deterministic), on a common grid spanning all of them
 * plus three bandwidths each side. All curves share the observed series' bandwidth so that
 * differences in shape are not differences in smoothing.
 */
export function densityOverlay(
  observed: ArrayLike<number>,
  replicated: PointwiseDraws,
  count = 40,
  points = 200,
): DensityOverlay {
  const finite = Array.from(observed as ArrayLike<number>).filter(Number.isFinite);
  const h = bandwidthNrd0(finite);
  const s = replicated.nChains * replicated.nDraws;
  const k = Math.min(count, s);
  const draws = Array.from({ length: k }, (_, i) => Math.floor((i * s) / k));
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  for (const d of draws) {
    const row = replicated.values.subarray(d * replicated.nObs, (d + 1) * replicated.nObs);
    for (let i = 0; i < row.length; i++) {
      if (!Number.isFinite(row[i])) continue;
      if (row[i] < lo) lo = row[i];
      if (row[i] > hi) hi = row[i];
    }
  }
  const grid = linearGrid(lo - 3 * h, hi + 3 * h, points);
  return {
    grid,
    observed: gaussianKde(finite, grid, h),
    replicated: draws.map((d) => gaussianKde(replicated.values.subarray(d * replicated.nObs, (d + 1) * replicated.nObs), grid, h)),
    draws,
    bandwidth: h,
  };
}
