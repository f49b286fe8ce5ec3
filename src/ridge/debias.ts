// The estimator the ridge intervals are built on (summarise.ts): the chosen model's ridge
// estimate corrected for its penalty's bias.
//
// For y = Xβ + ε the ridge estimate b_λ = (G + λI)⁻¹Zᵀy/T (standardised, fit-ridge.ts) has mean
// (G + λI)⁻¹Gβ and bias −λ(G + λI)⁻¹β (Hoerl & Kennard, "Ridge regression: biased estimation
// for nonorthogonal problems", Technometrics 12(1), 1970, §4). The bootstrap reproduces the
// estimate's spread but not this bias: under Robyn's lambda 0.01 the estimate sits ~40% below the
// truth and 90% intervals built around it held the truth ~65% of the time (~36% for one of two
// co-flighted channels). A bias known only up to β is estimated by plugging in a less penalised
// fit β̃ (the plug-in bias correction of Efron & Tibshirani, "An Introduction to the Bootstrap",
// 1993, §10.6, with the bias written out instead of bootstrapped; the debiased ridge of Zhang &
// Politis, "Ridge regression revisited: debiasing, thresholding and bootstrap", Ann. Stat.
// 50(3), 2022, §2, which then bootstraps the debiased estimate):
//     b̃ = b_λ(y) − bias(β̃),  bias(β̃) = b_λ(Xβ̃) − β̃,  β̃ = b_λ′(y), λ′ < λ,
// where b_λ(Xβ̃) is the ridge refit of the less penalised fit's noise-free fitted values — for the
// linear (unconstrained) ridge exactly E b_λ − β at β = β̃, and with Robyn's bounds (media ≥ 0,
// intercept ≥ 0) the same map through the same solver. What remains of the bias is the plug-in's
// own, −λ(G + λI)⁻¹(I − S_λ′)β (S_λ′ the λ′ shrinkage), and for the linear ridge with λ′ → 0 b̃
// is the least-squares estimate: the correction trades the penalty's variance reduction back for
// an unbiased centre, which is what an interval that is to hold the truth needs. λ′ is therefore
// as small as the solver allows, not Robyn's least penalty lambda_min = 10⁻⁴·lambda_max: that one
// still shrinks a direction of G with eigenvalue g by λ_min/(g + λ_min), a few percent for the
// contrast of two co-flighted channels, and with it as λ′ the two-channel scenario of
// tests/ridge/coverage.test.ts covered 0.886/0.890 (N = 800, i.i.d. noise) against 0.913/0.903
// with λ′ = 10⁻⁸·lambda_max (lessPenalised). That λ′ only keeps G + λ′I positive definite for the
// solver (box-qp.ts): on the standardised problem G has unit diagonal (eigenvalues ≤ p) and
// lambda_max is 100 times the largest |correlation| of a column with y (problem.ts), so λ′ is
// about 10⁻⁶ and the condition number of G + λ′I at most (p + λ′)/λ′.
// The price shows where the penalty mattered: a channel the data cannot tell apart from another
// gets the wide interval the data allow, and the chosen model's shrunk point can lie outside its
// interval (summarise.ts warns when it does). The intervals stay conditional on the chosen
// adstock and saturation parameters.
//
// Every recorded quantity (contributions, marginal contributions, lifts, intercept, controls) is
// linear in the coefficients and intercept at fixed hyperparameters, so the quantities of b̃ are
// the same combination of the three fits' quantities (Tally.combine), effect shares recomputed.
// With λ ≤ λ′ there is nothing to correct and the estimator is the chosen fit itself.
import { Tally } from './tally';
import type { CandidateEvaluator } from './run';

/** The less penalised fit's penalty λ′ for a problem's lambda_max (see above): least squares but for the solver's need of a positive definite matrix. */
export function lessPenalised(lambdaMax: number): number {
  return 1e-8 * lambdaMax;
}

export class DebiasedRidge {
  /** Whether a correction is made (λ > λ′); otherwise estimate() is the chosen fit. */
  readonly debiased: boolean;
  /** Fitted values of the last estimate: ŷ_λ(y) − ŷ_λ(ŷ_λ′) + ŷ_λ′(y). */
  readonly yhat: Float64Array;
  /** False when one of the last estimate's fits did not converge. */
  converged = true;
  private readonly chosen: Tally;
  private readonly less: Tally;
  private readonly refit: Tally;
  private readonly lessHat: Float64Array;

  constructor(
    readonly ev: CandidateEvaluator,
    /** The chosen model's penalty. */
    readonly lambda: number,
    /** The less penalised fit's penalty (λ′). */
    readonly lambdaLess: number,
    readonly nonNeg: boolean,
  ) {
    const f = ev.fitter;
    const p = f.problem;
    this.debiased = lambda > lambdaLess;
    this.yhat = new Float64Array(f.T);
    this.lessHat = new Float64Array(f.T);
    this.chosen = new Tally(1, f.C, p.fixed.length, p.lifts.length);
    this.less = new Tally(1, f.C, p.fixed.length, p.lifts.length);
    this.refit = new Tally(1, f.C, p.fixed.length, p.lifts.length);
  }

  /**
   * The bias-corrected quantities of data y into row i of `out`, their fitted values into
   * this.yhat. Three ridge fits (one when not debiased); leaves the fitter at the last of them.
   * No allocation.
   */
  estimate(y: ArrayLike<number>, out: Tally, i: number): void {
    const f = this.ev.fitter;
    const T = f.T;
    f.fit(y, this.lambda, this.nonNeg);
    if (!this.debiased) {
      out.record(i, this.ev);
      this.yhat.set(f.yhat);
      this.converged = f.converged;
      return;
    }
    let ok = f.converged;
    this.chosen.record(0, this.ev);
    this.yhat.set(f.yhat);
    f.fit(y, this.lambdaLess, this.nonNeg);
    ok &&= f.converged;
    this.less.record(0, this.ev);
    this.lessHat.set(f.yhat);
    f.fit(this.lessHat, this.lambda, this.nonNeg);
    ok &&= f.converged;
    this.refit.record(0, this.ev);
    for (let t = 0; t < T; t++) this.yhat[t] = this.yhat[t] + this.lessHat[t] - f.yhat[t];
    out.combine(i, this.chosen, this.less, this.refit);
    this.converged = ok;
  }
}
