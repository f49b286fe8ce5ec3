// The WASM parser and kernels against the TypeScript reference implementation: identical
// tables from identical bytes (however the bytes are chunked), and the same credit from every
// model on PathData and on random tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wasmModule } from '../../src/node/wasm-bytes';
import { attribute } from '../../src/mta/attribute';
import { jsKernels, wasmKernels } from '../../src/mta/kernels';
import { PathParser } from '../../src/mta/parse-paths';
import { WasmPathParser } from '../../src/mta/parse-paths-wasm';
import type { AttributionResult, Credit, ParseOutcome, PathTable } from '../../src/mta/types';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { readShared } from './helpers';

const release = wasmModule('mta');
const debug = wasmModule('mta.debug');

function parseBoth(bytes: Uint8Array, chunks: number[], separator?: string): { js: ParseOutcome; wasm: ParseOutcome } {
  const options = { file: 't.csv', channelSeparator: separator };
  const js = new PathParser(options);
  const wasm = new WasmPathParser(MtaWasm.create(debug), options);
  let p = 0;
  for (const size of chunks) {
    if (p >= bytes.length) break;
    js.push(bytes.subarray(p, p + size));
    wasm.push(bytes.subarray(p, p + size));
    p += size;
  }
  js.push(bytes.subarray(p));
  wasm.push(bytes.subarray(p));
  return { js: js.finish(), wasm: wasm.finish() };
}

function expectSameOutcome(a: ParseOutcome, b: ParseOutcome): void {
  expect(b.errors).toEqual(a.errors);
  expect(b.errorCount).toBe(a.errorCount);
  expect(b.warnings).toEqual(a.warnings);
  expect(b.source.delimiter).toBe(a.source.delimiter);
  expect(b.table === null).toBe(a.table === null);
  if (a.table && b.table) {
    expect(b.table.channels).toEqual(a.table.channels);
    expect(b.table.touches).toEqual(a.table.touches);
    expect(b.table.offsets).toEqual(a.table.offsets);
    expect(b.table.conversions).toEqual(a.table.conversions);
    expect(b.table.value).toEqual(a.table.value);
    expect(b.table.nulls).toEqual(a.table.nulls);
  }
}

function expectCreditClose(a: Credit | null, b: Credit | null, tol = 1e-12): void {
  expect(b === null).toBe(a === null);
  if (!a || !b) return;
  for (let i = 0; i < a.conversions.length; i++) {
    expect(Math.abs(a.conversions[i] - b.conversions[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a.conversions[i])));
    expect(Math.abs(a.value[i] - b.value[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a.value[i])));
  }
}

function expectSameResult(a: AttributionResult, b: AttributionResult): void {
  for (const m of Object.keys(a.heuristics) as Array<keyof AttributionResult['heuristics']>) expectCreditClose(a.heuristics[m], b.heuristics[m]);
  expectCreditClose(a.shapley, b.shapley);
  expectCreditClose(a.shapleyFull, b.shapleyFull);
  expect(b.shapleyFullInfo).toEqual(a.shapleyFullInfo);
  expect(b.markov.length).toBe(a.markov.length);
  for (let k = 0; k < a.markov.length; k++) {
    expect(b.markov[k].states).toBe(a.markov[k].states);
    expect(Math.abs(b.markov[k].pConversion - a.markov[k].pConversion)).toBeLessThan(1e-13);
    expectCreditClose(a.markov[k].credit, b.markov[k].credit, 1e-11);
  }
  expect(b.transitions).toEqual(a.transitions);
  expect(b.summary.lengthCounts).toEqual(a.summary.lengthCounts);
  expect(b.summary.topPaths).toEqual(a.summary.topPaths);
}

