// Shared by the prior predictive ROAS tests: ROAS priors built as src/calibration builds them,
// and the ROAS a parameter draw implies computed by paths independent of the sampler under test
// (the analysis module's decomposition for the window ROAS, MODEL.md §5; a hand-written
// saturation curve for a lift test's incremental ROAS, MODEL.md §2 and §6).
import { decompose } from '../../../src/analysis/decomposition';
import { roasDraws } from '../../../src/analysis/roas';
import { logNormalCdf } from '../../../src/calibration/prior-sampling';
import { roasPriorFromLiftTest } from '../../../src/calibration/roas-prior';
import type { Dataset, ModelSpec, RoasPrior } from '../../../src/core/types';
import { drawMatrix, forwardDataFromDataset } from '../../../src/model/forward';
import { flatLayout, parameterCount } from '../../../src/model/layout';

export const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** A lift test on `channel` over weeks 60–67 changing spend by `change` (e.g. +0.2) with a given ROAS, sd 15%. */
export function liftPrior(data: Dataset, channel: string, roas: number, change = 0.2, scale = 1): RoasPrior {
  const spend = data.channels.find((c) => c.name === channel)!.spend;
  let x = 0;
  for (let t = 60; t < 68; t++) x += (scale * spend[t]) / 8;
  const dx = change * x;
  const p = roasPriorFromLiftTest({ channel, x, delta_x: dx, delta_y: dx * roas, sigma: Math.abs(0.15 * dx * roas), label: `${channel} weeks 60–67` });
  if ('severity' in p) throw new Error(p.message);
  return p;
}

/** The MTA-informed shape (src/calibration/mta-prior.ts): median = credited ROAS, log-sd 1, window scope. */
export function mtaPrior(channel: string, credited: number): RoasPrior {
  return { channel, mu: Math.log(credited), sigma: 1, scope: 'window', label: 'MTA-informed (markov_1)', source: 'mta' };
}

/** Column `name[channel]` of an n × P draw matrix. */
export function column(spec: ModelSpec, values: Float64Array, name: string, channel?: string): Float64Array {
  const P = parameterCount(spec);
  const i = flatLayout(spec).find((e) => e.name === name && e.coord === channel)!.index;
  return Float64Array.from({ length: values.length / P }, (_, d) => values[d * P + i]);
}

/** Window ROAS per draw through src/analysis (Σ contribution / Σ spend). */
export function windowRoas(data: Dataset, spec: ModelSpec, values: Float64Array, channel: string): Float64Array {
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) throw new Error(fd.errors[0].message);
  const dec = decompose(fd, spec, drawMatrix(spec, values), { maxDrawsOverTime: 1 });
  return roasDraws(dec, spec.channels.findIndex((c) => c.name === channel));
}

/** The test's incremental ROAS per draw: beta · max|y| · (sat(a1) − sat(a0)) / delta_x, curves written out. */
export function testRoas(data: Dataset, spec: ModelSpec, values: Float64Array, p: RoasPrior): Float64Array {
  const ch = spec.channels.find((c) => c.name === p.channel)!;
  const xMax = maxAbs(data.channels.find((c) => c.name === p.channel)!.spend);
  const yMax = maxAbs(data.target.values);
  const beta = column(spec, values, 'saturation_beta', ch.name);
  let sat: (d: number, a: number) => number;
  if (ch.saturation === 'logistic') {
    // PyMC-Marketing logistic_saturation: (1 − e^{−λa}) / (1 + e^{−λa}).
    const lam = column(spec, values, 'saturation_lam', ch.name);
    sat = (d, a) => (1 - Math.exp(-lam[d] * a)) / (1 + Math.exp(-lam[d] * a));
  } else {
    const kappa = column(spec, values, 'saturation_kappa', ch.name);
    const slope = column(spec, values, 'saturation_slope', ch.name);
    sat = (d, a) => a ** slope[d] / (a ** slope[d] + kappa[d] ** slope[d]);
  }
  const a0 = p.x! / xMax;
  const a1 = (p.x! + p.delta_x!) / xMax;
  return Float64Array.from(beta, (b, d) => (b * yMax * (sat(d, a1) - sat(d, a0))) / p.delta_x!);
}

/**
 * Quantile check with a tolerance from the sample size: at the LogNormal's exact p-quantile q_p,
 * the share of n iid draws below q_p is Binomial(n, p)/n, sd sqrt(p(1 − p)/n).
 * Returns the largest |F_n(q_p) − p| in units of that sd over p = 5%, 25%, 50%, 75%, 95%.
 */
export function quantileZ(sample: ArrayLike<number>, p: RoasPrior): number {
  const n = sample.length;
  let worst = 0;
  for (const q of [0.05, 0.25, 0.5, 0.75, 0.95]) {
    let below = 0;
    for (let i = 0; i < n; i++) if (logNormalCdf(sample[i], p.mu, p.sigma) < q) below++;
    worst = Math.max(worst, Math.abs(below / n - q) / Math.sqrt((q * (1 - q)) / n));
  }
  return worst;
}
