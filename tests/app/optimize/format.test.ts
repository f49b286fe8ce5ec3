// How the Optimize step shows amounts in its inputs: rounded for reading, never changing
// what is computed (the form keeps the exact value; see BudgetForm.svelte).
import { describe, expect, it } from 'vitest';
import { amount, inputAmount } from '../../../src/app/optimize/format';

describe('inputAmount', () => {
  it('cents from 1 up, four significant digits below', () => {
    expect(inputAmount(19.0289259232429)).toBe(19.03);
    expect(inputAmount(1234567.891)).toBe(1234567.89);
    expect(inputAmount(1)).toBe(1);
    expect(inputAmount(0.0123456)).toBe(0.01235);
    expect(inputAmount(-2.345)).toBe(-2.35);
    expect(inputAmount(0)).toBe(0);
  });
  it('passes empty and unreadable values through for the form to report', () => {
    expect(inputAmount(null)).toBeNull();
    expect(inputAmount(NaN)).toBeNaN();
  });
  it('the rounded amount is within half a cent, or 0.05% below 1', () => {
    for (const v of [19.0289259232429, 3.14159, 999.995, 0.987654, 0.000123456]) {
      const r = inputAmount(v)!;
      expect(Math.abs(r - v)).toBeLessThanOrEqual(Math.abs(v) >= 1 ? 0.005 + 1e-12 : 5e-4 * Math.abs(v));
    }
  });
  it('amount writes nothing as 0', () => {
    expect(amount(0)).toBe('0');
    expect(amount(12345)).toBe('12.3k');
  });
});
