// Robyn's three objectives (R/R/model.R, robyn_mmm and model_refit; Runge et al. 2024 §3.3):
//  NRMSE       = sqrt(mean((y − ŷ)²)) / (max y − min y)                        — fit
//  DECOMP.RSSD = sqrt(Σ_c (effect_share_c − spend_share_c)²) over paid media     — "business" fit
//                effect_share_c = contribution_c / Σ paid contributions; with rssd_zero_penalty
//                it is multiplied by (1 + share of channels whose effect share rounds to 0 at
//                4 decimals); all-zero media gives Inf (Robyn turns the NaN into Inf)
//  MAPE.LIFT   = mean over tests |predicted lift − measured lift| / |measured lift|
// Robyn's lift prediction is the channel's decomposed contribution inside the test window;
// here it is MODEL.md §6's steady-state lift coef · (sat(xs + dxs) − sat(xs)) per period, the
// same quantity the Bayesian model's lift likelihood uses, so both modes read a test alike.
import type { RidgeFitter } from './fit-ridge';

export function nrmse(y: ArrayLike<number>, yhat: ArrayLike<number>, yRange: number): number {
  let s = 0;
  for (let t = 0; t < y.length; t++) s += (y[t] - yhat[t]) * (y[t] - yhat[t]);
  return Math.sqrt(s / y.length) / yRange;
}

export function decompRssd(contribution: ArrayLike<number>, spendShare: ArrayLike<number>, zeroPenalty: boolean): number {
  let total = 0;
  for (let c = 0; c < contribution.length; c++) total += contribution[c];
  if (!(total > 0)) return Infinity;
  let ss = 0;
  let zeros = 0;
  for (let c = 0; c < contribution.length; c++) {
    const share = contribution[c] / total;
    ss += (share - spendShare[c]) * (share - spendShare[c]);
    if (Math.round(share * 1e4) === 0) zeros++;
  }
  const rssd = Math.sqrt(ss);
  return zeroPenalty ? rssd * (1 + zeros / contribution.length) : rssd;
}

/** MAPE.LIFT of the fitter's last fit (decoded hyperparameter values `values`); null without tests. */
export function mapeLift(fitter: RidgeFitter, values: ArrayLike<number>): number | null {
  const lifts = fitter.problem.lifts;
  if (lifts.length === 0) return null;
  let s = 0;
  for (const l of lifts) s += Math.abs(fitter.lift(l.channel, values, l.x0s, l.x1s) - l.test.delta_y) / Math.abs(l.test.delta_y);
  return s / lifts.length;
}
