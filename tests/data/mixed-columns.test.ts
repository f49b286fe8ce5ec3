// A numeric column with a few cells that are not numbers (a typo, a note, a footer label):
// still numeric, offered in its role, its bad cells named by row in the role's reason and in
// the build's errors; clearing them makes gaps that MODEL.md §7 imputes and flags. Real text
// columns (Robyn's events) stay text. The CLI reads through the same code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { loadDataset } from '../../src/cli/load-dataset';
import { errorsOf, sharedFile, sharedFolder, show } from './helpers';

/** Weekly rows from Monday 2021-01-04; `edit(row)` may replace the sales cell (spreadsheet row). */
function wide(weeks: number, sales: (row: number) => string | undefined = () => undefined, extra = ''): string {
  const lines = ['date,sales,tv_spend,radio_spend'];
  for (let i = 0; i < weeks; i++) {
    const date = new Date(Date.UTC(2021, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${sales(i + 2) ?? 1000 + 10 * i + (i % 3)},${100 + i},${20 + (i % 4)}`);
  }
  return lines.join('\n') + extra;
}

const parse = (text: string) => parseFiles([{ name: 'mixed.csv', text }]);
const column = (p: ReturnType<typeof parse>, name: string) => p.frame.columns.find((c) => c.name === name)!;
const role = (p: ReturnType<typeof parse>, name: string) => detectRoles(p).columns.find((c) => c.column === name)!;

describe('a numeric column with a few text cells', () => {
  it('three rows, "abc" in sales row 3: still the target, the reason and the error name row 3', () => {
    const p = parse(wide(3, (r) => (r === 3 ? 'abc' : undefined)));
    expect(column(p, 'sales').kind).toBe('number');
    const r = role(p, 'sales');
    expect(r.role).toBe('target');
    expect(r.reason).toContain('numeric except row 3 ("abc"): fix or clear that cell');
    const { dataset, report } = buildDataset(p, detectRoles(p));
    expect(dataset).toBeUndefined();
    expect(report).not.toContainEqual(expect.objectContaining({ message: 'No target chosen' }));
    const e = errorsOf(report).filter((x) => x.column === 'sales');
    expect(e).toEqual([
      expect.objectContaining({ file: 'mixed.csv', row: 3, column: 'sales', message: 'sales: "abc" is not a number', hint: expect.stringMatching(/^correct these cells, or clear them to have each imputed/) }),
    ]);
  });

  it('clearing the cell makes a gap: imputed from its neighbours and flagged (MODEL.md §7)', () => {
    const p = parse(wide(12, (r) => (r === 6 ? '' : undefined)));
    const { dataset, report } = buildDataset(p, detectRoles(p));
    expect(show(errorsOf(report))).toBe('');
    expect(dataset!.imputed).toEqual([{ column: 'sales', row: 4, method: expect.stringMatching(/nearest observed/) }]);
    // Two observed weeks each side: (1020+2 + 1030+0 + 1050+2 + 1060+0) / 4.
    expect(dataset!.target.values[4]).toBe((1022 + 1030 + 1052 + 1060) / 4);
  });

  it('eight bad cells of 20: five named one by one, the other three in one line with their rows', () => {
    const bad = new Set([3, 5, 8, 9, 11, 14, 17, 20]);
    const p = parse(wide(20, (r) => (bad.has(r) ? `note ${r}` : undefined)));
    expect(column(p, 'sales').kind).toBe('number');
    expect(role(p, 'sales').reason).toContain('numeric except row 3 ("note 3"), row 5 ("note 5"), row 8 ("note 8") and 5 more cells: fix or clear those cells');
    const e = errorsOf(buildDataset(p, detectRoles(p)).report).filter((x) => x.column === 'sales');
    expect(e.map((x) => x.row)).toEqual([3, 5, 8, 9, 11, 20]);
    expect(e[5].message).toBe('3 more cells that are not numbers in column sales: rows 14, 17 and 20');
  });

  it('one cell past the five: singular wording', () => {
    const bad = new Set([3, 4, 5, 6, 7, 9]);
    const p = parse(wide(14, (r) => (bad.has(r) ? 'x' : undefined)));
    const e = errorsOf(buildDataset(p, detectRoles(p)).report).filter((x) => x.column === 'sales');
    expect(e.at(-1)!.message).toBe('1 more cell that is not a number in column sales: row 9');
  });

  it('a note in the last row of a 52-week export keeps the column numeric', () => {
    const p = parse(wide(52, (r) => (r === 53 ? '* estimated' : undefined)));
    expect(column(p, 'sales').kind).toBe('number');
    expect(role(p, 'sales').role).toBe('target');
    expect(errorsOf(buildDataset(p, detectRoles(p)).report)).toEqual([expect.objectContaining({ row: 53, column: 'sales', message: 'sales: "* estimated" is not a number' })]);
  });

  it('a channel column with one text cell stays a channel, named in its reason', () => {
    const text = wide(10).split('\n').map((l, i) => (i === 4 ? l.replace(/,(\d+),(\d+)$/, ',n/k,$2') : l)).join('\n');
    const p = parse(text);
    const r = role(p, 'tv_spend');
    expect(r).toMatchObject({ role: 'channel', channel: 'tv', measure: 'spend' });
    expect(r.reason).toMatch(/numeric except row 5 \("n\/k"\): fix or clear that cell$/);
  });

  it('mostly text named like the target: "No target chosen" names the column and its cells', () => {
    const p = parse(wide(4, (r) => (r === 3 ? 'abc' : r === 4 ? 'tbd' : r === 5 ? 'abc' : undefined)));
    expect(column(p, 'sales').kind).toBe('text');
    expect(role(p, 'sales').reason).toBe('text: 3 of 4 filled cells are not numbers (row 3 ("abc"), row 4 ("tbd") and row 5 ("abc"))');
    const e = errorsOf(buildDataset(p, detectRoles(p)).report);
    expect(e).toEqual([
      expect.objectContaining({
        file: 'mixed.csv', column: 'sales', row: 3,
        message: 'No target chosen: column sales is named like one but is read as text (not numbers: row 3 ("abc"), row 4 ("tbd") and row 5 ("abc"))',
      }),
    ]);
  });

  it('a tie (one number, one word) is text', () => {
    const p = parse(wide(2, (r) => (r === 3 ? 'abc' : undefined)));
    expect(column(p, 'sales').kind).toBe('text');
    expect(role(p, 'sales').reason).toBe('text: 1 of 2 filled cells is not a number (row 3 ("abc"))');
  });

  it("Robyn's events (\"na\" and event names, no numbers) is still one-hot encoded", () => {
    const p = parseFiles([sharedFile('robyn/dt_simulated_weekly.csv')]);
    expect(column(p, 'events').kind).toBe('text');
    expect(role(p, 'events')).toMatchObject({ role: 'control', reason: 'text with 3 values: one-hot encoded, the most common value is the reference' });
  });
});

describe('property: a minority of text cells never hides a numeric column', () => {
  it('kind number, every bad row named (or summarised), clearing them builds with exactly those rows imputed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }).chain((weeks) =>
          fc.record({
            weeks: fc.constant(weeks),
            // Interior rows only (rows 3 .. weeks), so a cleared cell is a gap, not the window's edge.
            bad: fc.uniqueArray(fc.integer({ min: 3, max: weeks }), { minLength: 1, maxLength: Math.floor((weeks - 1) / 2) }),
            word: fc.constantFrom('abc', 'n/k', '* estimated', 'TBD', 'see note', '12 units'),
          }),
        ),
        ({ weeks, bad, word }) => {
          const set = new Set(bad);
          const p = parse(wide(weeks, (r) => (set.has(r) ? word : undefined)));
          expect(column(p, 'sales').kind).toBe('number');
          expect(role(p, 'sales').role).toBe('target');
          const e = errorsOf(buildDataset(p, detectRoles(p)).report).filter((x) => x.column === 'sales');
          const rows = [...set].sort((a, b) => a - b);
          expect(e.slice(0, 5).map((x) => x.row)).toEqual(rows.slice(0, 5));
          if (rows.length > 5) expect(e[5].message).toMatch(new RegExp(`^${rows.length - 5} more cells? that (is|are) not (a number|numbers) in column sales: rows? ${rows[5]}`));
          const cleared = parse(wide(weeks, (r) => (set.has(r) ? '' : undefined)));
          const built = buildDataset(cleared, detectRoles(cleared));
          expect(show(errorsOf(built.report))).toBe('');
          expect(built.dataset!.imputed.filter((c) => c.column === 'sales').map((c) => c.row + 2)).toEqual(rows);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('the CLI reads mixed columns the same way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carryover-mixed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--target sales on a three-row file with "abc": the error names row 3 and column sales', () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, wide(3, (r) => (r === 3 ? 'abc' : undefined)));
    const r = loadDataset([path], { date: 'date', target: 'sales', channels: ['tv_spend'] });
    expect(r.dataset).toBeUndefined();
    expect(errorsOf(r.report)).toContainEqual(expect.objectContaining({ row: 3, column: 'sales', message: 'sales: "abc" is not a number' }));
  });

  it('without role flags: sales is still detected as the target, and the error names row 3', () => {
    const path = join(dir, 'detect.csv');
    writeFileSync(path, wide(3, (r) => (r === 3 ? 'abc' : undefined)));
    const r = loadDataset([path], {});
    expect(r.dataset).toBeUndefined();
    expect(errorsOf(r.report)).toEqual([expect.objectContaining({ row: 3, column: 'sales', message: 'sales: "abc" is not a number' })]);
  });
});

describe('workspace factors follow the same majority rule', () => {
  const raw = () => sharedFolder('synthetic/dev_workspace_hill', 'raw');
  /** The workspace with external_factors.csv's `competitor_index` value on its k-th row replaced. */
  function withFactorCell(k: number, cell: string) {
    const files = raw().map((f) => {
      if (!f.name.endsWith('external_factors.csv')) return f;
      let seen = 0;
      const lines = f.text.split('\n').map((l) => (l.includes(',competitor_index,') && ++seen === k ? l.replace(/[^,]*$/, cell) : l));
      return { ...f, text: lines.join('\n') };
    });
    return parseFiles(files);
  }

  it('a numeric factor with one word is numeric, and its cell is an error at its row', () => {
    const p = withFactorCell(10, 'n/k');
    const c = p.frame.columns.find((x) => x.name === 'competitor_index')!;
    expect(c.kind).toBe('number');
    const r = detectRoles(p).columns.find((x) => x.column === 'competitor_index')!;
    expect(r.role).toBe('control');
    expect(r.reason).toMatch(/numeric except row \d+ \("n\/k"\): fix or clear that cell$/);
    const e = errorsOf(buildDataset(p, detectRoles(p)).report);
    // Row of the 10th competitor_index line: the header is row 1 and the factors alternate.
    expect(e).toEqual([expect.objectContaining({ file: expect.stringMatching(/external_factors\.csv$/), row: 21, column: 'value', message: 'competitor_index: "n/k" is not a number' })]);
  });

  it('a factor of labels is still text', () => {
    const files = raw().map((f) =>
      f.name.endsWith('external_factors.csv') ? { ...f, text: f.text.replace(/,black_friday,0\.0/g, ',season,low').replace(/,black_friday,1\.0/g, ',season,high') } : f,
    );
    expect(parseFiles(files).frame.columns.find((x) => x.name === 'season')!.kind).toBe('text');
  });
});
