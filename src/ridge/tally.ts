// Per-fit quantities of the chosen ridge model, recorded for the point fit, the noise-free
// refit, the influence perturbations and every bootstrap replicate (summarise.ts): each
// channel's contribution, marginal contribution and effect share, the intercept, each fixed
// column's total, seasonality, the media total and each lift test's implied lift. One flat row
// of Q numbers per fit (row i at i·Q), so the intervals can treat every quantity alike.
import type { CandidateEvaluator } from './run';

export class Tally {
  readonly Q: number;
  readonly data: Float64Array;
  /** Offsets of the blocks within a row. */
  readonly at: { contribution: number; marginal: number; share: number; intercept: number; fixed: number; seasonality: number; media: number; lift: number };

  constructor(
    readonly n: number,
    readonly C: number,
    readonly K: number,
    readonly L: number,
  ) {
    const contribution = 0;
    const marginal = C;
    const share = 2 * C;
    const intercept = 3 * C;
    const fixed = intercept + 1;
    const seasonality = fixed + K;
    const media = seasonality + 1;
    const lift = media + 1;
    this.at = { contribution, marginal, share, intercept, fixed, seasonality, media, lift };
    this.Q = lift + L;
    this.data = new Float64Array(n * this.Q);
  }

  /** Records the fitter's current fit as row i. No allocation. */
  record(i: number, ev: CandidateEvaluator): void {
    const f = ev.fitter;
    const p = f.problem;
    const { T, C } = f;
    const row = i * this.Q;
    const d = this.data;
    const at = this.at;
    let media = 0;
    for (let c = 0; c < C; c++) {
      const v = f.channelTotal(c);
      d[row + at.contribution + c] = v;
      d[row + at.marginal + c] = f.marginalTotal(c, ev.values);
      media += v;
    }
    d[row + at.media] = media;
    // Effect share: each channel's part of the media effect (0 for all when there is none).
    for (let c = 0; c < C; c++) d[row + at.share + c] = media > 0 ? d[row + at.contribution + c] / media : 0;
    d[row + at.intercept] = f.intercept * T;
    let season = 0;
    for (let k = 0; k < this.K; k++) {
      const col = p.fixed[k];
      let s = 0;
      for (let t = 0; t < T; t++) s += col.values[t];
      const total = f.coef[C + k] * s;
      d[row + at.fixed + k] = total;
      if (col.kind === 'fourier') season += total;
    }
    d[row + at.seasonality] = season;
    for (let j = 0; j < this.L; j++) {
      const l = p.lifts[j];
      d[row + at.lift + j] = f.lift(l.channel, ev.values, l.x0s, l.x1s);
    }
  }

  /**
   * The one-row tally 2·a − b (a point fit and its noise-free refit: the point with the
   * penalty's shrinkage added back, summarise.ts).
   */
  static extrapolated(a: Tally, b: Tally): Tally {
    const out = new Tally(1, a.C, a.K, a.L);
    out.combine(0, a, a, b);
    return out;
  }

  /**
   * Row i = plus + plus2 − minus (one-row tallies of the same shape; debias.ts and
   * extrapolated), effect shares recomputed from the contributions since a share is not linear
   * in them. Every other quantity is linear in the fit's coefficients and intercept, so the row
   * is that quantity at the combined coefficients. No allocation.
   */
  combine(i: number, plus: Tally, plus2: Tally, minus: Tally): void {
    const row = i * this.Q;
    const d = this.data;
    for (let q = 0; q < this.Q; q++) d[row + q] = plus.data[q] + plus2.data[q] - minus.data[q];
    const media = d[row + this.at.media];
    for (let c = 0; c < this.C; c++) d[row + this.at.share + c] = media > 0 ? d[row + this.at.contribution + c] / media : 0;
  }

  get(i: number, q: number): number {
    return this.data[i * this.Q + q];
  }
}
