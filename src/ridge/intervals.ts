// Each ridge number's 90% interval from its bootstrap replicates (summarise.ts): the
// studentized (bootstrap-t) interval where the quantity has a standard error, else the
// percentile interval corrected for the estimate's shrinkage; ends at the (B + 1)α-th ordered
// draws; kept within the range the model allows. The estimate is the chosen fit with its
// penalty's bias taken out (debias.ts), so what shrinkage is left is small (second order).
import type { Estimate } from '../core/types';
import { estimate as summarise } from '../core/estimate';
import type { Tally } from './tally';

/** Each quantity's Estimate from the replicates: studentized where it can be, else the shrinkage-corrected percentile. */
export class Draws {
  studentized = 0;

  /**
   * centre: the estimate the intervals are built on (debias.ts), not the chosen model's point;
   * world: the bootstrap world's true values; worldRefit: the estimate's noise-free value in that
   * world (summarise.ts).
   */
  constructor(
    readonly centre: Tally,
    readonly world: Tally,
    readonly worldRefit: Tally,
    readonly boot: Tally,
    readonly se: { seHat: Float64Array; seBoot: Float64Array } | null,
  ) {}

  estimate(q: number, o: { scale?: number; lo?: number; hi?: number } = {}): Estimate {
    const at = this.centre.get(0, q);
    const truth = this.world.get(0, q);
    const t = this.se ? tDraws(this.boot, at, truth, q, this.se.seHat[q], this.se.seBoot) : null;
    if (t) this.studentized++;
    return bounded(t ?? shiftedDraws(this.boot, at, truth, this.worldRefit.get(0, q), q), o.scale ?? 1, o.lo ?? -Infinity, o.hi ?? Infinity);
  }
}

/**
 * Bootstrap-t draws of quantity q (studentize.ts): θ̂ − t*_b · se with t*_b = (θ*_b − θ_w) / se*_b,
 * θ_w the bootstrap world's true value, whose (B + 1)α-th values are the studentized interval's
 * ends. Null when the quantity has no standard error (e.g. a channel held at 0 by its bound: no
 * influence) or a replicate has none.
 */
function tDraws(boot: Tally, at: number, truth: number, q: number, se: number, seBoot: Float64Array): Float64Array | null {
  const { n, Q } = boot;
  if (!(se > 0)) return null;
  const out = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const s = seBoot[b * Q + q];
    if (!(s > 0)) return null;
    out[b] = at - ((boot.get(b, q) - truth) / s) * se;
  }
  return out;
}

/**
 * Percentile-type draws of quantity q corrected for the penalty's shrinkage (the fallback of
 * tDraws, and the interval of the block and i.i.d. schemes): the replicates θ*_b keep their
 * shape and are re-centred on the basic bootstrap's bias-corrected estimate θ̂ − (E*θ* − θ_w)
 * (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, §10.6; Davison & Hinkley 1997,
 * eq. 5.6), i.e. d_b = θ*_b + θ̂ + θ_w − 2·E*θ*. The ridge estimate is shrunk (Hoerl & Kennard,
 * "Ridge regression: biased estimation for nonorthogonal problems", Technometrics 12(1), 1970)
 * and every replicate once more, so plain percentiles would sit about twice the bias away from
 * the truth. E*θ* is taken without Monte Carlo error as the noise-free refit of the world's mean
 * (exact for the unconstrained ridge, which is linear in y); a coefficient held at its 0 bound
 * gets no shift (a Monte Carlo mean would mistake the pile-up at the bound for bias), so such a
 * channel keeps the percentile interval [0, q95].
 */
function shiftedDraws(boot: Tally, at: number, truth: number, refit: number, q: number): Float64Array {
  const shift = at + truth - 2 * refit;
  return Float64Array.from({ length: boot.n }, (_, b) => boot.get(b, q) + shift);
}

/**
 * Summary of draws / scale kept within [lo, hi], the range the model allows (media effects ≥ 0,
 * shares in [0, 1]): clamping cannot exclude a true value. The interval's ends are the
 * (B + 1)·α-th ordered draws (Davison & Hinkley 1997, §5.2.1, eqs. 5.6 and 5.18 — Hyndman &
 * Fan's type 6 quantile), at which a replicate and the data, exchangeable, give the nominal
 * coverage exactly; the type-7 quantile of Estimate summaries elsewhere cuts an interval of
 * B = 99 draws 1.8 points short (its α-quantile is the draw at (B − 1)α + 1).
 */
function bounded(draws: Float64Array, scale: number, lo: number, hi: number): Estimate {
  for (let i = 0; i < draws.length; i++) draws[i] = Math.min(hi, Math.max(lo, draws[i] / scale));
  const e = summarise(draws);
  if (e.mean === null) return e;
  draws.sort();
  return { ...e, q05: type6(draws, 0.05), q50: type6(draws, 0.5), q95: type6(draws, 0.95) };
}

/** Hyndman & Fan (1996) type 6 quantile of ascending-sorted x: position (n + 1)p, 1-based, interpolated. */
export function type6(x: Float64Array, p: number): number {
  const n = x.length;
  const h = (n + 1) * p;
  if (h <= 1) return x[0];
  if (h >= n) return x[n - 1];
  const k = Math.floor(h);
  return x[k - 1] + (h - k) * (x[k] - x[k - 1]);
}
