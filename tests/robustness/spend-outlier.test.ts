// A spend cell far out of scale (bad-input sweep, session 4): "1e300" (or a few extra digits)
// in one row was read, and the channel, scaled by its maximum, became a single spike with
// every other period near 0 — fitted and reported without a word. Oracle: the median of the
// channel's positive spend in the file, computed here.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile, simpleCsv } from '../data/helpers';

const { header, rows } = simpleCsv(sharedFile('synthetic/dev_weekly_hill/data.csv').text);
const j = header.indexOf('search');
const positive = rows.map((r) => Number(r[j])).filter((v) => v > 0).sort((a, b) => a - b);
const median = positive[Math.floor(positive.length / 2)];

function withSearch(row: number, value: string) {
  const edited = rows.map((r, i) => r.map((c, k) => (i === row && k === j ? value : c)));
  const parsed = parseFiles([{ name: 's.csv', text: [header, ...edited].map((r) => r.join(',')).join('\n') }]);
  return buildDataset(parsed, detectRoles(parsed));
}
const outliers = (r: ReturnType<typeof withSearch>) => r.report.filter((e) => /times its median spend/.test(e.message));

describe('a spend cell far out of scale', () => {
  it('1e300 in one row: built, with a warning naming the row, the channel and the ratio to the median', () => {
    const r = withSearch(40, '1e300');
    expect(r.dataset).toBeDefined();
    expect(outliers(r)).toEqual([
      {
        severity: 'warning',
        file: 's.csv',
        column: 'search',
        channel: 'search',
        row: 42,
        message: `Spend 1e+300 for channel search is ${(1e300 / median).toExponential(1)} times its median spend (${median})`,
        hint: 'check the cell for extra digits or mixed units: the channel is scaled by its largest spend, so this one value flattens every other period',
      },
    ]);
  });

  it('the threshold is 1000 times the median: a 900× burst passes, 1100× is said', () => {
    expect(outliers(withSearch(40, String(900 * median)))).toEqual([]);
    const said = outliers(withSearch(40, String(1100 * median)));
    expect(said).toHaveLength(1);
    expect(said[0].message).toMatch(/ is 1,\d{3} times its median spend/);
  });
});
