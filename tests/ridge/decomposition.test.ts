// The chosen ridge model's decomposition against an independent recomputation. A studio
// walk-through on Robyn's demo saw two channels with the same contribution and effect share; a
// copied column or an index mix-up between channels (hyperparameters, coefficients, spend)
// would give exactly that. The oracle here shares nothing with src/ridge but the result it
// reads: from the raw spend, each channel's adstock and saturation are written out from
// MODEL.md §2's formulas (Math.pow, not ridge's exp/log copies), keyed by the channel's
// name; contribution = coefficient × Σ_t sat(adstock(x / max x))_t, effect share its part of
// the channels' sum, ROAS contribution / spend. The fitted values rebuilt from every named
// coefficient (media, controls, trend, Fourier) must equal the model's, and permuting the
// data's channels must give each channel the same numbers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/app/model/spec-edit';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../src/app/ridge/options';
import type { AdstockKind, Dataset, SaturationKind } from '../../src/core/types';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { fourierFeatures } from '../../src/model/features';
import { runRidge } from '../../src/ridge/run';
import type { RidgeOptions, RidgeResult } from '../../src/ridge/types';

const ROBYN = path.resolve(__dirname, '../../../shared/data/robyn/dt_simulated_weekly.csv');

/** Robyn's demo through the Data step's importer with its detected roles, as the studio reads it. */
function robynAsImported(): Dataset {
  const parsed = parseFiles([{ name: 'dt_simulated_weekly.csv', text: readFileSync(ROBYN, 'utf8') }]);
  return buildDataset(parsed, detectRoles(parsed), { grain: 'week', trend: false, quarterlyOrder: 0 }).dataset!;
}

/** MODEL.md §2 kernel weights before normalising, l = 0..lMax−1. */
function kernel(kind: AdstockKind, h: (v: string) => number, lMax: number): number[] {
  const F = (x: number) => 1 - Math.exp(-Math.pow(x / h('adstock_lam'), h('adstock_k')));
  return Array.from({ length: lMax }, (_, l) => {
    if (kind === 'geometric') return Math.pow(h('adstock_alpha'), l);
    if (kind === 'delayed') return Math.pow(h('adstock_alpha'), (l - h('adstock_theta')) ** 2);
    if (kind === 'weibull_pdf') {
      const [lam, k] = [h('adstock_lam'), h('adstock_k')];
      return (k / lam) * Math.pow((l + 1) / lam, k - 1) * Math.exp(-Math.pow((l + 1) / lam, k));
    }
    let w = 1;
    for (let i = 1; i <= l; i++) w *= 1 - F(i);
    return w;
  });
}

function sat(kind: SaturationKind, h: (v: string) => number, a: number): number {
  if (kind === 'logistic') return (1 - Math.exp(-h('saturation_lam') * a)) / (1 + Math.exp(-h('saturation_lam') * a));
  if (a <= 0) return 0;
  const as = Math.pow(a, h('saturation_slope'));
  return as / (as + Math.pow(h('saturation_kappa'), h('saturation_slope')));
}

/** Channel name → its media column m_t = sat(adstock(x / max x))_t at the result's hyperparameters. */
function mediaColumns(data: Dataset, r: RidgeResult, o: RidgeOptions): Map<string, number[]> {
  const lMax = o.l_max ?? 8;
  const out = new Map<string, number[]>();
  for (const ch of data.channels) {
    const h = (v: string) => {
      const value = r.model.hyper[`${v}[${ch.name}]`];
      if (value === undefined) throw new Error(`no ${v}[${ch.name}] in the result`);
      return value;
    };
    const w = kernel(o.channels?.[ch.name]?.adstock ?? o.adstock ?? 'geometric', h, lMax);
    const sum = w.reduce((a, b) => a + b, 0);
    const max = Math.max(...ch.spend);
    const xs = Array.from(ch.spend, (x) => x / max);
    const kind = o.channels?.[ch.name]?.saturation ?? o.saturation ?? 'hill';
    out.set(
      ch.name,
      xs.map((_, t) => {
        let a = 0;
        for (let l = 0; l < lMax && l <= t; l++) a += (w[l] / sum) * xs[t - l];
        return sat(kind, h, a);
      }),
    );
  }
  return out;
}

/** Every number of the chosen model's decomposition, by channel name, from the oracle. */
function oracle(data: Dataset, r: RidgeResult, o: RidgeOptions) {
  const media = mediaColumns(data, r, o);
  const contribution = new Map([...media].map(([name, m]) => [name, r.model.coefficients[name] * m.reduce((a, b) => a + b, 0)]));
  const total = [...contribution.values()].reduce((a, b) => a + b, 0);
  return data.channels.map((ch) => {
    const spend = Array.from(ch.spend).reduce((a, b) => a + b, 0);
    const c = contribution.get(ch.name)!;
    return { name: ch.name, spend, contribution: c, share: c / total, roas: c / spend };
  });
}

