// Shared fixtures of the tests/engine/mmm-*.test.ts files: a seeded RNG, a small synthetic
// dataset with zero-spend stretches (Hill at a = 0), model specs for every adstock ×
// saturation combination, engines, and a naive log density built only from
// src/model/kernels.ts + src/model/priors.ts (independent of the block and the kernels'
// gradient code); a ROAS prior's term comes from src/calibration/roas-prior.ts.
import { roasPerBeta, roasPriorBetaLogDensity } from '../../src/calibration/roas-prior';
import type { AdstockKind, Dataset, ModelSpec, Prior, SaturationKind } from '../../src/core/types';
import { packMmm } from '../../src/engine/mmm/pack';
import { WasmEngine } from '../../src/engine/wasm-engine';
import { fourierFeatures } from '../../src/model/features';
import { adstockWeights, applyAdstock, saturation } from '../../src/model/kernels';
import { flatLayout } from '../../src/model/layout';
import { priorLogDensity, priorSupport } from '../../src/model/priors';
import { channelPrior, defaultModelSpec } from '../../src/model/spec';
import { wasmModule, type WasmName } from '../../src/node/wasm-bytes';

/** mulberry32 (Tommy Ettinger's 32-bit generator): deterministic uniforms in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniformPoint(r: () => number, dim: number, radius: number): Float64Array {
  return Float64Array.from({ length: dim }, () => (2 * r() - 1) * radius);
}

const DAY = 86_400_000;

/**
 * 61 weeks (odd, so the two-lane loops have a tail), 3 channels. Channel a is dark for the
 * first 12 weeks (longer than l_max, so the adstock is exactly 0 there) and for weeks 30–39;
 * the others have scattered zero weeks. Controls: an event dummy, a trend scaled to [0, 1]
 * and a price index; a lift test per channel, one at x = 0.
 */
export function syntheticDataset(): Dataset {
  const r = rng(20240611);
  const T = 61;
  const t0 = Date.UTC(2021, 0, 4);
  const dates = Array.from({ length: T }, (_, t) => new Date(t0 + 7 * t * DAY).toISOString().slice(0, 10));
  const spend = (dark: (t: number) => boolean, scale: number) =>
    Float64Array.from({ length: T }, (_, t) => (dark(t) ? 0 : scale * (0.2 + r())));
  const a = spend((t) => t < 12 || (t >= 30 && t < 40), 5000);
  const b = spend(() => r() < 0.3, 800);
  const c = spend(() => r() < 0.15, 120);
  const y = Float64Array.from({ length: T }, (_, t) => 20000 + 300 * Math.sin(t / 5) + 2 * a[t] + 3 * b[t] + 1000 * r());
  return {
    name: 'synthetic-60',
    dates,
    grain: 'week',
    target: { name: 'sales', values: y },
    channels: [
      { name: 'a', spend: a },
      { name: 'b', spend: b },
      { name: 'c', spend: c },
    ],
    controls: [
      { name: 'event', values: Float64Array.from({ length: T }, (_, t) => (t % 17 === 3 ? 1 : 0)) },
      { name: 't', values: Float64Array.from({ length: T }, (_, t) => t / (T - 1)) },
      { name: 'price', values: Float64Array.from({ length: T }, () => 2 * r() - 1) },
    ],
    imputed: [],
    fingerprint: 'synthetic-60',
  };
}

export const ADSTOCKS: AdstockKind[] = ['geometric', 'delayed', 'weibull_pdf', 'weibull_cdf'];
export const SATURATIONS: SaturationKind[] = ['logistic', 'hill'];

/** Lift tests in original units: a at zero spend (Hill at 0), b with a spend cut, c. */
export function withLiftTests(spec: ModelSpec): ModelSpec {
  spec.lift_tests = [
    { channel: 'a', x: 0, delta_x: 2500, delta_y: 1800, sigma: 600 },
    { channel: 'b', x: 500, delta_x: -200, delta_y: -300, sigma: 150 },
    { channel: 'c', x: 70, delta_x: 30, delta_y: 40, sigma: 30 },
  ];
  return spec;
}

