// The path-format readers on hand-written files: delimiter detection, quoting, line endings,
// separators, header names, and errors with their spreadsheet row numbers. Every case runs
// through both readers (TypeScript and WASM) with the same expected outcome.
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/mta/csv-scan';
import { parseNumber } from '../../src/mta/parse-number';
import { PathParser, type PathParseOptions } from '../../src/mta/parse-paths';
import { WasmPathParser } from '../../src/mta/parse-paths-wasm';
import { detectFormat } from '../../src/mta/pipeline';
import type { ParseOutcome } from '../../src/mta/types';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { wasmModule } from '../../src/node/wasm-bytes';

const module = wasmModule('mta.debug');
const enc = new TextEncoder();

function both(text: string, options: Partial<PathParseOptions> = {}): ParseOutcome[] {
  const bytes = enc.encode(text);
  const js = new PathParser({ file: 'f.csv', ...options });
  js.push(bytes);
  const wasm = new WasmPathParser(MtaWasm.create(module), { file: 'f.csv', ...options });
  wasm.push(bytes);
  return [js.finish(), wasm.finish()];
}

function rows(o: ParseOutcome): Array<[string, number, number, number]> {
  const t = o.table!;
  return Array.from({ length: t.conversions.length }, (_, r) => [
    Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1]), (c) => t.channels[c]).join('|'),
    t.conversions[r],
    t.value[r],
    t.nulls[r],
  ]);
}

