// Two fits of the same data in the same minute got the same run name; the second is now "(2)".
import { describe, expect, it } from 'vitest';
import { uniqueRunName } from '../../src/app/runs/unique-name';

describe('new run names', () => {
  const base = 'mmm_example · 2026-11-23 05:24';
  it('a free name is kept', () => expect(uniqueRunName(base, ['other · 2026-11-23 05:24'])).toBe(base));
  it('a taken name gets the first free number from 2', () => {
    expect(uniqueRunName(base, [base])).toBe(`${base} (2)`);
    expect(uniqueRunName(base, [base, `${base} (2)`, `${base} (4)`])).toBe(`${base} (3)`);
  });
});
