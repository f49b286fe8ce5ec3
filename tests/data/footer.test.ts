// Footer rows of a wide export ("Total", notes) are left out with a warning naming them;
// a mistyped last date and a long block of undated rows stay errors at their rows.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { errorsOf, show } from './helpers';

const WEEKS = 52;
const sales = (i: number) => 1000 + 10 * i + (i % 5);
const tv = (i: number) => 100 + (i % 7);

function body(weeks = WEEKS): string[] {
  const lines = ['date,sales,tv_spend,price'];
  for (let i = 0; i < weeks; i++) {
    const date = new Date(Date.UTC(2021, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${sales(i)},${tv(i)},${2 + (i % 3) / 10}`);
  }
  return lines;
}

function run(lines: string[]) {
  const parsed = parseFiles([{ name: 'export.csv', text: lines.join('\n') }]);
  return { parsed, ...buildDataset(parsed, detectRoles(parsed)) };
}

const totals = () => {
  let s = 0;
  let t = 0;
  for (let i = 0; i < WEEKS; i++) [s, t] = [s + sales(i), t + tv(i)];
  return `Total,${s},${t},`;
};

describe('footer rows', () => {
  it('"Total" and a note after the data: left out, named, and the totals do not become a week', () => {
    const { parsed, dataset, report } = run([...body(), totals(), '"Source: BI export, 2022-01-03",,,']);
    expect(show(errorsOf(report))).toBe('');
    expect(report).toContainEqual(expect.objectContaining({
      severity: 'warning', file: 'export.csv', row: 54, column: 'date',
      message: 'Rows 54 and 55 after the last date are left out as a footer ("Total", "Source: BI export, 2022-01-03")',
    }));
    expect(parsed.tables[0]).toMatchObject({ rows: WEEKS, first: '2021-01-04', last: '2021-12-27', grain: 'week' });
    expect(dataset!.dates).toHaveLength(WEEKS);
    expect(Array.from(dataset!.target.values)).toEqual(Array.from({ length: WEEKS }, (_, i) => sales(i)));
    expect(dataset!.imputed).toEqual([]);
  });

  it('a ragged note row (more cells than the header) is left out without its ragged-row error', () => {
    const { dataset, report } = run([...body(), 'Notes: spend in EUR, net of fees, weekly,,,,']);
    expect(show(errorsOf(report))).toBe('');
    expect(report.filter((e) => e.row === 54).map((e) => e.message)).toEqual(['Row 54 after the last date is left out as a footer ("Notes: spend in EUR")']);
    expect(dataset!.dates).toHaveLength(WEEKS);
  });

  it('a row with no date and no label at the end (an unlabelled totals row) is a footer too', () => {
    const row = totals().replace(/^Total/, '');
    const { dataset, report } = run([...body(), row]);
    expect(show(errorsOf(report))).toBe('');
    expect(report).toContainEqual(expect.objectContaining({ row: 54, message: `Row 54 after the last date is left out as a footer ("${row.split(',')[1]}")` }));
    expect(dataset!.dates).toHaveLength(WEEKS);
  });

  it('a mistyped last date is written like a date: an error at its row, not a footer', () => {
    const lines = body();
    lines[WEEKS] = lines[WEEKS].replace(/^2021-12-27/, '2021-12-32');
    const { dataset, report } = run(lines);
    expect(dataset).toBeUndefined();
    expect(errorsOf(report)).toContainEqual(expect.objectContaining({ row: WEEKS + 1, column: 'date', message: expect.stringMatching(/2021-12-32 is not a valid calendar date/) }));
    expect(report.some((e) => /footer/.test(e.message))).toBe(false);
  });

  it('more than five undated rows at the end are data missing dates: errors, nothing left out', () => {
    const extra = Array.from({ length: 6 }, (_, k) => `,${2000 + k},${100 + k},2`);
    const { dataset, report } = run([...body(), ...extra]);
    expect(dataset).toBeUndefined();
    expect(errorsOf(report).filter((e) => e.message === 'Date is missing').map((e) => e.row)).toEqual([54, 55, 56, 57, 58]);
    expect(report.some((e) => /footer/.test(e.message))).toBe(false);
  });

  it('an undated row inside the data is not a footer: "Date is missing" at its row', () => {
    const lines = body();
    lines[10] = lines[10].replace(/^[^,]+/, '');
    expect(errorsOf(run(lines).report)).toContainEqual(expect.objectContaining({ row: 11, column: 'date', message: 'Date is missing' }));
  });
});
