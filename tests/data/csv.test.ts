import { describe, expect, it } from 'vitest';
import { readCsv, detectDelimiter } from '../../src/data/csv';
import { tableColumns } from '../../src/data/columns';
import { readNumber, decimalEvidence } from '../../src/data/numbers';

describe('readCsv', () => {
  it('strips a BOM and detects ; and tab delimiters', () => {
    const semi = readCsv('a.csv', '\ufeffdate;spend;sales\n2020-01-06;1,5;10\n2020-01-13;2,25;11\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.header).toEqual(['date', 'spend', 'sales']);
    const tab = readCsv('a.tsv', 'date\tspend\n2020-01-06\t3\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.records).toEqual([['2020-01-06', '3']]);
  });

  it('prefers ; over , when decimal commas would make , look plausible', () => {
    expect(detectDelimiter('d;x;y\n1;2,5;3,5\n2;4,5;1,25\n')).toBe(';');
  });

  it('numbers rows as a spreadsheet: header row 1, blank lines count, quoted newlines do not', () => {
    const t = readCsv('a.csv', 'date,note,spend\n\n2020-01-06,"two\nlines",1\n2020-01-13,plain,2\n');
    expect(Array.from(t.rowNumbers)).toEqual([3, 4]);
    expect(t.records[0][1]).toBe('two\nlines');
  });

  it('reports a row with extra values as an error and a short row as a warning, naming the row', () => {
    const t = readCsv('r.csv', 'date,spend,sales\n2020-01-06,1,2,3\n2020-01-13,1\n2020-01-20,1,2,,\n');
    const extra = t.issues.find((e) => e.severity === 'error')!;
    expect(extra).toMatchObject({ file: 'r.csv', row: 2 });
    const short = t.issues.find((e) => e.severity === 'warning')!;
    expect(short).toMatchObject({ row: 3, column: 'sales' });
    expect(t.records[1]).toEqual(['2020-01-13', '1', '']);
    // Trailing empty cells beyond the header are harmless.
    expect(t.issues.filter((e) => e.row === 4)).toEqual([]);
  });

  it('renames duplicated and empty headers and says so', () => {
    const t = readCsv('d.csv', 'date,spend,spend,\n2020-01-06,1,2,3\n');
    expect(t.header).toEqual(['date', 'spend', 'spend (2)', 'column_4']);
    expect(t.issues.map((e) => e.column)).toEqual(['spend (2)', 'column_4']);
  });

  it('reports unterminated quotes with the row', () => {
    const t = readCsv('q.csv', 'date,spend\n2020-01-06,1\n2020-01-13,"2\n');
    expect(t.issues.some((e) => e.severity === 'error' && /quote/i.test(e.message + (e.hint ?? '')) && e.row !== undefined)).toBe(true);
  });

  it('reports an empty file', () => {
    expect(readCsv('e.csv', '\ufeff  \n').issues[0]).toMatchObject({ severity: 'error', file: 'e.csv' });
  });

  it('reports progress up to 1 on a big file read in chunks', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `2020-01-06,${i},${i * 2}`).join('\n');
    const seen: number[] = [];
    const t = readCsv('big.csv', 'date,a,b\n' + rows, (p) => seen.push(p));
    expect(t.records.length).toBe(60_000);
    expect(t.rowNumbers[59_999]).toBe(60_001);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1])).toBe(true);
  });
});

describe('numbers', () => {
  const ok = (s: string, mark: '.' | ',' = '.') => {
    const r = readNumber(s, mark);
    return r.ok ? r.value : r.missing ? 'missing' : 'error';
  };

  it('reads separators, signs, currency and accounting negatives', () => {
    expect(ok('1,234.5')).toBe(1234.5);
    expect(ok('1.234,5', ',')).toBe(1234.5);
    expect(ok('1 234,5', ',')).toBe(1234.5);
    expect(ok('1\u00a0234.5')).toBe(1234.5);
    expect(ok('$1,200')).toBe(1200);
    expect(ok('(12.50)')).toBe(-12.5);
    expect(ok('\u22123')).toBe(-3);
    expect(ok('-.5')).toBe(-0.5);
    expect(ok('1e3')).toBe(1000);
    expect(ok('2,5', ',')).toBe(2.5);
  });

  it('reads missing spellings as missing and non-finite spellings as errors', () => {
    for (const s of ['', 'NA', 'n/a', 'null', '#N/A']) expect(ok(s)).toBe('missing');
    for (const s of ['NaN', 'nan', 'Infinity', '-inf', '#DIV/0!', '1e400', 'abc', '12%', '1,23,4']) expect(ok(s)).toBe('error');
  });

  it('does not read a grouped number under the other convention', () => {
    expect(ok('1.5', ',')).toBe('error'); // a dot in a decimal-comma column is not a decimal
    expect(ok('1,5')).toBe('error');
  });

  it('takes evidence only from cells that read one way', () => {
    expect(decimalEvidence('0.318')).toBe('.');
    expect(decimalEvidence('12,34')).toBe(',');
    expect(decimalEvidence('1.234.567')).toBe(',');
    expect(decimalEvidence('1,234')).toBeNull();
    expect(decimalEvidence('1.234')).toBeNull();
  });

  it('decides the decimal mark per column and warns when it had to guess', () => {
    const decided = tableColumns(readCsv('a.csv', 'date;a;b\n2020-01-06;1.234;0,5\n2020-01-13;2.000;1,25\n'));
    expect(Array.from(decided[1].values)).toEqual([1234, 2000]); // file evidence (0,5): decimal comma
    expect(Array.from(decided[2].values)).toEqual([0.5, 1.25]);
    const guessed = tableColumns(readCsv('b.csv', 'date,a\n2020-01-06,"1,234"\n2020-01-13,"2,000"\n'));
    expect(Array.from(guessed[1].values)).toEqual([1234, 2000]);
    expect(guessed[1].issues).toHaveLength(1);
    expect(guessed[1].issues[0]).toMatchObject({ severity: 'warning', row: 2, column: 'a' });
  });

  it('keeps bad cells as issues with file, row and column', () => {
    const [, a] = tableColumns(readCsv('x.csv', 'date,a\n2020-01-06,1\n2020-01-13,NaN\n2020-01-20,oops\n'));
    expect(a.badCells).toBe(2);
    expect(a.issues.map((e) => [e.file, e.row, e.column, e.severity])).toEqual([
      ['x.csv', 3, 'a', 'error'],
      ['x.csv', 4, 'a', 'error'],
    ]);
  });
});