describe('path files', () => {
  it('detects the delimiter and reads quoted, CRLF, BOM files the same way', () => {
    const files = [
      'path;total_conversions;total_conversion_value;total_null\nsearch > email;2;10.5;3\n',
      '\ufeffpath,total_conversions,total_conversion_value,total_null\r\n"search > email",2,10.5,3\r\n',
      'path\ttotal_conversions\ttotal_conversion_value\ttotal_null\nsearch>email\t2\t1.05e1\t3',
      'path|conversions|value|nulls\n  search  >  email |2|10.50|3\n\n',
    ];
    for (const f of files) {
      for (const o of both(f)) {
        expect(o.errors).toEqual([]);
        expect(rows(o)).toEqual([['search|email', 2, 10.5, 3]]);
      }
    }
    expect(detectDelimiter('path;total_conversions')).toBe(';');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
  });

  it('keeps quotes, commas and non-ASCII inside quoted channel names', () => {
    for (const o of both('path,total_conversions\n"tv, ""prime"" > café > 検索",1\n')) {
      expect(o.errors).toEqual([]);
      expect(o.table!.channels).toEqual(['tv, "prime"', 'café', '検索']);
    }
  });

  it('takes a multi-byte channel separator', () => {
    for (const o of both('path;total_conversions\nsearch → email → search;1\n', { channelSeparator: '→' })) {
      expect(rows(o)).toEqual([['search|email|search', 1, 0, 0]]);
      expect(o.table!.hasValue).toBe(false);
      expect(o.table!.hasNulls).toBe(false);
    }
  });

  it('skips empty names between separators with one warning, and counts them', () => {
    for (const o of both('path;total_conversions\na > > b;1\nc >;2\n')) {
      expect(rows(o)).toEqual([
        ['a|b', 1, 0, 0],
        ['c', 2, 0, 0],
      ]);
      expect(o.warnings).toEqual([expect.objectContaining({ row: 2, message: expect.stringMatching(/^2 empty channel name/) })]);
    }
  });

  it('reports each bad row once, with its spreadsheet row and column, and returns no table', () => {
    const text = ['path;total_conversions;total_null', 'a;1;0', 'b;-1;0', 'c;1', ';1;1', 'd;1;x', '"e;1;0'].join('\n');
    for (const o of both(text)) {
      expect(o.table).toBeNull();
      expect(o.errorCount).toBe(5);
      expect(o.errors.map((e) => [e.row, e.column ?? null])).toEqual([
        [3, 'total_conversions'],
        [4, null],
        [5, 'path'],
        [6, 'total_null'],
        [7, null],
      ]);
      expect(o.errors[0].message).toBe('total_conversions is -1, a negative number.');
      expect(o.errors[3].message).toBe('"x" is not a non-negative number.');
      expect(o.errors[1].message).toBe('Row has 2 field(s); the header has at least 3.');
      expect(o.errors[4].message).toMatch(/quote .* never closed/);
    }
  });

  it('refuses a negative conversion value, count or null count, naming its row and column, as the event reader does', () => {
    // Credit is shared in proportion to conversions and value, so a negative one would take
    // credit away from the channels on its path: refused like a negative event value.
    const text = [
      'path;total_conversions;total_conversion_value;total_null',
      'a > b;2;10;1',
      'a;1;-12.50;0',
      'b;1; -3e2 ;0', // past the WASM fast path: JS reads the exponent
      'b;1;-0;0', // minus zero is zero
      'a;1;5;-2',
      'b;-0.5;5;0',
      'a;1;-0.1234567890123456789;0', // over 15 digits
    ].join('\n');
    for (const o of both(text)) {
      expect(o.table).toBeNull();
      expect(o.errorCount).toBe(5);
      expect(o.errors.map((e) => [e.row, e.column, e.message])).toEqual([
        [3, 'total_conversion_value', 'total_conversion_value is -12.50, a negative number.'],
        [4, 'total_conversion_value', 'total_conversion_value is -3e2, a negative number.'],
        [6, 'total_null', 'total_null is -2, a negative number.'],
        [7, 'total_conversions', 'total_conversions is -0.5, a negative number.'],
        [8, 'total_conversion_value', 'total_conversion_value is -0.1234567890123456789, a negative number.'],
      ]);
      expect(o.errors[0]).toMatchObject({ severity: 'error', file: 'f.csv' });
      expect(o.errors[0].hint).toMatch(/refunds or returns.*minus sign is an export error/);
      expect(o.errors[2].hint).toMatch(/counts journeys.*0 or more/);
    }
    // Without the bad rows the same file reads; minus zero is not refused (it equals 0).
    const good = text.split('\n').filter((_, i) => i < 2 || i === 4).join('\n');
    for (const o of both(good)) {
      expect(o.errors).toEqual([]);
      expect(rows(o).map(([p, c, v, n]) => [p, c, v === 0 ? 0 : v, n])).toEqual([['a|b', 2, 10, 1], ['b', 1, 0, 0]]);
    }
  });

  it('says which header column is missing', () => {
    for (const o of both('journey_id;conversions\n1;2\n')) {
      expect(o.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/No path column/) });
    }
    for (const o of both('')) expect(o.errors[0].message).toMatch(/empty/);
    for (const o of both('path;total_conversions\n')) expect(o.errors[0].message).toMatch(/no journeys/);
  });
});

describe('numbers and formats', () => {
  it('parses decimals exactly as parseFloat does, and refuses what is not a number', () => {
    const cases = ['0.244', '3.195', '28414.214274364', '0.1234567890123456789', '1e3', '-2.5E-3', '.5', '5.', '007', ' 12 '];
    for (const c of cases) {
      const b = enc.encode(c);
      expect(parseNumber(b, 0, b.length)).toBe(parseFloat(c));
    }
    for (const c of ['', 'abc', '1.2.3', '0x10', 'Infinity', '1e', '--1', '.']) {
      const b = enc.encode(c);
      expect(parseNumber(b, 0, b.length)).toBeNaN();
    }
  });

  it('tells the path format from the event format by the header', () => {
    expect(detectFormat('path;total_conversions;total_null')).toBe('paths');
    expect(detectFormat('"Path","Conversions"')).toBe('paths');
    expect(detectFormat('user_id,timestamp,channel,conversion,value')).toBe('events');
    expect(detectFormat('date,spend,revenue')).toBeNull();
  });
});
