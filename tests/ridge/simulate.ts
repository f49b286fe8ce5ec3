// Simulated weekly MMM data with known contributions, for the bootstrap coverage checks:
// flighted spend (on/off campaigns), geometric adstock (normalised weights over 8 lags, as the
// ridge's default l_max) and Hill saturation with slope 1 on spend / max spend (MODEL.md §1–2),
// a constant base, and AR(1) noise. Written independently of src/ridge so it can be an oracle.
import { Rng } from '../../src/core/rng';
import type { Dataset } from '../../src/core/types';
import type { RidgeOptions } from '../../src/ridge/types';

export interface ChannelTruth {
  /** Geometric adstock decay. */
  alpha: number;
  /** Hill half-saturation on the adstocked, max-scaled spend. */
  kappa: number;
  /** Effect at full saturation, per period. */
  beta: number;
}

export interface Scenario {
  name: string;
  T: number;
  channels: ChannelTruth[];
  /** AR(1) coefficient of the noise (0: i.i.d.). */
  phi: number;
  /** Standard deviation of the noise innovations. */
  sigma: number;
  /**
   * Probability that, in a given week, a channel after the first is on exactly when the first
   * is (shared flighting → correlated spend); otherwise it keeps its own on/off state.
   */
  follow?: number;
}

export interface Simulated {
  data: Dataset;
  /** True total contribution of each channel over the window. */
  contribution: number[];
  /**
   * True marginal contribution of each channel: d/dε of its total with spend × (1 + ε) in every
   * period, β Σ_t sat'(a_t) a_t (adstock is linear), with Hill slope 1 sat'(a) = κ / (a + κ)².
   */
  marginal: number[];
}

const L_MAX = 8;

function dates(T: number): string[] {
  return Array.from({ length: T }, (_, t) => new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10));
}

/** Flighted spend: campaigns switch on/off with probability 0.15 a week; ~500–1000 while on. */
function spendPaths(sc: Scenario, rng: Rng): Float64Array[] {
  const C = sc.channels.length;
  const on = Array.from({ length: C }, () => 1);
  const out = Array.from({ length: C }, () => new Float64Array(sc.T));
  for (let t = 0; t < sc.T; t++) {
    if (rng.uniform() < 0.15) on[0] = 1 - on[0];
    for (let c = 1; c < C; c++) {
      if (rng.uniform() < (sc.follow ?? 0)) on[c] = on[0];
      else if (rng.uniform() < 0.15) on[c] = 1 - on[c];
    }
    for (let c = 0; c < C; c++) out[c][t] = on[c] * (500 + 500 * rng.uniform());
  }
  // A channel that never spent cannot be scaled by its maximum (MODEL.md §1): give it one week.
  for (const s of out) if (!s.some((v) => v > 0)) s[0] = 750;
  return out;
}

/** Adstocked max-scaled spend (normalised geometric weights, l_max 8). */
function adstocked(spend: Float64Array, ch: ChannelTruth): Float64Array {
  const max = Math.max(...spend);
  const w = Array.from({ length: L_MAX }, (_, l) => ch.alpha ** l);
  const ws = w.reduce((a, b) => a + b, 0);
  return Float64Array.from(spend, (_, t) => {
    let a = 0;
    for (let l = 0; l <= Math.min(L_MAX - 1, t); l++) a += (w[l] * spend[t - l]) / max;
    return a / ws;
  });
}

/** Adstocked (normalised geometric weights, l_max 8) then Hill-saturated (slope 1) media. */
export function media(spend: Float64Array, ch: ChannelTruth): Float64Array {
  return adstocked(spend, ch).map((a) => a / (a + ch.kappa));
}

export function simulate(sc: Scenario, rng: Rng): Simulated {
  const spend = spendPaths(sc, rng);
  const m = sc.channels.map((ch, c) => media(spend[c], ch));
  let e = 0;
  // Start the AR(1) noise in its stationary distribution.
  e = (sc.sigma / Math.sqrt(1 - sc.phi * sc.phi)) * rng.normal();
  const y = new Float64Array(sc.T);
  for (let t = 0; t < sc.T; t++) {
    if (t > 0) e = sc.phi * e + sc.sigma * rng.normal();
    let v = 100 + e;
    sc.channels.forEach((ch, c) => (v += ch.beta * m[c][t]));
    y[t] = v;
  }
  const data: Dataset = {
    name: sc.name,
    dates: dates(sc.T),
    grain: 'week',
    target: { name: 'y', values: y },
    channels: spend.map((s, c) => ({ name: `c${c + 1}`, spend: s })),
    controls: [],
    imputed: [],
    fingerprint: '',
  };
  const contribution = sc.channels.map((ch, c) => ch.beta * m[c].reduce((a, b) => a + b, 0));
  const marginal = sc.channels.map((ch, c) => ch.beta * adstocked(spend[c], ch).reduce((s, a) => s + (ch.kappa * a) / (a + ch.kappa) ** 2, 0));
  return { data, contribution, marginal };
}

/** Ridge options with the curves fixed at the truth and (almost) no penalty: OLS on the true design. */
export function truthOptions(sc: Scenario, seed: number, bootstrap: RidgeOptions['bootstrap']): RidgeOptions {
  return {
    seed,
    channels: Object.fromEntries(
      sc.channels.map((ch, c) => [`c${c + 1}`, { ranges: { adstock_alpha: [ch.alpha, ch.alpha], saturation_kappa: [ch.kappa, ch.kappa], saturation_slope: [1, 1] } }]),
    ),
    l_max: L_MAX,
    lambda: [0, 0],
    fourier_order: 0,
    trend: false,
    intercept_non_negative: false,
    bootstrap,
  };
}
