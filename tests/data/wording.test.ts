// Counts in messages agree with their nouns: "1 value", "2 values", never "1 values" or
// "1 different values"; row lists read as a sentence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { CellProblems, plural, rowList } from '../../src/data/errors';
import type { UserError } from '../../src/core/types';

describe('plural and rowList', () => {
  it('agree in number', () => {
    expect(plural(0, 'cell')).toBe('0 cells');
    expect(plural(1, 'cell')).toBe('1 cell');
    expect(plural(2, 'cell')).toBe('2 cells');
    expect(plural(1, 'more cell that is not a number', 'more cells that are not numbers')).toBe('1 more cell that is not a number');
  });

  it('rowList: one, two, three, and more than the cap', () => {
    expect(rowList([4])).toBe('4');
    expect(rowList([4, 9])).toBe('4 and 9');
    expect(rowList([4, 9, 12])).toBe('4, 9 and 12');
    expect(rowList([1, 2, 3, 4, 5], 3)).toBe('1, 2, 3, … (5 in all)');
  });

  it('CellProblems: the summary line names every row past the cap up to eight, then the last', () => {
    const lines = (n: number) => {
      const p = new CellProblems(['duplicate date', 'duplicate dates'], { file: 'f.csv', column: 'date' }, 'error', 'keep one');
      for (let k = 0; k < n; k++) p.add(10 + k, `dup ${k}`);
      const out: UserError[] = [];
      p.flush(out);
      return out;
    };
    expect(lines(5)).toHaveLength(5);
    expect(lines(6).at(-1)).toMatchObject({ row: 15, message: '1 more duplicate date in column date: row 15' });
    expect(lines(7).at(-1)!.message).toBe('2 more duplicate dates in column date: rows 15 and 16');
    expect(lines(20).at(-1)).toMatchObject({ row: 29, message: '15 more duplicate dates in column date: rows 15, 16, 17, 18, 19, 20, 21, 22, … up to row 29' });
  });
});

/** Every message and reason of a small file through parse, roles and build. */
function words(text: string): string[] {
  const parsed = parseFiles([{ name: 'w.csv', text }]);
  const roles = detectRoles(parsed);
  return [...roles.columns.map((r) => r.reason), ...buildDataset(parsed, roles).report.map((e) => e.message)];
}

const ONE_PLURAL = /\b1 (different |filled |more )?(values|cells|rows|columns|periods|weeks|days|geos have|levels)\b|\b1 of \d+ filled cells are\b/;

describe('messages of the pipeline', () => {
  it('a text column with one value and a one-column header say it in the singular', () => {
    const w = words('date,sales,tv_spend,note\n2021-01-04,1,2,same\n2021-01-11,3,4,same\n2021-01-18,5,6,same\n2021-01-25,5,6,same');
    expect(w).toContain('text with 1 value: nothing to tell periods apart');
    expect(words('date\n2021-01-04,1')).toContain('Row has 2 values but the header names 1 column');
  });

  it('one imputed cell: "1 cell imputed"', () => {
    const lines = ['date,sales,tv_spend'];
    for (let i = 0; i < 10; i++) lines.push(`${new Date(Date.UTC(2021, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${i === 4 ? '' : 100 + i},${1 + (i % 3)}`);
    expect(words(lines.join('\n'))).toContainEqual(expect.stringMatching(/^1 cell imputed \(sales\)/));
  });

  it('property: no message or reason says "1 values", "1 cells", "1 different values", ...', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.constantFrom('a', 'b', 'x', '', '3', 'NaN', '1.5'), { minLength: 1, maxLength: 8 }),
        (weeks, cells) => {
          const lines = ['date,sales,tv_spend,label'];
          for (let i = 0; i < weeks; i++) {
            const c = cells[i % cells.length];
            lines.push(`${new Date(Date.UTC(2021, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${i === 1 ? c : 10 + i},${i === 2 ? c : 1 + i},${c}`);
          }
          for (const w of words(lines.join('\n'))) expect(w).not.toMatch(ONE_PLURAL);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
