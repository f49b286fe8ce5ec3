// ROAS priors inside the MMM log density (issue 6, Meridian's ROI prior): the pack's
// validation and block rows, the value against an independent naive computation (the
// calibration module's K and conditional LogNormal), WASM = TypeScript baseline to 1e-12, the
// gradient against 5-point finite differences with priors of both scopes on logistic and Hill
// channels next to lift tests, in plain and reparameterised coordinates, and the prior-only
// density (FLAG_SAMPLE_PRIOR).
import { describe, expect, it } from 'vitest';
import type { Dataset, ModelSpec, RoasPrior } from '../../src/core/types';
import * as B from '../../src/engine/mmm/block';
import { packMmm } from '../../src/engine/mmm/pack';
import { MmmReference } from '../../src/engine/mmm/reference';
import { flatLayout } from '../../src/model/layout';
import { expectAgreement, fdCheck } from './mmm-fd';
import { ADSTOCKS, SATURATIONS, comboSpec, engineFor, mixedSpec, naiveLogDensity, naiveUToQ, pack, rng, syntheticDataset, uniformPoint } from './mmm-fixtures';

const data = syntheticDataset();

const roas = (channel: string, mu: number, sigma: number, scope: 'window' | 'test', x?: number, delta_x?: number): RoasPrior => ({
  channel,
  mu,
  sigma,
  scope,
  ...(scope === 'test' ? { x, delta_x } : {}),
  label: `${channel} ${scope}`,
  source: 'user',
});

/**
 * One prior per channel: a (dark for 22 of 61 weeks) over the window; b at a spend cut from 500
 * by 200 (delta_x < 0); c at a test from zero spend (the Hill curve's a = 0 end). Every
 * channel also has a lift test (mmm-fixtures withLiftTests).
 */
function withRoas(spec: ModelSpec): ModelSpec {
  return {
    ...spec,
    roas_priors: [roas('a', Math.log(2), 0.5, 'window'), roas('b', Math.log(1.5), 0.3, 'test', 500, -200), roas('c', 0, 0.7, 'test', 0, 60)],
  };
}

const specs: Array<[string, ModelSpec]> = [
  ...ADSTOCKS.flatMap((a) => SATURATIONS.map((s): [string, ModelSpec] => [`${a} × ${s}`, withRoas(comboSpec(data, a, s))])),
  // Channel b's own saturation_beta prior is a Beta(2, 5): the ROAS prior replaces it (log transform).
  ['mixed per channel', withRoas(mixedSpec(data))],
];

function packErrors(spec: ModelSpec, d: Dataset = data): string[] {
  const r = packMmm(d, spec);
  return 'errors' in r ? r.errors.map((e) => `${e.channel ?? ''}: ${e.message}`) : [];
}

