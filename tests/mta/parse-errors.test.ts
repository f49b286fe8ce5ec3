// The row-error budget every journey reader shares (src/mta/parse-errors.ts): all bad rows are
// counted, the first MAX_REPORTED_ERRORS are listed in row order, and a fatal error is listed
// even past that budget. Checked on ParseErrors itself and through the three readers.
import { describe, expect, it } from 'vitest';
import { ParseErrors } from '../../src/mta/parse-errors';
import { parseEventBytes } from '../../src/mta/parse-events';
import { parsePathBytes } from '../../src/mta/parse-paths';
import { WasmPathParser } from '../../src/mta/parse-paths-wasm';
import { MAX_REPORTED_ERRORS, type ParseOutcome } from '../../src/mta/types';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { wasmModule } from '../../src/node/wasm-bytes';

const enc = new TextEncoder();
const BAD = MAX_REPORTED_ERRORS + 5;

function expectBudget(o: ParseOutcome, firstBadRow: number, column: string): void {
  expect(o.table).toBeNull();
  expect(o.errorCount).toBe(BAD);
  expect(o.errors).toHaveLength(MAX_REPORTED_ERRORS);
  // Spreadsheet rows: the header is row 1, so the i-th bad row is row firstBadRow + i.
  expect(o.errors.map((e) => e.row)).toEqual(Array.from({ length: MAX_REPORTED_ERRORS }, (_, i) => firstBadRow + i));
  for (const e of o.errors) expect(e).toMatchObject({ severity: 'error', file: 'f.csv', column });
}

describe('ParseErrors', () => {
  it('counts every row error, lists the first `keep`, and always lists a fatal one', () => {
    const errs = new ParseErrors('f.csv', 2);
    for (let r = 2; r < 6; r++) errs.row(r, 'path', { message: `bad ${r}`, hint: 'h' });
    expect(errs.count).toBe(4);
    expect(errs.fatal).toBe(false);
    expect(errs.list.map((e) => e.message)).toEqual(['bad 2', 'bad 3']);
    errs.fail({ message: 'stop', row: 9 });
    expect(errs.fatal).toBe(true);
    expect(errs.count).toBe(5);
    expect(errs.list[2]).toEqual({ severity: 'error', file: 'f.csv', message: 'stop', row: 9 });
  });
});

describe(`${BAD} bad rows`, () => {
  const paths = ['path;total_conversions', 'a;1', ...Array.from({ length: BAD }, (_, i) => `b${i};x`), 'c;2'].join('\n');

  it('the TypeScript path reader lists the first MAX_REPORTED_ERRORS', () => {
    expectBudget(parsePathBytes(enc.encode(paths), { file: 'f.csv' }), 3, 'total_conversions');
  });

  it('the WASM path reader lists the same rows', () => {
    const wasm = new WasmPathParser(MtaWasm.create(wasmModule('mta.debug')), { file: 'f.csv' });
    wasm.push(enc.encode(paths));
    expectBudget(wasm.finish(), 3, 'total_conversions');
  });

  it('the event reader lists the first MAX_REPORTED_ERRORS', () => {
    const events = ['user_id,timestamp,channel,conversion', 'u0,2024-03-01T09:00:00Z,a,0', ...Array.from({ length: BAD }, (_, i) => `u${i},soon,a,0`)].join('\n');
    expectBudget(parseEventBytes(enc.encode(events), { file: 'f.csv' }), 3, 'timestamp');
  });
});
