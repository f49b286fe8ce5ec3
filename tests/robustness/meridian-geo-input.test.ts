// Meridian geo files with bad cells (bad-input sweep, session 4). A negative spend in one geo
// was summed into the national spend without a word (a smaller, wrong number); geos missing
// on many dates gave one error line per date (3,120 lines for a daily re-export).
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { errorsOf, sharedFile } from '../data/helpers';

const GEO = sharedFile('meridian/geo_media_rf.csv');
const [HEAD, ...LINES] = GEO.text.trim().split('\n');
const COLS = HEAD.split(',');
const at = (name: string) => COLS.indexOf(name);

function build(text: string) {
  const parsed = parseFiles([{ name: 'geo.csv', text }]);
  return buildDataset(parsed, detectRoles(parsed));
}

describe('Meridian geo file: bad cells', () => {
  it('a negative spend in one geo is an error naming its row, geo and channel, not a smaller national sum', () => {
    const rows = LINES.map((l) => l.split(','));
    const i = rows.findIndex((r) => Number(r[at('Channel0_spend')]) > 0);
    rows[i][at('Channel0_spend')] = '-100';
    const r = build([HEAD, ...rows.map((x) => x.join(','))].join('\n'));
    expect(r.dataset).toBeUndefined();
    const e = errorsOf(r.report);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ file: 'geo.csv', row: i + 2, column: 'Channel0_spend', channel: 'Channel0', message: `Negative spend -100 for channel Channel0 in geo ${rows[i][at('geo')]}` });
    expect(e[0].hint).toMatch(/cannot be negative/);
  });

  it('the clean file has no such error (the check reads values, not signs of zero)', () => {
    expect(errorsOf(build(GEO.text).report)).toEqual([]);
  });

  it('a geo missing on many dates: five lines by date, then one line counting the rest', () => {
    const geo0 = LINES.filter((l) => l.startsWith('Geo0,'));
    const dropped = geo0.slice(0, 40).map((l) => l.split(',')[at('time')]);
    const text = [HEAD, ...LINES.filter((l) => !(l.startsWith('Geo0,') && dropped.includes(l.split(',')[at('time')])))].join('\n');
    const e = errorsOf(build(text).report).filter((x) => x.column === 'geo');
    expect(e.map((x) => x.message).slice(0, 5)).toEqual(dropped.slice(0, 5).map((d) => `1 of 20 geos has no row for ${d}; the national total would be short`));
    expect(e).toHaveLength(6);
    expect(e[5].message).toMatch(/^35 more dates with geos missing in column geo: rows /);
  });
});

describe('Meridian geo file: trailing separators', () => {
  it('the empty last column is left out as empty and the dataset is the plain file\'s', () => {
    const text = [HEAD + ',', ...LINES.map((l) => l + ',')].join('\n');
    const r = build(text);
    const plain = build(GEO.text).dataset!;
    expect(errorsOf(r.report)).toEqual([]);
    expect(r.dataset!.controls.map((c) => c.name)).toEqual(plain.controls.map((c) => c.name));
    expect(Array.from(r.dataset!.target.values)).toEqual(Array.from(plain.target.values));
  });
});

describe('Meridian geo file: an empty cell in one geo', () => {
  it('is named by row, geo and date as the cause of the imputed national value', () => {
    const rows = LINES.map((l) => l.split(','));
    const i = 500;
    rows[i][at('Channel0_spend')] = '';
    const r = build([HEAD, ...rows.map((x) => x.join(','))].join('\n'));
    expect(errorsOf(r.report)).toEqual([]);
    const date = rows[i][at('time')];
    const w = r.report.filter((e) => e.row === i + 2);
    expect(w).toEqual([
      {
        severity: 'warning',
        file: 'geo.csv',
        column: 'Channel0_spend',
        row: i + 2,
        message: `Channel0_spend is empty for geo ${rows[i][at('geo')]} on ${date}; the national value of that date is imputed, not summed over the other geos`,
        hint: "fill in the geo's value (0 if there was none): an empty cell makes the national value of its date imputed",
      },
    ]);
    // The national value of that date is the imputed one, flagged.
    const d = r.dataset!;
    expect(d.imputed).toEqual([expect.objectContaining({ column: 'Channel0', row: d.dates.indexOf(date) })]);
  });
});
