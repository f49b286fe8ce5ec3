// The Ridge step's note on intervals that reach 0 or points outside their intervals: said only then and when the intervals
// were built with the penalty's bias taken out; it names exactly those channels. On a real
// small run on Robyn's data the channels named are those whose q05 is 0 in the result.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../../src/app/ridge/options';
import { roasRows, wideIntervalNote, type RoasRow } from '../../../src/app/ridge/views';
import type { Estimate } from '../../../src/core/types';
import { runRidge } from '../../../src/ridge/run';
import type { RidgeResult } from '../../../src/ridge/types';
import { robynWeekly } from '../../calibration/wide-csv';

const est = (q05: number, q95: number): Estimate => ({ mean: (q05 + q95) / 2, sd: 1, q05, q50: (q05 + q95) / 2, q95 });
const row = (channel: string, roas: Estimate): RoasRow =>
  ({ channel, roas, point: { roas: 1, contribution: 1, marginal_roas: 1, effect_share: 0.1 } }) as unknown as RoasRow;

describe('wide ridge intervals explained next to the chart', () => {
  it('no note when every interval stays above 0, or without the bias correction', () => {
    // Points inside their intervals (row() puts every point at 1).
    expect(wideIntervalNote([row('tv', est(0.5, 3)), row('ooh', est(0.4, 1.9))], 0.09, true)).toBeNull();
    expect(wideIntervalNote([row('tv', est(0, 3))], 0.09, false)).toBeNull();
  });

  it('names the channels whose interval starts at 0, in the table order', () => {
    const rows = [row('tv', est(0.5, 9.1)), row('facebook', est(0, 9.5)), row('print', est(0.5, 24)), row('search', est(0, 11.1))];
    expect(wideIntervalNote(rows, 0.092, true)).toBe(
      'The ROAS intervals of facebook and search start at 0. The penalty (λ 0.092) shrinks every point toward 0, but the intervals are ' +
        'built with that shrinkage taken out, so they are as wide as least squares on this data makes them: honest about what the data ' +
        'alone can tell, and a lift test or the Bayesian fit with its priors narrows them.',
    );
  });

  it('names a point outside its interval (the shrunk tv of the first Robyn run), alone or with intervals at 0', () => {
    const tv = { ...row('tv', est(5.37, 9.08)), point: { roas: 2.34, contribution: 1, marginal_roas: 1, effect_share: 0.1 } } as RoasRow;
    expect(wideIntervalNote([tv, row('ooh', est(0.5, 1.9))], 0.092, true)).toMatch(/^The point of tv lies outside its interval\. The penalty/);
    expect(wideIntervalNote([tv, row('search', est(0, 11))], 0.092, true)).toMatch(
      /^The ROAS interval of search starts at 0, and the point of tv lies outside its interval\. The penalty \(λ 0\.092\)/,
    );
  });

  it("on a small run on Robyn's data: exactly the channels whose q05 is 0", () => {
    const data = robynWeekly();
    const r = runRidge(data, ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 77, population: 16, generations: 6, replicates: 60 }, data, null)) as RidgeResult;
    const rows = roasRows(r, null);
    const zero = rows.filter((x) => x.roas.q05 === 0).map((x) => x.channel);
    expect(zero).toEqual(['facebook_S', 'search_S']); // this seed's case: the note must apply
    const outside = rows.filter((x) => x.point.roas < x.roas.q05! || x.point.roas > x.roas.q95!).map((x) => x.channel);
    const note = wideIntervalNote(rows, r.model.hyper.lambda, r.bootstrap.penalty_bias_corrected)!;
    const [zeroPart, outsidePart = ''] = note.split('. The penalty')[0].split(', and the point');
    for (const c of rows.map((x) => x.channel)) {
      expect(zeroPart.includes(` ${c}`), c).toBe(zero.includes(c));
      expect(outsidePart.includes(` ${c}`) || (zero.length === 0 && zeroPart.includes(` ${c}`)), c).toBe(outside.includes(c));
    }
  });
});
