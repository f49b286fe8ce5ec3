// Numbers written with a percent sign (bad-input sweep, session 4). A column of "12.5%" cells
// was read as text: Robyn's competitor_sales_B was then silently left out, a Meridian control
// was one-hot encoded into a control per distinct value (155 of them), and a geo control
// was dropped. The policy (src/data/numbers.ts) asks for plain numbers; the fix keeps the
// column numeric so that its cells are named, by row, with that hint, when it is used.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { columnKind } from '../../src/data/columns';
import { errorsOf, sharedFile, simpleCsv } from '../data/helpers';

function withPercent(path: string, column: string) {
  const { header, rows } = simpleCsv(sharedFile(path).text);
  const j = header.indexOf(column);
  const text = [header.join(','), ...rows.map((r) => r.map((c, k) => (k === j ? `${c}%` : c)).join(','))].join('\n');
  const parsed = parseFiles([{ name: 'p.csv', text }]);
  const roles = detectRoles(parsed);
  return { parsed, roles, built: buildDataset(parsed, roles), first: `${rows[0][j]}%` };
}

describe('a column of percentages', () => {
  const cases: Array<[string, string, string]> = [
    ['Robyn competitor_sales_B', 'robyn/dt_simulated_weekly.csv', 'competitor_sales_B'],
    ['a Meridian national control', 'meridian/national_media.csv', 'competitor_activity_score_control'],
    ['a Meridian geo control', 'meridian/geo_media_rf.csv', 'competitor_activity_score_control'],
    ['a synthetic control', 'synthetic/dev_weekly_hill/data.csv', 'competitor_index'],
  ];
  for (const [label, path, column] of cases)
    it(`${label}: stays a numeric control and stops the build naming its cells, not a silent drop or a one-hot`, () => {
      const { parsed, roles, built, first } = withPercent(path, column);
      expect(parsed.frame.columns.find((c) => c.name === column)?.kind).toBe('number');
      expect(roles.columns.find((r) => r.column === column)?.role).toBe('control');
      expect(built.dataset).toBeUndefined();
      const e = errorsOf(built.report).filter((x) => x.column === column);
      expect(e.length).toBeGreaterThan(0);
      expect(e[0]).toMatchObject({ file: 'p.csv', row: 2, message: `${column}: "${first}" is not a number` });
      expect(e[0].hint).toBe('write percentages as plain numbers (12.5 rather than 12.5%)');
      // Every error is about a cell of the column, by row ("has no values" beside them would
      // send the user looking for a gap).
      expect(errorsOf(built.report).every((x) => x.column === column && x.row !== undefined)).toBe(true);
      // No control named after a level of the column (the one-hot encoding of text).
      expect(errorsOf(built.report).concat(built.report).every((x) => !String(x.column ?? '').startsWith(`${column}_`))).toBe(true);
    });

  it('kind: percent cells count as numbers, labels stay text', () => {
    expect(columnKind(['12.5%', '3%', '-0.5%', '1.234,5 %'], 0, 4)).toBe('number');
    expect(columnKind(['12,5%', 'n/a', '7%'], 0, 2)).toBe('number');
    expect(columnKind(['promo', 'launch', '5%'], 0, 3)).toBe('text');
    expect(columnKind(['holiday', 'none'], 0, 2)).toBe('text');
  });

  it('a Meridian *_control of free text is not one-hot encoded into a control per value', () => {
    const { header, rows } = simpleCsv(sharedFile('meridian/national_media.csv').text);
    const j = header.indexOf('sentiment_score_control');
    const text = [header.join(','), ...rows.map((r, i) => r.map((c, k) => (k === j ? `note ${i % 40}` : c)).join(','))].join('\n');
    const parsed = parseFiles([{ name: 'n.csv', text }]);
    const roles = detectRoles(parsed);
    expect(roles.columns.find((r) => r.column === 'sentiment_score_control')).toMatchObject({ role: 'ignored', reason: 'text with 40 different values' });
    const d = buildDataset(parsed, roles).dataset!;
    expect(d.controls.map((c) => c.name)).toEqual(['competitor_activity_score_control']);
  });
});
