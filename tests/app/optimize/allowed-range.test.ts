// The bounds table's "Allowed per week" cell: the spend range the bounds leave. A minimum
// above the maximum (3× and 2× current) showed "0.74 – 0.49", read as a range; it now says
// there is none.
import { describe, expect, it } from 'vitest';
import { allowedRange } from '../../../src/app/optimize/form';
import { num } from '../../../src/app/results/format';

const ch = (minMode: 'relative' | 'absolute' | 'none', min: number | null, maxMode: 'relative' | 'absolute' | 'none', max: number | null, fixed = false) => ({ minMode, min, maxMode, max, fixed });

describe('allowed spend per period', () => {
  it('relative and absolute bounds give lo – hi at the current spend', () => {
    expect(allowedRange(ch('relative', 0.5, 'relative', 2), 0.25, num)).toBe(`${num(0.125)} – ${num(0.5)}`);
    expect(allowedRange(ch('absolute', 100, 'none', null), 80, num)).toBe(`${num(100)} – no maximum`);
    expect(allowedRange(ch('none', null, 'absolute', 300), 80, num)).toBe(`${num(0)} – ${num(300)}`);
  });

  it('a minimum above the maximum leaves none, said in words', () => {
    expect(allowedRange(ch('relative', 3, 'relative', 2), 0.246, num)).toBe('none: minimum above maximum');
    expect(allowedRange(ch('absolute', 10, 'relative', 1), 9.99, num)).toBe('none: minimum above maximum');
    // Equal bounds are one allowed value, not an error.
    expect(allowedRange(ch('absolute', 5, 'absolute', 5), 9, num)).toBe(`${num(5)} – ${num(5)}`);
  });

  it('a held channel shows its current spend', () => {
    expect(allowedRange(ch('relative', 3, 'relative', 2, true), 0.25, num)).toBe(`${num(0.25)} (fixed)`);
  });
});
