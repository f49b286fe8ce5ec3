// Each ridge number's 90% interval from its bootstrap replicates (summarise.ts): the
// studentized (bootstrap-t) interval where the quantity has a standard error, else the
// percentile interval corrected for the ridge penalty's shrinkage; ends at the (B + 1)α-th
// ordered draws; kept within the range the model allows.
import type { Estimate } from '../core/types';
import { summarise } from '../calibration/estimate';
import type { Tally } from './tally';

/** Each quantity's Estimate from the replicates: studentized where it can be, else the shrinkage-corrected percentile. */
export class Draws {
  studentized = 0;

  constructor(
    readonly point: Tally,
    readonly refit: Tally,
    readonly boot: Tally,
    readonly se: { seHat: Float64Array; seBoot: Float64Array } | null,
  ) {}

  estimate(q: number, o: { scale?: number; lo?: number; hi?: number } = {}): Estimate {
    const at = this.point.get(0, q);
    const t = this.se ? tDraws(this.boot, at, q, this.se.seHat[q], this.se.seBoot) : null;
    if (t) this.studentized++;
    return bounded(t ?? shiftedDraws(this.boot, at, this.refit.get(0, q), q), o.scale ?? 1, o.lo ?? -Infinity, o.hi ?? Infinity);
  }
}

/**
 * Bootstrap-t draws of quantity q (studentize.ts): θ̂ − t*_b · se with t*_b = (θ*_b − θ̂) / se*_b,
 * whose 5% and 95% quantiles are the studentized interval. Null when the quantity has no
 * standard error (e.g. a channel held at 0 by its bound: no influence) or a replicate has none.
 */
function tDraws(boot: Tally, at: number, q: number, se: number, seBoot: Float64Array): Float64Array | null {
  const { n, Q } = boot;
  if (!(se > 0)) return null;
  const out = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const s = seBoot[b * Q + q];
    if (!(s > 0)) return null;
    out[b] = at - ((boot.get(b, q) - at) / s) * se;
  }
  return out;
}

/**
 * Bootstrap draws of quantity q moved by twice the penalty's bias (the percentile interval
 * corrected for shrinkage; the fallback of tDraws and the interval of the block and i.i.d.
 * schemes). The ridge estimate is shrunk, E θ̂ − θ = bias (Hoerl & Kennard, "Ridge regression:
 * biased estimation for nonorthogonal problems", Technometrics 12(1), 1970), and every
 * bootstrap refit is shrunk once more around θ̂, so the plain percentile interval sits about
 * 2·bias away from the truth. The bias-corrected estimate is θ̂ − bias (Efron & Tibshirani, "An
 * Introduction to the Bootstrap", 1993, §10.6), and the bootstrap distribution re-centred on it
 * is the draws − 2·bias. The bias is estimated without Monte Carlo error as what the estimator
 * does to the noise-free fitted values, θ(ŷ) − θ̂: for the unconstrained ridge that is exactly
 * the plug-in −λ(G + λI)⁻¹ b̂ of Hoerl & Kennard and the bootstrap's own mean shift, while a
 * coefficient held at its 0 bound gets none (the Monte Carlo mean would mistake the pile-up at
 * the bound for bias).
 */
function shiftedDraws(boot: Tally, at: number, refit: number, q: number): Float64Array {
  const shift = 2 * (refit - at);
  return Float64Array.from({ length: boot.n }, (_, b) => boot.get(b, q) - shift);
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