/** intercept + Σ_j coef_j · column_j over every named coefficient, columns rebuilt by name. */
function refitted(data: Dataset, r: RidgeResult, o: RidgeOptions): number[] {
  const T = data.dates.length;
  const cols = new Map(mediaColumns(data, r, o));
  for (const c of data.controls) cols.set(c.name, Array.from(c.values));
  cols.set('trend', Array.from({ length: T }, (_, t) => t));
  const order = o.fourier_order ?? 2;
  const F = fourierFeatures(data.dates, order);
  for (let k = 1; k <= order; k++) {
    cols.set(`sin_${k}`, Array.from({ length: T }, (_, t) => F[t * 2 * order + k - 1]));
    cols.set(`cos_${k}`, Array.from({ length: T }, (_, t) => F[t * 2 * order + order + k - 1]));
  }
  const y = new Array<number>(T).fill(r.model.intercept);
  for (const [name, b] of Object.entries(r.model.coefficients)) {
    const col = cols.get(name);
    if (!col) throw new Error(`coefficient ${name} names no column the oracle knows`);
    for (let t = 0; t < T; t++) y[t] += b * col[t];
  }
  return y;
}

function run(data: Dataset, o: RidgeOptions): RidgeResult {
  const r = runRidge(data, o);
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function expectOracle(data: Dataset, r: RidgeResult, o: RidgeOptions) {
  const truth = oracle(data, r, o);
  expect(Object.keys(r.channels)).toEqual(truth.map((c) => c.name));
  for (const c of truth) {
    const got = r.channels[c.name];
    expect(got.spend, c.name).toBeCloseTo(c.spend, 6);
    expect(rel(got.point.contribution, c.contribution), c.name).toBeLessThan(1e-10);
    expect(Math.abs(got.point.effect_share - c.share), c.name).toBeLessThan(1e-12);
    expect(rel(got.point.roas, c.roas), c.name).toBeLessThan(1e-10);
  }
  const y = refitted(data, r, o);
  const scale = Math.max(...r.model.fitted.map(Math.abs));
  for (let t = 0; t < y.length; t++) expect(Math.abs(y[t] - r.model.fitted[t]) / scale).toBeLessThan(1e-12);
  return truth;
}

describe("the chosen ridge model's decomposition, recomputed independently", () => {
  const data = robynAsImported();

  it("Robyn's demo, seed 77, the studio's default settings (the walk-through's run)", () => {
    const o = ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 77 }, data, presetSpec(data, 'pymc'));
    const truth = expectOracle(data, run(data, o), o);
    // Two channels agreeing to three digits would be the walk-through's tie; report what this run gives.
    for (const c of truth) console.info(`${c.name}: contribution ${c.contribution.toPrecision(10)}, effect share ${c.share.toPrecision(10)}, ROAS ${c.roas.toPrecision(6)}`);
  });

  it("seed 55 with the Model step's curves (logistic): a chosen model with a tie at display precision", () => {
    // Seeds 1–60 with both curve choices (studio defaults otherwise) gave, on the build of this
    // test, one chosen model of 120 with two channels equal to three digits: here print 5,869,724
    // and search 5,869,955, both "5.87M" and "13.5%" with ROAS 7.57 and 4.77 — the walk-through's
    // pattern, and the oracle agrees with every number.
    const o = ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 55, curves: 'model', replicates: 50 }, data, presetSpec(data, 'pymc'));
    const truth = expectOracle(data, run(data, o), o);
    for (const c of truth) console.info(`${c.name}: contribution ${c.contribution.toPrecision(10)}, effect share ${c.share.toPrecision(10)}, ROAS ${c.roas.toPrecision(6)}`);
  });

  it("each channel's own curve kinds (every adstock and both saturations), a small search", () => {
    const kinds: Array<[AdstockKind, SaturationKind]> = [
      ['delayed', 'hill'],
      ['weibull_cdf', 'logistic'],
      ['weibull_pdf', 'hill'],
      ['geometric', 'logistic'],
      ['weibull_pdf', 'logistic'],
    ];
    const o: RidgeOptions = {
      seed: 5,
      search: { population: 16, generations: 4 },
      bootstrap: { replicates: 20 },
      channels: Object.fromEntries(data.channels.map((c, i) => [c.name, { adstock: kinds[i][0], saturation: kinds[i][1] }])),
    };
    expectOracle(data, run(data, o), o);
  });

  it('permuting the channels in the data gives each channel the same numbers (fixed curves and penalty)', () => {
    // Every hyperparameter fixed (lo = hi) but one, given a one-point range in lambda, so the
    // search has nothing to choose and any difference is an index mix-up.
    const curves: Record<string, [number, number, number]> = { tv: [0.3, 0.4, 1.5], ooh: [0.6, 0.25, 0.8], print: [0.1, 0.5, 2], facebook: [0.2, 0.3, 1.2], search: [0.05, 0.9, 2.5] };
    const o: RidgeOptions = {
      seed: 9,
      search: { population: 8, generations: 0 },
      bootstrap: { replicates: 20 },
      lambda: [0.05, 0.05],
      channels: Object.fromEntries(
        Object.entries(curves).map(([n, [a, k, s]]) => [n, { ranges: { adstock_alpha: [a, a] as [number, number], saturation_kappa: [k, k] as [number, number], saturation_slope: [s, s] as [number, number] } }]),
      ),
    };
    const a = run(data, o);
    const shuffled: Dataset = { ...data, channels: [data.channels[3], data.channels[1], data.channels[4], data.channels[0], data.channels[2]] };
    const b = run(shuffled, o);
    expectOracle(data, a, o);
    expectOracle(shuffled, b, o);
    for (const name of Object.keys(curves)) {
      expect(rel(b.channels[name].point.contribution, a.channels[name].point.contribution), name).toBeLessThan(1e-9);
      expect(Math.abs(b.channels[name].point.effect_share - a.channels[name].point.effect_share), name).toBeLessThan(1e-12);
    }
  });
});
