// Both Shapley forms against brute force over every coalition (the textbook definition,
// Shapley 1953: phi_k = sum_{S ⊆ N\{k}} |S|! (n-|S|-1)! / n! [v(S ∪ {k}) - v(S)]).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapleyFull, shapleySimplified } from '../../src/mta/shapley';
import type { PathTable } from '../../src/mta/types';

interface Row {
  path: number[];
  conv: number;
  nulls: number;
  value: number;
}

function table(n: number, rows: Row[]): PathTable {
  const touches = rows.flatMap((r) => r.path);
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.path.length));
  return {
    channels: Array.from({ length: n }, (_, i) => `c${i}`),
    touches: Uint16Array.from(touches),
    offsets,
    conversions: Float64Array.from(rows.map((r) => r.conv)),
    value: Float64Array.from(rows.map((r) => r.value)),
    nulls: Float64Array.from(rows.map((r) => r.nulls)),
    hasValue: true,
    hasNulls: true,
  };
}

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
const bits = (m: number): number => m.toString(2).replaceAll('0', '').length;
const maskOf = (path: number[]) => path.reduce((m, c) => m | (1 << c), 0);

/** Shapley value of player k in the game v on players `players` (a bit mask), by enumeration. */
function bruteShapley(v: (s: number) => number, players: number, k: number): number {
  const others = players & ~(1 << k);
  const n = bits(players);
  let phi = 0;
  for (let s = others; ; s = (s - 1) & others) {
    const w = (factorial(bits(s)) * factorial(n - bits(s) - 1)) / factorial(n);
    phi += w * (v(s | (1 << k)) - v(s));
    if (s === 0) break;
  }
  return phi;
}

const instance = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rows: fc.array(
      fc.record({
        path: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 8 }),
        conv: fc.integer({ min: 0, max: 5 }),
        nulls: fc.integer({ min: 0, max: 5 }),
        value: fc.double({ min: 0, max: 100, noNaN: true }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  }),
);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('simplified Shapley (Zhao et al. 2018)', () => {
  it('equals brute-force Shapley of v(S) = conversions (value) of journeys whose channels lie in S', () => {
    fc.assert(
      fc.property(instance, ({ n, rows }) => {
        const got = shapleySimplified(table(n, rows));
        const all = (1 << n) - 1;
        const v = (field: 'conv' | 'value') => (s: number) => rows.reduce((acc, r) => ((maskOf(r.path) & ~s) === 0 ? acc + r[field] : acc), 0);
        for (let k = 0; k < n; k++) {
          if (!close(got.conversions[k], bruteShapley(v('conv'), all, k))) return false;
          if (!close(got.value[k], bruteShapley(v('value'), all, k))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('full Shapley (Dalessandro et al. 2012) on conversion rates', () => {
  /** Per observed channel set T, the Shapley values of the rate game restricted to T's subsets. */
  function bruteFull(n: number, rows: Row[]) {
    const journeys = new Map<number, number>();
    const conv = new Map<number, number>();
    const value = new Map<number, number>();
    for (const r of rows) {
      const m = maskOf(r.path);
      journeys.set(m, (journeys.get(m) ?? 0) + r.conv + r.nulls);
      conv.set(m, (conv.get(m) ?? 0) + r.conv);
      value.set(m, (value.get(m) ?? 0) + r.value);
    }
    const rate = (s: number) => ((journeys.get(s) ?? 0) > 0 ? conv.get(s)! / journeys.get(s)! : 0);
    const credit = new Float64Array(n);
    const valueCredit = new Float64Array(n);
    for (const [T, j] of journeys) {
      if (j === 0) continue;
      for (let k = 0; k < n; k++) {
        if (!(T & (1 << k))) continue;
        const phi = bruteShapley(rate, T, k);
        credit[k] += j * phi;
        if (conv.get(T)! > 0) valueCredit[k] += (value.get(T)! * phi) / rate(T);
      }
    }
    return { credit, valueCredit };
  }

  it('the Möbius/zeta computation equals brute force over all coalitions', () => {
    fc.assert(
      fc.property(instance, ({ n, rows }) => {
        const got = shapleyFull(table(n, rows)).credit;
        const want = bruteFull(n, rows);
        for (let k = 0; k < n; k++) {
          if (!close(got.conversions[k], want.credit[k])) return false;
          if (!close(got.value[k], want.valueCredit[k])) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('credits add up to the conversions and the value of converting channel sets (efficiency)', () => {
    fc.assert(
      fc.property(instance, ({ n, rows }) => {
        const got = shapleyFull(table(n, rows)).credit;
        const totalConv = rows.reduce((a, r) => a + r.conv, 0);
        const totalValue = rows.filter((r) => r.conv > 0 || rows.some((q) => maskOf(q.path) === maskOf(r.path) && q.conv > 0)).reduce((a, r) => a + r.value, 0);
        return close(got.conversions.reduce((a, b) => a + b, 0), totalConv) && close(got.value.reduce((a, b) => a + b, 0), totalValue);
      }),
      { numRuns: 200 },
    );
  });

  it('matches a hand-worked two-channel game', () => {
    // v(a) = 2/10, v(b) = 1/10, v(ab) = 5/10. For users in {a, b}:
    // phi_a = (v(a) + v(ab) - v(b)) / 2 = 0.3, phi_b = (v(b) + v(ab) - v(a)) / 2 = 0.2.
    // Credit a = 10 * 0.2 + 10 * 0.3 = 5, b = 10 * 0.1 + 10 * 0.2 = 3 (sum 8 = all conversions).
    const t = table(2, [
      { path: [0], conv: 2, nulls: 8, value: 20 },
      { path: [1], conv: 1, nulls: 9, value: 10 },
      { path: [0, 1, 0], conv: 5, nulls: 5, value: 50 },
    ]);
    const { credit, coalitionsObserved } = shapleyFull(t);
    expect(credit.conversions[0]).toBeCloseTo(5, 12);
    expect(credit.conversions[1]).toBeCloseTo(3, 12);
    // Value of {a, b} split 0.3 : 0.2 of its rate 0.5.
    expect(credit.value[0]).toBeCloseTo(20 + 50 * 0.6, 12);
    expect(credit.value[1]).toBeCloseTo(10 + 50 * 0.4, 12);
    expect(coalitionsObserved).toBe(3);
  });

  it('is exact and quick at the 15-channel limit: every conversion credited, WASM equal to TypeScript', async () => {
    const { wasmKernels } = await import('../../src/mta/kernels');
    const { MtaWasm } = await import('../../src/mta/wasm-mta');
    const { wasmModule } = await import('../../src/node/wasm-bytes');
    let seed = 99;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows: Row[] = Array.from({ length: 3000 }, () => ({
      path: Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 15)),
      conv: rand() < 0.3 ? 1 : 0,
      nulls: rand() < 0.7 ? 1 : 0,
      value: 0,
    })).map((r) => ({ ...r, value: r.conv * 10 }));
    const t = table(15, rows);
    const t0 = performance.now();
    const js = shapleyFull(t);
    expect(performance.now() - t0).toBeLessThan(5000);
    const total = rows.reduce((a, r) => a + r.conv, 0);
    expect(js.credit.conversions.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    const wasm = wasmKernels(t, MtaWasm.create(wasmModule('mta'))).shapleyFull();
    expect(wasm.coalitionsObserved).toBe(js.coalitionsObserved);
    for (let k = 0; k < 15; k++) expect(Math.abs(wasm.credit.conversions[k] - js.credit.conversions[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(js.credit.conversions[k])));
  });
});
