// Money written the way a German or French export writes it, with the currency sign
// (bad-input sweep, session 4): "€2.754.371,67" in a comma-delimited file gave no evidence of
// the decimal mark (the sign hid the shape), so the file's dot decimals decided and every
// cell failed: Robyn's revenue became text ("no target"), Meridian's conversions errors on
// every row. Oracle: the plain file's numbers.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { decimalEvidence, readNumber } from '../../src/data/numbers';
import { errorsOf, sharedFile, show, simpleCsv } from '../data/helpers';

const PLAIN = (() => {
  const parsed = parseFiles([sharedFile('robyn/dt_simulated_weekly.csv')]);
  return buildDataset(parsed, detectRoles(parsed)).dataset!;
})();

function withRevenue(format: (v: number) => string, delimiter: string) {
  const { header, rows } = simpleCsv(sharedFile('robyn/dt_simulated_weekly.csv').text);
  const j = header.indexOf('revenue');
  const quote = (c: string) => (c.includes(delimiter) ? `"${c}"` : c);
  const text = [header.join(delimiter), ...rows.map((r) => r.map((c, k) => quote(k === j ? format(Number(c)) : c)).join(delimiter))].join('\n');
  const parsed = parseFiles([{ name: 'money.csv', text }]);
  return buildDataset(parsed, detectRoles(parsed));
}

describe('revenue with a currency sign and thousands groups', () => {
  const de = (v: number) => v.toLocaleString('de-DE', { maximumFractionDigits: 20 });
  const cases: Array<[string, (v: number) => string, string]> = [
    ['€ before, de-DE grouping, comma file', (v) => `€${de(v)}`, ','],
    ['€ after with a space, de-DE grouping, comma file', (v) => `${de(v)} €`, ','],
    ['EUR before, de-DE grouping, semicolon file', (v) => `EUR ${de(v)}`, ';'],
    ['$ before, en-US grouping, comma file', (v) => `$${v.toLocaleString('en-US', { maximumFractionDigits: 20 })}`, ','],
  ];
  for (const [label, format, delimiter] of cases)
    it(`${label}: the plain file's numbers`, () => {
      const r = withRevenue(format, delimiter);
      expect(show(errorsOf(r.report))).toBe('');
      expect(r.dataset!.target.name).toBe('revenue');
      expect(Array.from(r.dataset!.target.values)).toEqual(Array.from(PLAIN.target.values));
    });

  it('the evidence of one cell ignores the sign, parentheses and currency', () => {
    expect(decimalEvidence('€2.754.371,67')).toBe(',');
    expect(decimalEvidence('-€1.234,5')).toBe(',');
    expect(decimalEvidence('(1.234,56 €)')).toBe(',');
    expect(decimalEvidence('$1,234.56')).toBe('.');
    expect(decimalEvidence('USD 0.5')).toBe('.');
    expect(decimalEvidence('€1.234')).toBeNull(); // 1.234 or 1234: undecided, as without the sign
    expect(readNumber('(1.234,56 €)', ',')).toEqual({ ok: true, value: -1234.56 });
  });
});