describe('ROAS priors in the pack', () => {
  const base = comboSpec(data, 'geometric', 'logistic');
  const one = (p: Partial<RoasPrior>) => packErrors({ ...base, roas_priors: [{ ...roas('b', 0, 0.5, 'test', 500, 100), ...p }] });

  it('refuses what cannot be a LogNormal ROAS prior, naming the channel', () => {
    expect(one({ channel: 'zz' })).toEqual([expect.stringMatching(/^zz: .*"zz", which is not in the model/)]);
    expect(packErrors({ ...base, roas_priors: [roas('a', 0, 1, 'window'), roas('a', 1, 1, 'window')] })).toEqual([expect.stringMatching(/^a: Channel "a" has more than one ROAS prior/)]);
    expect(one({ sigma: 0 })).toEqual([expect.stringMatching(/^b: .*sigma must be a positive number/)]);
    expect(one({ sigma: -1 })).toHaveLength(1);
    expect(one({ sigma: NaN })).toHaveLength(1);
    expect(one({ mu: Infinity })).toEqual([expect.stringMatching(/^b: .*mu is not a finite number/)]);
    expect(one({ mu: NaN })).toHaveLength(1);
    expect(one({ scope: 'month' as 'test' })).toEqual([expect.stringMatching(/^b: .*scope "month"/)]);
    expect(one({ x: undefined })).toEqual([expect.stringMatching(/^b: .*needs the test's spend x and change delta_x/)]);
    expect(one({ delta_x: undefined })).toHaveLength(1);
    expect(one({ delta_x: 0 })).toEqual([expect.stringMatching(/^b: .*delta_x is 0/)]);
    expect(one({ x: -5 })).toEqual([expect.stringMatching(/^b: .*negative/)]);
    expect(one({ x: 100, delta_x: -150 })).toEqual([expect.stringMatching(/^b: .*negative/)]);
    expect(one({})).toEqual([]);
    // A spend cut is a test too (K > 0 either way).
    expect(one({ delta_x: -100 })).toEqual([]);
  });

  it("refuses a 'window' prior on a channel without spend (K = 0), naming the channel", () => {
    const dark: Dataset = { ...data, channels: data.channels.map((c) => (c.name === 'c' ? { ...c, spend: new Float64Array(c.spend.length) } : c)) };
    const errs = packErrors({ ...base, lift_tests: [], roas_priors: [roas('c', 0, 1, 'window')] }, dark);
    expect(errs.some((e) => /^c: .*zero spend/.test(e))).toBe(true);
  });

  it('writes one row per prior and replaces the saturation_beta prior by log_normal(mu, sigma)', () => {
    const spec = specs[0][1];
    const b = pack(data, spec);
    const T = data.dates.length;
    const yMax = Math.max(...data.target.values.map(Math.abs));
    const spend = (c: number) => data.channels[c].spend;
    const xMax = (c: number) => Math.max(...spend(c));
    expect(b[B.H_NROAS]).toBe(3);
    expect(b[B.H_OFF_ROAS] + 3 * B.ROAS_STRIDE).toBe(b.length);
    const row = (i: number) => Array.from(b.subarray(b[B.H_OFF_ROAS] + i * B.ROAS_STRIDE, b[B.H_OFF_ROAS] + (i + 1) * B.ROAS_STRIDE));
    const total = spend(0).reduce((s, v) => s + v, 0);
    const close = (got: number[], want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 13));
    // window: K = max|y| · Σ_t s_t / Σ_t x_t = (max|y| · T / Σ x) · S̄.
    close(row(0), [0, B.ROAS_WINDOW, 0, 0, Math.log((yMax * T) / total)]);
    // spend cut 500 → 300: lo = 300/max, hi = 500/max, K0 = max|y| / 200.
    close(row(1), [1, B.ROAS_TEST, 300 / xMax(1), 500 / xMax(1), Math.log(yMax / 200)]);
    close(row(2), [2, B.ROAS_TEST, 0, 60 / xMax(2), Math.log(yMax / 60)]);
    const layout = flatLayout(spec);
    for (const [c, mu, sigma] of [['a', Math.log(2), 0.5], ['b', Math.log(1.5), 0.3], ['c', 0, 0.7]] as const) {
      const i = layout.findIndex((e) => e.name === 'saturation_beta' && e.coord === c);
      const o = b[B.H_OFF_PARAMS] + i * B.PARAM_STRIDE;
      expect(Array.from(b.subarray(o, o + 3))).toEqual([B.DIST_CODE.log_normal, mu, sigma]);
      expect(b[o + 3]).toBeCloseTo(-Math.log(sigma) - 0.5 * Math.log(2 * Math.PI), 14);
    }
  });

  it('the engine refuses a corrupt ROAS row (load error −5)', () => {
    const b = pack(data, specs[0][1]);
    const bad = b.slice();
    bad[b[B.H_OFF_ROAS] + B.ROAS_STRIDE + B.RO_CHANNEL] = 0; // a second row for channel a
    expect(() => engineFor(bad)).toThrow();
    const badScope = b.slice();
    badScope[b[B.H_OFF_ROAS] + B.RO_SCOPE] = 7;
    expect(() => engineFor(badScope)).toThrow();
  });
});

describe('ROAS prior: log density value', () => {
  it.each(specs)('%s: equals the naive computation (calibration K, conditional LogNormal) to 1e-10', (_, spec) => {
    const engine = engineFor(pack(data, spec), 'engine');
    const r = rng(17);
    for (let k = 0; k < 20; k++) {
      const q = uniformPoint(r, engine.dim, 1);
      const naive = naiveLogDensity(data, spec, q);
      expect(Number.isFinite(naive.lp)).toBe(true);
      const lp = engine.logDensityGradient(q, new Float64Array(engine.dim));
      expect(Math.abs(lp - naive.lp)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(naive.lp)));
      const theta = engine.constrain(q);
      naive.theta.forEach((th, i) => expect(Math.abs(theta[i] - th)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(th))));
    }
  });

  it.each(specs)('%s, reparameterised: log p(u) = naive log p(q(u)) + log|dq/du|', (_, spec) => {
    const engine = engineFor(pack(data, spec, 7), 'engine');
    const r = rng(18);
    for (let k = 0; k < 20; k++) {
      const u = uniformPoint(r, engine.dim, 1);
      const { q, logJac } = naiveUToQ(data, spec, u, 7);
      const naive = naiveLogDensity(data, spec, q);
      const lp = engine.logDensityGradient(u, new Float64Array(engine.dim));
      expect(Math.abs(lp - (naive.lp + logJac))).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(naive.lp)));
    }
  });

  it('prior only defaults to the plain coordinates', () => {
    const r0 = packMmm(data, specs[0][1], { samplePrior: true });
    expect('block' in r0 && r0.block[B.H_FLAGS]).toBe(B.FLAG_SAMPLE_PRIOR);
  });

  it.each(specs)('%s, prior only (flags 8 and 15): the naive density without the data terms', (_, spec) => {
    for (const flags of [0, 7]) {
      const r0 = packMmm(data, spec, { parameterisation: flags, samplePrior: true });
      if ('errors' in r0) throw new Error(r0.errors[0].message);
      expect(r0.block[B.H_FLAGS]).toBe(flags | B.FLAG_SAMPLE_PRIOR);
      const engine = engineFor(r0.block, 'engine');
      const r = rng(19);
      for (let k = 0; k < 10; k++) {
        const u = uniformPoint(r, engine.dim, 1);
        const { q, logJac } = flags ? naiveUToQ(data, spec, u, flags) : { q: u, logJac: 0 };
        const naive = naiveLogDensity(data, spec, q, false);
        const lp = engine.logDensityGradient(u, new Float64Array(engine.dim));
        expect(Math.abs(lp - (naive.lp + logJac))).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(naive.lp)));
      }
    }
  });

  it('K = 0 (a logistic flat to machine precision over the test) gives −∞ with a finite gradient', () => {
    const spec = { ...comboSpec(data, 'geometric', 'logistic'), roas_priors: [roas('b', 0, 0.5, 'test', 1e9, 1e9)] };
    const block = pack(data, spec, 7);
    const engine = engineFor(block, 'engine');
    const ref = new MmmReference(block);
    const u = new Float64Array(engine.dim).fill(0.3);
    const g = new Float64Array(engine.dim);
    expect(engine.logDensityGradient(u, g)).toBe(-Infinity);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(ref.logDensityGradient(u, g)).toBe(-Infinity);
  });
});

