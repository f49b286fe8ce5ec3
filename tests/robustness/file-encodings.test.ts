// Files that are not plain UTF-8 CSV (bad-input sweep, session 4): Excel's "Unicode Text"
// (UTF-16 LE with a byte-order mark) was read as UTF-8 — a header of "D A T E" and three
// "no column" errors; an .xlsx renamed .csv gave "Only one column found"; Excel's "sep=;"
// first line made the header two columns wide and every row an error (209 lines, as were a
// file's unquoted thousands separators: one line per row). Oracle: the plain file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { readCsv } from '../../src/data/csv';
import { decodeBytes, encodingOf } from '../../src/data/encoding';
import { createDataWorkerApi } from '../../src/data/worker-api';
import { loadDataset } from '../../src/cli/load-dataset';
import { sharedPath } from '../helpers/csv-dataset';
import { errorsOf, show } from '../data/helpers';

const EXAMPLE = sharedPath('data/pymc-marketing/mmm_example.csv');
const TEXT = readFileSync(EXAMPLE, 'utf8');
const plain = loadDataset([EXAMPLE], {}).dataset!;
const dir = mkdtempSync(join(tmpdir(), 'carryover-enc-'));
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.from([0xfe, 0xff, ...Buffer.from(s, 'utf16le').swap16()]);
const same = (d: { dates: string[]; target: { values: Float64Array }; channels: Array<{ name: string; spend: Float64Array }> }) => {
  expect(d.dates).toEqual(plain.dates);
  expect(Array.from(d.target.values)).toEqual(Array.from(plain.target.values));
  expect(d.channels.map((c) => [c.name, Array.from(c.spend)])).toEqual(plain.channels.map((c) => [c.name, Array.from(c.spend)]));
};

describe('UTF-16 files', () => {
  it('a byte-order mark picks the encoding; no mark is UTF-8', () => {
    expect(encodingOf(utf16le('a'))).toBe('utf-16le');
    expect(encodingOf(utf16be('a'))).toBe('utf-16be');
    expect(encodingOf(Buffer.from('\ufeffa'))).toBe('utf-8');
    expect(decodeBytes(utf16be('Größe,x'))).toBe('Größe,x');
  });

  it('command line: a UTF-16 LE or BE file reads as the UTF-8 file', () => {
    for (const [name, bytes] of [['le.csv', utf16le(TEXT)], ['be.csv', utf16be(TEXT)]] as const) {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      const r = loadDataset([p], {});
      expect(show(errorsOf(r.report)), name).toBe('');
      same(r.dataset!);
    }
  });

  it('studio worker: a UTF-16 LE blob reads as the UTF-8 file', async () => {
    const api = createDataWorkerApi();
    const { id } = await api.parseFiles([{ name: 'le.csv', blob: new Blob([utf16le(TEXT)]) }]);
    const built = api.buildDataset(id, api.detectRoles(id));
    expect(show(errorsOf(built.report))).toBe('');
    same(built.dataset!);
  });

  it('UTF-16 text that reached the reader as UTF-8 anyway is said to be UTF-16, not three "no column" errors', () => {
    const garbled = new TextDecoder('utf-8').decode(Buffer.from(TEXT, 'utf16le'));
    const t = readCsv('u.csv', garbled);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ severity: 'error', file: 'u.csv', message: 'The file holds NUL characters: it is UTF-16 text or a binary file, not a UTF-8 CSV file' });
    expect(t.issues[0].hint).toMatch(/CSV UTF-8/);
  });
});

describe('not a CSV at all', () => {
  it('an .xlsx workbook named .csv is said to be a workbook', () => {
    const t = readCsv('book.csv', 'PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml');
    expect(t.issues.map((e) => e.message)).toEqual(['This is an Excel workbook (.xlsx) or another zip file, not a CSV file']);
  });
});

describe("Excel's sep= line and rows wider than the header", () => {
  it('"sep=;" names the delimiter and is not the header', () => {
    const parsed = parseFiles([{ name: 'sep.csv', text: 'sep=;\r\n' + TEXT.replace(/,/g, ';') }]);
    expect(parsed.tables[0]).toMatchObject({ delimiter: ';', header: TEXT.split('\n')[0].split(',') });
    const r = buildDataset(parsed, detectRoles(parsed));
    expect(show(errorsOf(r.report))).toBe('');
    same(r.dataset!);
  });

  it('every row too wide: five rows named, the rest in one line', () => {
    const lines = TEXT.trim().split('\n');
    const text = [lines[0], ...lines.slice(1).map((l) => l + ',1,2')].join('\n');
    const e = errorsOf(readCsv('w.csv', text).issues);
    expect(e.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, lines.length]);
    expect(e[0].message).toBe('Row has 10 values but the header names 8 columns');
    expect(e[5].message).toBe(`${lines.length - 6} more rows with more values than the header: rows 7, 8, 9, 10, 11, 12, 13, 14, … up to row ${lines.length}`);
  });
});
