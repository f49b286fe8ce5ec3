// The engine's exp and log (assembly/engine/mmm/fmath.ts: Cephes exp, fdlibm log): accuracy
// against Math.exp / Math.log, the two-lane SIMD forms equal to the scalar forms bit for bit,
// and the TypeScript port (src/engine/mmm/fmath.ts) equal to both.
import { describe, expect, it } from 'vitest';
import { exp as tsExp, expFrac as tsExpFrac, frac as tsFrac, log as tsLog, log1p as tsLog1p } from '../../src/engine/mmm/fmath';
import { wasmModule } from '../../src/node/wasm-bytes';
import { rng } from './mmm-fixtures';

interface MathExports {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  mmmMathBatch(fn: number, x: number, out: number, n: number): void;
}

function batch(build: 'engine' | 'engine.debug', fn: number, xs: Float64Array): Float64Array {
  const e = new WebAssembly.Instance(wasmModule(build), {}).exports as unknown as MathExports;
  const px = e.alloc(xs.length * 8);
  const po = e.alloc(xs.length * 8);
  new Float64Array(e.memory.buffer, px, xs.length).set(xs);
  e.mmmMathBatch(fn, px, po, xs.length);
  return new Float64Array(e.memory.buffer, po, xs.length).slice();
}

/** Distance in units in the last place of the reference value. */
function ulps(got: number, want: number): number {
  if (got === want) return 0;
  const ulp = Math.max(Number.MIN_VALUE, Math.abs(want) * Number.EPSILON);
  return Math.abs(got - want) / ulp;
}

const r = rng(99);
const N = 20000;
const expArgs = Float64Array.from({ length: N }, (_, i) => (i < N / 2 ? (2 * r() - 1) * 40 : (2 * r() - 1) * 700));
const logArgs = Float64Array.from({ length: N }, (_, i) => (i < N / 2 ? 0.5 + 1.5 * r() : Math.exp((2 * r() - 1) * 700)));
const specials = Float64Array.from([0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, 1e-310, 2.2250738585072014e-308, 709.7, 709.8, 710, -745, -745.2, -746, 1e-300, 1.7976931348623157e308]);

describe('engine exp and log', () => {
  it('exp is within 2 ulp of Math.exp on ±40 and ±700 (Cephes reports 2.0e-16 peak)', () => {
    const got = batch('engine', 0, expArgs);
    let worst = 0;
    got.forEach((g, i) => (worst = Math.max(worst, ulps(g, Math.exp(expArgs[i])))));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('log is within 2 ulp of Math.log on [0.5, 2] and e^±700 (fdlibm reports < 1 ulp)', () => {
    const got = batch('engine', 2, logArgs);
    let worst = 0;
    got.forEach((g, i) => (worst = Math.max(worst, ulps(g, Math.log(logArgs[i])))));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('special values: 0, ±∞, NaN, subnormals, the ends of the range', () => {
    const e = batch('engine', 0, specials);
    const l = batch('engine', 2, specials);
    specials.forEach((x, i) => {
      const we = Math.exp(x);
      if (Number.isNaN(we) || we === 0 || !Number.isFinite(we) || we < 2.2250738585072014e-308) expect(e[i]).toBe(we === 0 ? 0 : we);
      else expect(ulps(e[i], we)).toBeLessThanOrEqual(2);
      const wl = Math.log(x);
      if (!Number.isFinite(wl)) expect(l[i]).toBe(wl);
      else expect(ulps(l[i], wl)).toBeLessThanOrEqual(2);
    });
  });

  it('the SIMD forms and the TypeScript port equal the scalar WASM bit for bit (release and debug)', () => {
    for (const [fn, args, ts] of [
      [0, expArgs, tsExp],
      [2, logArgs, tsLog],
    ] as const) {
      const all = Float64Array.from([...args, ...specials]);
      const scalar = batch('engine', fn, all);
      for (const [build, f] of [['engine', fn + 1], ['engine.debug', fn + 1], ['engine.debug', fn]] as const)
        expect(Array.from(batch(build, f, all))).toEqual(Array.from(scalar));
      expect(Array.from(all, ts)).toEqual(Array.from(scalar));
    }
  });

  it('expFrac: 1/(1 + e^y) and e^y/(1 + e^y) within 4 ulp for y in [-745, 0]; lanes and TS port equal the scalar', () => {
    const ys = Float64Array.from({ length: 4000 }, (_, i) => (i < 2000 ? -40 * r() : -745 * r()));
    const A = batch('engine', 4, ys);
    const B = batch('engine', 6, ys);
    let worst = 0;
    ys.forEach((y, i) => {
      const e = Math.exp(y);
      worst = Math.max(worst, ulps(A[i], 1 / (1 + e)));
      if (e > 1e-300) worst = Math.max(worst, ulps(B[i], e / (1 + e)));
      else expect(Math.abs(B[i] - e)).toBeLessThanOrEqual(1e-300);
    });
    expect(worst).toBeLessThanOrEqual(4);
    expect(Array.from(batch('engine', 5, ys))).toEqual(Array.from(A));
    expect(Array.from(batch('engine.debug', 7, ys))).toEqual(Array.from(B));
    const tsA = Array.from(ys, (y) => (tsExpFrac(y), tsFrac.a));
    const tsB = Array.from(ys, (y) => (tsExpFrac(y), tsFrac.b));
    expect(tsA).toEqual(Array.from(A));
    expect(tsB).toEqual(Array.from(B));
  });

  it('log1p (Goldberg) is within 2 ulp of Math.log1p, down to tiny arguments', () => {
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const x = i < 1000 ? Math.exp(-40 * r()) : 10 * r();
      worst = Math.max(worst, ulps(tsLog1p(x), Math.log1p(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
});