describe('ROAS prior: WASM = TypeScript baseline, and the gradient', () => {
  it.each(specs)('%s: value and gradient agree to 1e-12 (debug and release, every flag, prior only too)', (_, spec) => {
    for (const flags of [0, 1, 2, 4, 7]) {
      for (const samplePrior of [false, true]) {
        const r0 = packMmm(data, spec, { parameterisation: flags, samplePrior });
        if ('errors' in r0) throw new Error(r0.errors[0].message);
        const ref = new MmmReference(r0.block);
        for (const build of ['engine', 'engine.debug'] as const) {
          const engine = engineFor(r0.block, build);
          const r = rng(21);
          const gW = new Float64Array(engine.dim);
          const gT = new Float64Array(engine.dim);
          for (let k = 0; k < 10; k++) {
            const q = uniformPoint(r, engine.dim, 2);
            const lpW = engine.logDensityGradient(q, gW);
            const lpT = ref.logDensityGradient(q, gT);
            expect(Math.abs(lpW - lpT)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lpT)));
            for (let i = 0; i < gT.length; i++) expect(Math.abs(gW[i] - gT[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(gT[i])));
          }
        }
      }
    }
  });

  it.each(specs)('%s: unconstrain() inverts constrain() with ROAS priors', (_, spec) => {
    for (const flags of [0, 7]) {
      const block = pack(data, spec, flags);
      const engine = engineFor(block, 'engine');
      const ref = new MmmReference(block);
      const r = rng(22);
      for (let k = 0; k < 10; k++) {
        const u = uniformPoint(r, engine.dim, 2);
        const back = ref.unconstrain(engine.constrain(u));
        u.forEach((ui, i) => expect(Math.abs(back[i] - ui)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ui))));
      }
    }
  });

  const cases = [0, 7].flatMap((flags) => specs.map(([name, spec]): [string, number, ModelSpec] => [name, flags, spec]));
  it.each(cases)('%s, parameterisation %i: finite differences (50 points Uniform(-2, 2))', (_, flags, spec) => {
    const engine = engineFor(pack(data, spec, flags), 'engine.debug');
    const res = fdCheck(engine, spec, 50, 606);
    expectAgreement(res, 50, engine.dim);
  });

  it.each(specs.filter(([n]) => /hill|mixed/.test(n)))('%s, prior only, reparameterised: finite differences (30 points)', (_, spec) => {
    const r0 = packMmm(data, spec, { parameterisation: 7, samplePrior: true });
    if ('errors' in r0) throw new Error(r0.errors[0].message);
    const engine = engineFor(r0.block, 'engine.debug');
    expectAgreement(fdCheck(engine, spec, 30, 607), 30, engine.dim);
  });
});