export function comboSpec(data: Dataset, adstock: AdstockKind, sat: SaturationKind): ModelSpec {
  return withLiftTests(defaultModelSpec(data, { adstock, saturation: sat, fourier_order: 2 }));
}

/**
 * Different adstock, saturation and priors per channel, covering every prior family, a
 * sign-constrained control (HalfNormal on gamma_control) and a Beta on a positive parameter.
 */
export function mixedSpec(data: Dataset): ModelSpec {
  const spec = comboSpec(data, 'geometric', 'logistic');
  const set = (i: number, adstock: AdstockKind, sat: SaturationKind, priors: Record<string, Prior>) => {
    spec.channels[i] = { name: spec.channels[i].name, adstock, saturation: sat, priors };
  };
  set(0, 'weibull_cdf', 'hill', { adstock_lam: { dist: 'log_normal', mu: 1, sigma: 0.5 }, saturation_slope: { dist: 'gamma', alpha: 2, beta: 1 } });
  set(1, 'delayed', 'logistic', { adstock_theta: { dist: 'gamma', alpha: 2, beta: 2 }, saturation_beta: { dist: 'beta', alpha: 2, beta: 5 } });
  set(2, 'weibull_pdf', 'hill', { saturation_kappa: { dist: 'log_normal', mu: -0.5, sigma: 1 }, adstock_k: { dist: 'half_normal', sigma: 3 } });
  spec.priors = {
    intercept: { dist: 'laplace', mu: 0.5, b: 0.3 },
    gamma_control: { dist: 'half_normal', sigma: 1 },
    gamma_fourier: { dist: 'normal', mu: 0, sigma: 0.5 },
    y_sigma: { dist: 'gamma', alpha: 2, beta: 10 },
  };
  spec.l_max = 6;
  return spec;
}

export function pack(data: Dataset, spec: ModelSpec, parameterisation = 0): Float64Array {
  const r = packMmm(data, spec, { parameterisation });
  if ('errors' in r) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.block;
}

export function engineFor(block: Float64Array, build: WasmName = 'engine.debug'): WasmEngine {
  const e = WasmEngine.createSync(wasmModule(build));
  e.loadMmm(block);
  return e;
}

