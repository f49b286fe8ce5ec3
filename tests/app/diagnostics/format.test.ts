// Outcome-scale numbers in the Diagnostics area (posterior predictive test statistics): k / M / B
// from the same thresholds as the Results tables (results/format.ts num), four significant digits.
import { describe, expect, it } from 'vitest';
import { fmtScaled } from '../../../src/app/diagnostics/format';
import { testStatFigure } from '../../../src/app/diagnostics/figures-fit';
import { num } from '../../../src/app/results/format';
import type { TestStatistic } from '../../../src/diagnostics/ppc';

describe('fmtScaled', () => {
  it('writes Robyn-sized revenue with a unit, small values as they are', () => {
    expect(fmtScaled(1_822_000)).toBe('1.822M');
    expect(fmtScaled(716_200)).toBe('716.2k');
    expect(fmtScaled(-3_828_000)).toBe('-3.828M');
    expect(fmtScaled(2.5e9)).toBe('2.5B');
    expect(fmtScaled(9500)).toBe('9500');
    expect(fmtScaled(0.79523)).toBe('0.7952');
    expect(fmtScaled(null)).toBe('—');
    expect(fmtScaled(NaN)).toBe('—');
  });

  it('switches unit where num() does', () => {
    for (const v of [9999, 10_000, 999_999, 1_000_000, 12_345_678]) {
      const unit = (t: string) => t.replace(/^[-\d.]+/, '');
      expect(unit(fmtScaled(v)), String(v)).toBe(unit(num(v)));
    }
  });

  it('the test-statistic histogram labels the observed value the same way', () => {
    const f = testStatFigure({ name: 'mean', observed: 1_822_000, replicated: new Float64Array([1.8e6, 1.83e6]), replicated_mean: 1.815e6, replicated_q05: 1.8e6, replicated_q95: 1.83e6, ppp: 0.49 } satisfies TestStatistic);
    expect((f.layout.annotations as Array<{ text: string }>)[0].text).toBe('observed 1.822M');
  });
});
