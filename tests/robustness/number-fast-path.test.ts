// The big-input fix made reading plain decimals faster (src/data/numbers.ts): a scan instead
// of seven regular expressions for the decimal-mark evidence, and the plain-number shortcut
// for cells of any length. Oracle: the general rules as they were before the change (copied
// here verbatim), on generated cells of every shape the shortcuts could touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEvidence, readNumber, type DecimalMark } from '../../src/data/numbers';

const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;

/** decimalEvidence before the fast path (src/data/numbers.ts at 5b63bcc). */
function evidenceBefore(cell: string): DecimalMark | null {
  if (cell.indexOf(',') < 0 && cell.indexOf('.') < 0) return null;
  const s = cell.replace(SPACES, '').replace(/^[-+(]|\)$/g, '');
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d{1,3}(,\d{3}){2,}$/.test(s)) return '.';
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^\d{1,3}(\.\d{3}){2,}$/.test(s)) return ',';
  if (/^\d*\.(\d{1,2}|\d{4,})$/.test(s) || /^0\.\d+$/.test(s) || /^\d+\.\d*e[-+]?\d+$/i.test(s)) return '.';
  if (/^\d*,(\d{1,2}|\d{4,})$/.test(s) || /^0,\d+$/.test(s)) return ',';
  return null;
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Cells near the plain shape: optional sign, digits, separators, digits, sometimes junk. */
const cell = fc.oneof(
  fc.tuple(fc.constantFrom('', '-', '+', '('), digits(0, 22), fc.constantFrom('.', ',', '', '..', '.,'), digits(0, 22), fc.constantFrom('', ')', 'e5', ' ', '%')).map((p) => p.join('')),
  fc.tuple(digits(1, 3), fc.array(digits(3, 3), { maxLength: 4 }), fc.constantFrom('.', ','), digits(0, 4)).map(([a, groups, sep, f]) => `${a}${groups.map((g) => (sep === '.' ? ',' : '.') + g).join('')}${f ? sep + f : ''}`),
  fc.string({ maxLength: 24 }),
);

describe('number reading fast paths', () => {
  it('decimal-mark evidence: the scan answers as the general rules did, on 20,000 cells', () => {
    fc.assert(
      fc.property(cell, (c) => {
        expect(decimalEvidence(c)).toBe(evidenceBefore(c));
      }),
      { numRuns: 20_000, seed: 808 },
    );
  });

  it('plain numbers of any length read to the value Number() gives; too long for a double is still an error', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-'), digits(1, 40), fc.option(digits(1, 40)), (sign, int, frac) => {
        const raw = `${sign}${int}${frac === null ? '' : '.' + frac}`;
        const r = readNumber(raw, '.');
        expect(r).toEqual({ ok: true, value: Number(raw) });
        const comma = readNumber(raw.replace('.', ','), ',');
        expect(comma).toEqual({ ok: true, value: Number(raw) });
      }),
      { numRuns: 5_000, seed: 809 },
    );
    const huge = '9'.repeat(400);
    expect(readNumber(huge, '.')).toMatchObject({ ok: false, missing: false, reason: expect.stringMatching(/too large/) });
    expect(readNumber('1234567.123456789', '.')).toEqual({ ok: true, value: 1234567.123456789 });
  });
});