describe('WASM path parser', () => {
  it('reads PathData into the same table as the TypeScript parser, in 1 piece or 997-byte pieces', () => {
    const bytes = readShared('PathData.csv');
    expectSameOutcome(parseBoth(bytes, []).js, parseBoth(bytes, []).wasm);
    const pieces = parseBoth(bytes, Array(Math.ceil(bytes.length / 997)).fill(997));
    expectSameOutcome(pieces.js, pieces.wasm);
  });

  const enc = new TextEncoder();
  const field = fc.oneof(
    fc.constantFrom('a', 'b c', ' d ', 'éé', 'x"y', '', 'a,b', 'a;b'),
    fc.integer({ min: -3, max: 50 }).map(String),
    fc.constantFrom('1.5', '2e3', '0.1234567890123456789', 'abc', '-0', '7 '),
  );
  const quote = (s: string, q: boolean) => (q || /[",;\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const fileArb = fc.record({
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    header: fc.constantFrom(['path', 'total_conversions', 'total_conversion_value', 'total_null'], ['total_null', 'path', 'total_conversions'], ['path', 'conversions']),
    rows: fc.array(
      fc.record({
        path: fc.array(fc.constantFrom('alpha', 'beta', ' gamma', 'δ', ''), { minLength: 0, maxLength: 6 }),
        extra: fc.array(field, { minLength: 1, maxLength: 4 }),
        quoted: fc.boolean(),
        blank: fc.boolean(),
      }),
      { maxLength: 25 },
    ),
    chunks: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
  });

  it('agrees with the TypeScript parser on random files, delimiters, quoting, errors and chunking', () => {
    fc.assert(
      fc.property(fileArb, (f) => {
        const lines = [f.header.join(f.delimiter)];
        for (const r of f.rows) {
          if (r.blank) {
            lines.push('');
            continue;
          }
          const cells = f.header.map((h, i) => (h === 'path' ? quote(r.path.join(' > '), r.quoted) : quote(r.extra[i % r.extra.length], false)));
          lines.push(cells.join(f.delimiter));
        }
        const text = (f.bom ? '\ufeff' : '') + lines.join(f.eol);
        const { js, wasm } = parseBoth(enc.encode(text), f.chunks);
        expectSameOutcome(js, wasm);
      }),
      { numRuns: 400 },
    );
  });
});

describe('WASM kernels', () => {
  it('give the TypeScript results on PathData (every model, summary and transition matrix)', () => {
    const out = parseBoth(readShared('PathData.csv'), []).wasm;
    const t = out.table!;
    expectSameResult(attribute(t, {}, jsKernels(t)), attribute(t, {}, wasmKernels(t, MtaWasm.create(release))));
  });

  const tableArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      timed: fc.boolean(),
      rows: fc.array(
        fc.record({
          path: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 9 }),
          conv: fc.integer({ min: 0, max: 3 }),
          nulls: fc.integer({ min: 0, max: 3 }),
          value: fc.double({ min: 0, max: 100, noNaN: true }),
          gaps: fc.array(fc.double({ min: 0, max: 20 * 86_400_000, noNaN: true }), { minLength: 9, maxLength: 9 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    }),
  );

  it('give the TypeScript results on random tables, with and without timestamps', () => {
    fc.assert(
      fc.property(tableArb, ({ n, timed, rows }) => {
        const offsets = new Uint32Array(rows.length + 1);
        rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.path.length));
        const times: number[] = [];
        for (const r of rows) {
          let t = 1.7e12;
          for (let i = 0; i < r.path.length; i++) times.push((t += r.gaps[i]));
        }
        const t: PathTable = {
          channels: Array.from({ length: n }, (_, i) => `c${i}`),
          touches: Uint16Array.from(rows.flatMap((r) => r.path)),
          offsets,
          conversions: Float64Array.from(rows.map((r) => r.conv)),
          value: Float64Array.from(rows.map((r) => (r.conv > 0 ? r.value : 0))),
          nulls: Float64Array.from(rows.map((r) => r.nulls)),
          touchTime: timed ? Float64Array.from(times) : undefined,
          hasValue: true,
          hasNulls: true,
        };
        if (!rows.some((r) => r.conv > 0)) return;
        expectSameResult(attribute(t, {}, jsKernels(t)), attribute(t, {}, wasmKernels(t, MtaWasm.create(debug))));
      }),
      { numRuns: 150 },
    );
  });

  it('list the same top paths when long repeated paths and ties compete with short ones', () => {
    const pool = fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pool, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 6 }), (paths, picks, top) => {
        const rows = picks.map(([i, conv, nulls]) => ({ path: paths[i % paths.length], conv, nulls }));
        const offsets = new Uint32Array(rows.length + 1);
        rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.path.length));
        const t: PathTable = {
          channels: ['a', 'b', 'c'],
          touches: Uint16Array.from(rows.flatMap((r) => r.path)),
          offsets,
          conversions: Float64Array.from(rows.map((r) => r.conv)),
          value: Float64Array.from(rows.map((r) => r.conv * 2.5)),
          nulls: Float64Array.from(rows.map((r) => r.nulls)),
          hasValue: true,
          hasNulls: true,
        };
        expect(wasmKernels(t, MtaWasm.create(debug)).summary(top)).toEqual(jsKernels(t).summary(top));
      }),
      { numRuns: 300 },
    );
  });
});