/** log p(β | curve) of a ROAS prior, from src/calibration/roas-prior.ts. */
function naiveRoasTerm(data: Dataset, spec: ModelSpec, channel: string, byKey: Map<string, number>, beta: number): number {
  const prior = spec.roas_priors!.find((r) => r.channel === channel)!;
  const ch = spec.channels.find((c) => c.name === channel)!;
  const p = (n: string) => byKey.get(`${n}[${channel}]`);
  const curve = {
    adstock: ch.adstock,
    saturation: ch.saturation,
    adstockParams: { alpha: p('adstock_alpha'), theta: p('adstock_theta'), lam: p('adstock_lam'), k: p('adstock_k') },
    saturationParams: { lam: p('saturation_lam'), kappa: p('saturation_kappa'), slope: p('saturation_slope') },
    lMax: spec.l_max,
  };
  const spend = data.channels.find((c) => c.name === channel)!.spend;
  const k = roasPerBeta(prior, curve, { spend, spendMax: maxAbs(spend), targetMaxAbs: maxAbs(data.target.values) });
  return roasPriorBetaLogDensity(prior, beta, k);
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/**
 * The prior a layout entry's transform follows: its own, except a saturation_beta whose channel
 * has a ROAS prior, which is then LogNormal (on (0, ∞), log transform) whatever its own prior.
 */
export function transformPrior(spec: ModelSpec, e: { name: string; coord?: string }): Prior {
  if (e.coord === undefined || e.name === 'gamma_control' || e.name === 'gamma_fourier') return spec.priors[e.name as keyof ModelSpec['priors']];
  const roas = e.name === 'saturation_beta' ? spec.roas_priors?.find((r) => r.channel === e.coord) : undefined;
  return roas ? { dist: 'log_normal', mu: roas.mu, sigma: roas.sigma } : channelPrior(spec, e.coord, e.name);
}

/**
 * Naive θ(q) and log p(q) from the shared TypeScript kernels and priors. A channel with a ROAS
 * prior has log LogNormal(β; mu − log K, σ) + q_β for β (src/calibration/roas-prior.ts, K from
 * its roasPerBeta). likelihood = false leaves out the data terms (the prior-only density).
 */
export function naiveLogDensity(data: Dataset, spec: ModelSpec, q: ArrayLike<number>, likelihood = true): { lp: number; theta: number[] } {
  const layout = flatLayout(spec);
  const theta: number[] = [];
  const byKey = new Map<string, number>();
  let lp = 0;
  const roasBeta: Array<{ i: number; channel: string }> = [];
  layout.forEach((e, i) => {
    const p = transformPrior(spec, e);
    const s = priorSupport(p);
    const th = s === 'real' ? q[i] : s === 'positive' ? Math.exp(q[i]) : 1 / (1 + Math.exp(-q[i]));
    const logJac = s === 'real' ? 0 : s === 'positive' ? q[i] : Math.log(th) + Math.log(1 - th);
    if (e.name === 'saturation_beta' && spec.roas_priors?.some((r) => r.channel === e.coord)) roasBeta.push({ i, channel: e.coord! });
    else lp += priorLogDensity(p, th) + logJac;
    theta.push(th);
    byKey.set(e.coord === undefined ? e.name : `${e.name}[${e.coord}]`, th);
  });
  const v = (name: string, coord?: string) => byKey.get(coord === undefined ? name : `${name}[${coord}]`)!;
  for (const { i, channel } of roasBeta) lp += naiveRoasTerm(data, spec, channel, byKey, theta[i]) + q[i];
  if (!likelihood) return { lp, theta };
  const T = data.dates.length;
  const yMax = maxAbs(data.target.values);
  const mu = new Array<number>(T).fill(v('intercept'));
  spec.controls.forEach((name, k) => {
    const z = data.controls.find((c) => c.name === name)!.values;
    for (let t = 0; t < T; t++) mu[t] += v('gamma_control', name) * (z[t] / spec.control_scale[k]);
  });
  const J = 2 * spec.fourier_order;
  const F = fourierFeatures(data.dates, spec.fourier_order);
  const modes = layout.filter((e) => e.name === 'gamma_fourier').map((e) => e.coord!);
  for (let j = 0; j < J; j++) for (let t = 0; t < T; t++) mu[t] += v('gamma_fourier', modes[j]) * F[t * J + j];
  const satOf = (ch: ModelSpec['channels'][number], a: number) =>
    v('saturation_beta', ch.name) *
    saturation(ch.saturation, { lam: byKey.get(`saturation_lam[${ch.name}]`), kappa: byKey.get(`saturation_kappa[${ch.name}]`), slope: byKey.get(`saturation_slope[${ch.name}]`) }, a);
  const xMax = new Map<string, number>();
  for (const ch of spec.channels) {
    const x = data.channels.find((c) => c.name === ch.name)!.spend;
    const m = maxAbs(x);
    xMax.set(ch.name, m);
    const w = adstockWeights(
      ch.adstock,
      { alpha: byKey.get(`adstock_alpha[${ch.name}]`), theta: byKey.get(`adstock_theta[${ch.name}]`), lam: byKey.get(`adstock_lam[${ch.name}]`), k: byKey.get(`adstock_k[${ch.name}]`) },
      spec.l_max,
    );
    const a = applyAdstock(Array.from(x, (xi) => xi / m), w);
    for (let t = 0; t < T; t++) mu[t] += satOf(ch, a[t]);
  }
  const sigma = v('y_sigma');
  for (let t = 0; t < T; t++) lp += priorLogDensity({ dist: 'normal', mu: mu[t], sigma }, data.target.values[t] / yMax);
  for (const lt of spec.lift_tests) {
    const ch = spec.channels.find((c) => c.name === lt.channel)!;
    const m = xMax.get(ch.name)!;
    const lift = Math.abs(satOf(ch, (lt.x + lt.delta_x) / m) - satOf(ch, lt.x / m));
    const s = lt.sigma / yMax;
    lp += priorLogDensity({ dist: 'gamma', alpha: (lift * lift) / (s * s), beta: lift / (s * s) }, Math.abs(lt.delta_y / yMax));
  }
  return { lp, theta };
}

/**
 * The sampler's coordinates u back to the plain unconstrained q (log / logit / identity of
 * θ) under the reparameterisation flags, computed naively: column scales first (q = u/‖z‖,
 * the intercept u/√T, for priors on R), then S̄_c from src/model/kernels.ts, β_c = e^{u_β}/S̄_c,
 * intercept = u_0 − Σ β_c S̄_c − Σ γ_k z̄_k − Σ φ_j F̄_j. Also returns log |dq/du|.
 */
export function naiveUToQ(data: Dataset, spec: ModelSpec, uIn: ArrayLike<number>, flags: number): { q: Float64Array; logJac: number } {
  const layout = flatLayout(spec);
  const T = data.dates.length;
  const J = 2 * spec.fourier_order;
  const F = fourierFeatures(data.dates, spec.fourier_order);
  /** Scaled control or Fourier column k (controls first), as the model sees it. */
  const column = (name: string, coord: string): number[] => {
    if (name === 'gamma_control') {
      const k = spec.controls.indexOf(coord);
      const z = data.controls.find((c) => c.name === coord)!.values;
      return Array.from(z, (v) => v / spec.control_scale[k]);
    }
    const j = layout.filter((e) => e.name === 'gamma_fourier').findIndex((e) => e.coord === coord);
    return Array.from({ length: T }, (_, t) => F[t * J + j]);
  };
  const u = Float64Array.from(uIn);
  let logJac = 0;
  const priorOf = (i: number): Prior => transformPrior(spec, layout[i]);
  const thetaOf = (i: number) => {
    const s = priorSupport(priorOf(i));
    return s === 'real' ? q[i] : s === 'positive' ? Math.exp(q[i]) : 1 / (1 + Math.exp(-q[i]));
  };
  const idx = (name: string, coord?: string) => layout.findIndex((e) => e.name === name && e.coord === coord);
  if (flags & 4) {
    layout.forEach((e, i) => {
      if (priorSupport(priorOf(i)) !== 'real') return;
      let scale = 1;
      if (e.name === 'intercept') scale = Math.sqrt(T);
      else if (e.name === 'gamma_control' || e.name === 'gamma_fourier') scale = Math.hypot(...column(e.name, e.coord!)) || 1;
      u[i] /= scale;
      logJac -= Math.log(scale);
    });
  }
  const q = Float64Array.from(u);
  const sbar = new Map<string, number>();
  for (const ch of spec.channels) {
    const x = data.channels.find((c) => c.name === ch.name)!.spend;
    const m = maxAbs(x);
    const th = (n: string) => (idx(n, ch.name) >= 0 ? thetaOf(idx(n, ch.name)) : undefined);
    const w = adstockWeights(ch.adstock, { alpha: th('adstock_alpha'), theta: th('adstock_theta'), lam: th('adstock_lam'), k: th('adstock_k') }, spec.l_max);
    const a = applyAdstock(Array.from(x, (xi) => xi / m), w);
    let sum = 0;
    for (let t = 0; t < T; t++) sum += saturation(ch.saturation, { lam: th('saturation_lam'), kappa: th('saturation_kappa'), slope: th('saturation_slope') }, a[t]);
    sbar.set(ch.name, sum / T);
    const iB = idx('saturation_beta', ch.name);
    if (flags & 1 && priorSupport(priorOf(iB)) === 'positive' && priorOf(iB).dist !== 'beta') q[iB] = u[iB] - Math.log(sum / T);
  }
  const iI = idx('intercept');
  if (flags & 2 && priorSupport(priorOf(iI)) === 'real') {
    let b0 = u[iI];
    for (const ch of spec.channels) b0 -= thetaOf(idx('saturation_beta', ch.name)) * sbar.get(ch.name)!;
    layout.forEach((e, i) => {
      if (e.name !== 'gamma_control' && e.name !== 'gamma_fourier') return;
      const col = column(e.name, e.coord!);
      b0 -= thetaOf(i) * (col.reduce((x, y) => x + y, 0) / T);
    });
    q[iI] = b0;
  }
  return { q, logJac };
}
