// The chosen ridge model's numbers with bootstrap intervals (bootstrap.ts): contributions,
// ROAS and marginal ROAS per channel (MODEL.md §5 definitions, over the data window), the
// base components, and each lift test's implied lift — every one an Estimate
// (src/core/types.ts) so the studio can show them next to the Bayesian ones.
import type { Estimate, UserError } from '../core/types';
import { summarise } from '../calibration/estimate';
import type { Rng } from '../core/rng';
import { automaticBlockLength, centre, movingBlockResample } from './bootstrap';
import type { CandidateEvaluator, RunControl } from './run';
import type { RidgeChannelResult, RidgeLiftCheck, RidgeOptions, RidgeResult } from './types';

type Summary = Pick<RidgeResult, 'channels' | 'base' | 'media_total' | 'lift' | 'bootstrap'> & {
  model: Omit<RidgeResult['model'], 'objectives'>;
};

/** Per-fit quantities recorded for the point fit and every replicate. */
class Tally {
  readonly contribution: Float64Array;
  readonly marginal: Float64Array;
  readonly intercept: Float64Array;
  readonly fixed: Float64Array;
  readonly seasonality: Float64Array;
  readonly media: Float64Array;
  readonly lift: Float64Array;

  constructor(
    readonly n: number,
    readonly C: number,
    readonly K: number,
    readonly L: number,
  ) {
    this.contribution = new Float64Array(n * C);
    this.marginal = new Float64Array(n * C);
    this.intercept = new Float64Array(n);
    this.fixed = new Float64Array(n * K);
    this.seasonality = new Float64Array(n);
    this.media = new Float64Array(n);
    this.lift = new Float64Array(n * L);
  }

  record(i: number, ev: CandidateEvaluator): void {
    const f = ev.fitter;
    const p = f.problem;
    const { T, C } = f;
    let media = 0;
    for (let c = 0; c < C; c++) {
      const v = f.channelTotal(c);
      this.contribution[i * C + c] = v;
      this.marginal[i * C + c] = f.marginalTotal(c, ev.values);
      media += v;
    }
    this.media[i] = media;
    this.intercept[i] = f.intercept * T;
    let season = 0;
    p.fixed.forEach((col, k) => {
      let s = 0;
      for (let t = 0; t < T; t++) s += col.values[t];
      const total = f.coef[C + k] * s;
      this.fixed[i * this.K + k] = total;
      if (col.kind === 'fourier') season += total;
    });
    this.seasonality[i] = season;
    p.lifts.forEach((l, j) => (this.lift[i * this.L + j] = f.lift(l.channel, ev.values, l.x0s, l.x1s)));
  }

  column(m: Float64Array, width: number, j: number, scale = 1): Float64Array {
    return Float64Array.from({ length: this.n }, (_, i) => m[i * width + j] / scale);
  }
}

export function summariseChosen(ev: CandidateEvaluator, rng: Rng, opts: RidgeOptions, control: RunControl): Summary | { errors: UserError[] } {
  const f = ev.fitter;
  const p = f.problem;
  const { T, C } = f;
  const K = p.fixed.length;
  const L = p.lifts.length;
  const lambda = f.lambdaFor(ev.values[ev.lambdaIndex]);
  const nonNeg = opts.intercept_non_negative ?? true;
  const point = new Tally(1, C, K, L);
  point.record(0, ev);
  const yhat = Float64Array.from(f.yhat);
  const model: Summary['model'] = {
    hyper: Object.fromEntries(ev.space.dims.map((d, i) => [d.key, ev.values[i]])),
    lambda_standardised: lambda,
    intercept: f.intercept,
    intercept_dropped: f.interceptDropped,
    coefficients: Object.fromEntries([...p.channels, ...p.fixed.map((x) => x.name)].map((name, j) => [name, f.coef[j]])),
    rsq: rsq(p.y, yhat),
    fitted: Array.from(yhat),
  };

  const B = opts.bootstrap?.replicates ?? 500;
  const iid = opts.bootstrap?.method === 'residual';
  const resid = Float64Array.from(p.y, (v, t) => v - yhat[t]);
  centre(resid);
  const blockLength = iid ? 1 : (opts.bootstrap?.block_length ?? automaticBlockLength(resid));
  const eStar = new Float64Array(T);
  const yStar = new Float64Array(T);
  const boot = new Tally(B, C, K, L);
  for (let b = 0; b < B; b++) {
    movingBlockResample(resid, blockLength, rng, eStar);
    for (let t = 0; t < T; t++) yStar[t] = yhat[t] + eStar[t];
    f.fit(yStar, lambda, nonNeg);
    boot.record(b, ev);
    if ((b + 1) % 25 === 0 || b + 1 === B) {
      control.onProgress?.({ phase: 'bootstrap', done: b + 1, total: B });
      if (control.signal?.aborted) return { errors: [{ severity: 'error', message: 'the ridge run was cancelled', hint: 'Start it again when ready.' }] };
    }
  }
  f.fit(p.y, lambda, nonNeg); // leave the fitter at the chosen model
  control.onProgress?.({ phase: 'done', done: B, total: B });

  const mediaPoint = point.media[0];
  const channels: Record<string, RidgeChannelResult> = {};
  p.channels.forEach((name, c) => {
    const spend = p.spendTotal[c];
    channels[name] = {
      spend,
      contribution: summarise(boot.column(boot.contribution, C, c)),
      roas: summarise(boot.column(boot.contribution, C, c, spend)),
      marginal_roas: summarise(boot.column(boot.marginal, C, c, spend)),
      point: {
        contribution: point.contribution[c],
        roas: point.contribution[c] / spend,
        marginal_roas: point.marginal[c] / spend,
        effect_share: mediaPoint > 0 ? point.contribution[c] / mediaPoint : 0,
        spend_share: p.spendShare[c],
      },
    };
  });
  const controls: Record<string, Estimate> = {};
  p.fixed.forEach((col, k) => {
    if (col.kind !== 'fourier') controls[col.name] = summarise(boot.column(boot.fixed, K, k));
  });
  const lift: RidgeLiftCheck[] = p.lifts.map((l, j) => ({
    label: l.test.label ?? l.test.channel,
    channel: l.test.channel,
    delta_y: l.test.delta_y,
    implied: summarise(boot.column(boot.lift, L, j)),
    ape: Math.abs(point.lift[j] - l.test.delta_y) / Math.abs(l.test.delta_y),
  }));
  return {
    model,
    channels,
    base: { intercept: summarise(boot.intercept), controls, seasonality: summarise(boot.seasonality) },
    media_total: summarise(boot.media),
    lift,
    bootstrap: { replicates: B, method: iid ? 'residual' : 'moving_block_residual', block_length: blockLength },
  };
}

function rsq(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < y.length; t++) m += y[t];
  m /= y.length;
  let ss = 0;
  let st = 0;
  for (let t = 0; t < y.length; t++) {
    ss += (y[t] - yhat[t]) * (y[t] - yhat[t]);
    st += (y[t] - m) * (y[t] - m);
  }
  return 1 - ss / st;
}
