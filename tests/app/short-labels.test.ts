// Phone-width category labels: short, distinct, and unchanged when they already fit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortLabels } from '../../src/app/lib/short-labels';

describe('shortLabels', () => {
  it('cuts long names with an ellipsis and leaves short ones', () => {
    expect(shortLabels(['revenue', 'competitor_activity_score_control'], 12)).toEqual(['revenue', 'competitor_…']);
  });

  it('names that share a prefix stay apart', () => {
    const l = shortLabels(['sentiment_score_a', 'sentiment_score_b', 'sentiment_score_c'], 12);
    expect(l).toEqual(['sentiment_s…', 'sentiment_…2', 'sentiment_…3']);
  });

  it('property: every label at most max characters, all distinct, short names kept', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 12 }), fc.integer({ min: 4, max: 20 }), (names, max) => {
        const l = shortLabels(names, max);
        expect(new Set(l).size).toBe(names.length);
        l.forEach((s, i) => {
          expect([...s].length <= max || s === names[i]).toBe(true);
          if (names[i].length <= max) expect(s).toBe(names[i]);
        });
      }),
    );
  });
});
