// Studentized (bootstrap-t) intervals for the ridge numbers.
//
// A percentile interval's width is the bootstrap's estimate of the noise's long-run variance,
// and with ~150 weekly residuals that estimate is itself uncertain (the AR coefficient and the
// variance are estimated), so percentile intervals under-cover by a few points even when the
// bootstrap is right on average (our simulations: ~0.87 for a nominal 0.90). The bootstrap-t
// (Efron 1981; Hall, "The Bootstrap and Edgeworth Expansion", 1992, §3.5; Davison & Hinkley
// 1997, §5.2.1) divides each replicate's error by its own standard error, t* = (θ* − θ̂) / se*,
// and reads the interval as [θ̂ − t*_0.95 · se, θ̂ − t*_0.05 · se]: the standard error's own
// noise and bias are in the t* distribution. For a time series the standard error has to be
// computed the same way in the data and in every replicate (Götze & Künsch 1996, Ann. Stat.
// 24(5), on studentizing dependent data): here se² = Var(wᵀε) = Σ_k c_k W(k) γ(k), with
//   w = ∂θ/∂y the quantity's influence vector at the chosen model (finite differences of the
//       exact active-set ridge fit, which is linear in y for a fixed active set),
//   W(k) = Σ_t w_t w_{t+k}, c_0 = 1, c_k = 2, and
//   γ(k) the autocovariances of an AR(p) fitted by Yule–Walker to the fit's residuals, p by
//       AIC each time (in the data and in every replicate, as the sieve chose it) — the sample
//       autocovariances to lag p and the AR recursion γ(k) = Σ φ_j γ(k − j) beyond (Brockwell
//       & Davis §3.3), so the order's own uncertainty is in t* too.
// Since θ* − θ̂ also holds the penalty's shrinkage, the t interval is corrected for it as well.
import { autocovariances, levinsonAic, maxArOrder } from './sieve';

export class ArStandardError {
  /** W(k) per quantity, Q×T (row q at q·T). */
  private readonly lagProducts: Float64Array;
  private readonly gamma: Float64Array;
  private readonly r: Float64Array;
  private readonly a: Float64Array;
  private readonly prev: Float64Array;
  private readonly best: Float64Array;
  /** Largest AR order tried (the sieve's, sieve.ts maxArOrder). */
  readonly P: number;

  /** influence: Q×T, row q the influence vector w of quantity q. */
  constructor(
    readonly T: number,
    readonly Q: number,
    influence: Float64Array,
  ) {
    this.lagProducts = new Float64Array(Q * T);
    for (let q = 0; q < Q; q++) {
      const w = influence.subarray(q * T, (q + 1) * T);
      for (let k = 0; k < T; k++) {
        let s = 0;
        for (let t = 0; t + k < T; t++) s += w[t] * w[t + k];
        this.lagProducts[q * T + k] = s;
      }
    }
    const P = (this.P = maxArOrder(T));
    this.gamma = new Float64Array(T);
    this.r = new Float64Array(P + 1);
    this.a = new Float64Array(P + 1);
    this.prev = new Float64Array(P + 1);
    this.best = new Float64Array(P + 1);
  }

  /** Standard errors of every quantity for noise like the residual series `resid`, into out (length Q). No allocation. */
  compute(resid: ArrayLike<number>, out: Float64Array): void {
    const { T, Q, gamma, r } = this;
    const p = this.aicFit(resid);
    const phi = this.best;
    for (let k = 0; k < T; k++) {
      if (k <= p) gamma[k] = r[k];
      else {
        let g = 0;
        for (let j = 1; j <= p; j++) g += phi[j] * gamma[k - j];
        gamma[k] = g;
      }
    }
    for (let q = 0; q < Q; q++) {
      const W = this.lagProducts.subarray(q * T, (q + 1) * T);
      let v = W[0] * gamma[0];
      for (let k = 1; k < T; k++) v += 2 * W[k] * gamma[k];
      out[q] = v > 0 ? Math.sqrt(v) : 0;
    }
  }

  /** Yule–Walker AR with the order by AIC (sieve.ts): r gets the autocovariances, best[1..p] φ; returns p. */
  private aicFit(e: ArrayLike<number>): number {
    const { P, r, a, prev, best } = this;
    autocovariances(e, r, P);
    return levinsonAic(r, e.length, P, a, prev, best);
  }
}
