// Packed draws (src/store/packed.ts): what RunStore writes to IndexedDB must read back as
// exactly the record that was saved. Oracle: the committed v1 fixture and hand-built arrays,
// through structuredClone (what IndexedDB does to a stored value), compared bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packArray, packRecord, unpackArray, unpackRecord } from '../../src/store/packed';
import { validateRunRecord } from '../../src/store/validate';
import { fixture } from './helpers';

const GROUPS = ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive'] as const;

describe('packed draw arrays', () => {
  it('every double comes back bit-exact, in place (NaN, -0, ±Infinity, subnormals)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), fc.array(fc.double(), { minLength: 1 }), (shape, pool) => {
        let k = 0;
        const build = (d: number): unknown => (d === shape.length ? pool[k++ % pool.length] : Array.from({ length: shape[d] }, () => build(d + 1)));
        const a = build(0);
        const p = packArray(a)!;
        expect(p.shape).toEqual(shape);
        const back = unpackArray(structuredClone(p));
        expect(JSON.stringify(back)).toBe(JSON.stringify(a));
        // Object.is per leaf: -0 stays -0, NaN stays NaN.
        const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
        const fa = flat(a);
        const fb = flat(back);
        expect(fb.length).toBe(fa.length);
        for (let i = 0; i < fa.length; i++) expect(Object.is(fa[i], fb[i])).toBe(true);
      }),
    );
  });

  it('an array holding a null, text, or ragged rows is left as it is (null stays null)', () => {
    expect(packArray([[1, null], [2, 3]])).toBeNull();
    expect(packArray([[1, 'x'], [2, 3]])).toBeNull();
    expect(packArray([[1, 2], [3]])).toBeNull();
    expect(packArray(5)).toBeNull();
    const r = fixture();
    const name = Object.keys(r.inference_data.posterior)[0];
    (r.inference_data.posterior[name] as unknown as unknown[][])[0][0] = null;
    const back = unpackRecord(structuredClone(packRecord(r)));
    expect(back).toEqual(r);
    expect((packRecord(r).inference_data.posterior as Record<string, unknown>)[name]).toBe(r.inference_data.posterior[name]);
  });

  it('the v1 fixture: every draw variable stored as one Float64Array, the rest untouched; read back equal and valid', () => {
    const r = fixture();
    const before = JSON.stringify(r);
    const stored = packRecord(r);
    expect(JSON.stringify(r)).toBe(before); // the saved record itself is not changed
    for (const g of GROUPS) {
      for (const v of Object.values(stored.inference_data[g] as Record<string, unknown>)) expect((v as { data: unknown }).data).toBeInstanceOf(Float64Array);
    }
    for (const k of ['observed_data', 'constant_data', 'dims', 'coords', 'attrs'] as const) expect(stored.inference_data[k]).toBe(r.inference_data[k]);
    expect(stored.dataset).toBe(r.dataset);
    const back = unpackRecord(structuredClone(stored));
    expect(back).toEqual(r);
    expect(validateRunRecord(back)).toEqual([]);
  });

  it('a record stored before packing (nested arrays) reads as it is', () => {
    const r = fixture();
    expect(unpackRecord(structuredClone(r))).toEqual(r);
  });

  it('a damaged packed value is not guessed at: validation names it', () => {
    const stored = packRecord(fixture()) as unknown as { inference_data: { posterior: Record<string, { shape: number[] }> } };
    const name = Object.keys(stored.inference_data.posterior)[0];
    stored.inference_data.posterior[name].shape = [...stored.inference_data.posterior[name].shape, 2];
    const problems = validateRunRecord(unpackRecord(stored));
    expect(problems.map((p) => p.column)).toContain(`inference_data.posterior.${name}`);
    expect(problems[0].message).toMatch(/is not an array/);
  });
});
